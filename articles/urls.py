from django.urls import path
from django.utils.translation import pgettext_lazy

from . import feeds, views
from .models import Format

app_name = "articles"

#: The formats with a listing of their own, in menu order, each at an address of its own in each
#: language ("photo/" is "anh/" in Vietnamese). The URLs, the listing pages and the menu read it;
#: a section may not take these addresses (categories.models.RESERVED_SLUGS, checked by a test).
FORMAT_LISTINGS = {
    Format.VIDEO: pgettext_lazy("URL", "video/"),
    Format.PHOTO: pgettext_lazy("URL", "photo/"),
    Format.INFOGRAPHIC: pgettext_lazy("URL", "infographics/"),
    Format.MEGASTORY: pgettext_lazy("URL", "mega-story/"),
}

urlpatterns = [
    path("", views.home, name="home"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    *(
        path(address, views.FormatView.as_view(format=format), name=f"format-{format}")
        for format, address in FORMAT_LISTINGS.items()
    ),
    path(pgettext_lazy("URL", "corrections/"), views.CorrectionsView.as_view(), name="corrections"),
    # Before the article pages, whose two slugs "reads/12/" would match.
    path("reads/<int:pk>/", views.article_read, name="read"),
    path("<slug:category>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="detail"),
    path("<slug:category>/<slug:slug>/bilingual/", views.article_bilingual, name="bilingual"),
    # A section's slug is one segment: it comes after every fixed prefix.
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
]
