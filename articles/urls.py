from django.urls import path
from django.utils.translation import pgettext_lazy

from . import feeds, views
from .models import Format

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    # Format listings, with an address in each language ("photo/" is "anh/" in Vietnamese).
    path(pgettext_lazy("URL", "video/"), views.FormatView.as_view(format=Format.VIDEO), name="format-video"),
    path(pgettext_lazy("URL", "photo/"), views.FormatView.as_view(format=Format.PHOTO), name="format-photo"),
    path(
        pgettext_lazy("URL", "infographics/"),
        views.FormatView.as_view(format=Format.INFOGRAPHIC),
        name="format-infographic",
    ),
    path(
        pgettext_lazy("URL", "mega-story/"),
        views.FormatView.as_view(format=Format.MEGASTORY),
        name="format-megastory",
    ),
    path("<slug:category>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="detail"),
    path("<slug:category>/<slug:slug>/bilingual/", views.article_bilingual, name="bilingual"),
    # A section's slug is one segment: it comes after every fixed prefix.
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
]
