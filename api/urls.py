from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("v1/schema/", views.SchemaView.as_view(), name="schema"),
    path("v1/docs/", views.docs, name="docs"),
    path("v1/<str:lang>/articles/", views.ArticleListView.as_view(), name="articles"),
    path("v1/<str:lang>/articles/<str:pk>/", views.ArticleDetailView.as_view(), name="article"),
    path("v1/<str:lang>/articles/<str:pk>/ninjs/", views.ArticleNinjsView.as_view(), name="article-ninjs"),
    path("v1/<str:lang>/categories/", views.CategoryListView.as_view(), name="categories"),
    path("v1/<str:lang>/tags/", views.TagListView.as_view(), name="tags"),
    path("v1/<str:lang>/search/", views.SearchView.as_view(), name="search"),
]
