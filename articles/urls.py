from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="detail"),
]
