"""Sitemaps: every published version with its translations, and Google News for the last 48 hours."""

from datetime import timedelta

from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from newsroom.languages import LANGUAGE_CODES, localized_text
from newsroom.sitemaps import TranslatedSitemap
from pages.models import SiteSettings

from .models import Article

#: What sitemap entries need from an article, and no more (sitemaps list every article).
SITEMAP_FIELDS = [
    "updated_at",
    "category__slug_vi",
    "category__slug_en",
    *(
        f"{name}_{code}"
        for code in LANGUAGE_CODES
        for name in ("title", "slug", "status", "published_at", "expires_at")
    ),
]


def published_anywhere():
    """Articles published in at least one language."""
    queryset = Article.objects.none()
    for code in LANGUAGE_CODES:
        queryset |= Article.objects.published(code)
    return queryset


class ArticleSitemap(TranslatedSitemap):
    """Newest first by primary key: one count and one page of rows per sitemap page, at any size."""

    def items(self):
        return published_anywhere().select_related("category").only(*SITEMAP_FIELDS).order_by("-pk")

    def get_latest_lastmod(self):
        return published_anywhere().aggregate(latest=Max("updated_at"))["latest"]

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if item.is_published(code)]

    def lastmod(self, item):
        return item.updated_at


def news_sitemap(request):
    """
    ``/news-sitemap.xml``: Google News' format, versions published in the last
    48 hours (at most 1,000, as Google reads no more).
    """
    since = timezone.now() - timedelta(hours=48)
    entries = []
    for code in LANGUAGE_CODES:
        recent = Article.objects.published(code).filter(**{f"published_at_{code}__gte": since})
        fields = (f"{name}_{c}" for name in ("slug", "category__slug") for c in LANGUAGE_CODES)
        recent = recent.select_related("category").only(f"title_{code}", f"published_at_{code}", *fields)
        for article in recent.order_by(f"-published_at_{code}")[:1000]:
            entries.append(
                {
                    "location": request.build_absolute_uri(article.url_in(code)),
                    "language": code,
                    "title": getattr(article, f"title_{code}"),
                    "published_at": getattr(article, f"published_at_{code}"),
                }
            )
    site = SiteSettings.load()
    names = {code: localized_text(site, "organisation_name", code) or "Newsroom" for code in LANGUAGE_CODES}
    for entry in entries:
        entry["publication"] = names[entry["language"]]
    context = {"entries": entries}
    return render(
        request, "articles/news_sitemap.xml", context, content_type="application/xml; charset=utf-8"
    )
