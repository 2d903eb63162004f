"""
RSS 2.0 feeds per language and per section: the newest published versions, with links to translations.

An RSS description is HTML: feed readers render it. Leads and section
descriptions are plain text, so they are HTML-escaped first (the feed's XML
then escapes them once more): "<img>" in a lead reaches readers as text.
"""

import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from categories.models import Category
from media.services import photo_renditions_or_queue
from newsroom.languages import LANGUAGE_CODES
from pages.models import SiteSettings

from .models import Article, Correction

FEED_SIZE = 30


class TranslatedItemsRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose items link to their translations: ``atom:link rel="alternate" hreflang``."""

    def add_item_elements(self, handler, item):
        # Before <link>: feed readers that take an alternate atom:link for the
        # item's own address (feedparser does) then still end on <link>.
        for language, url in item.get("translations", ()):
            handler.addQuickElement(
                "atom:link", None, {"rel": "alternate", "hreflang": language, "href": url}
            )
        super().add_item_elements(handler, item)


class FeedContext:
    """What one request's feed needs: the request (for absolute addresses) and the section, if any."""

    def __init__(self, request, category: Category | None = None):
        self.request = request
        self.category = category


class LatestArticlesFeed(Feed):
    feed_type = TranslatedItemsRssFeed

    def get_object(self, request, *args, **kwargs):
        return FeedContext(request)

    def title(self, obj):
        return SiteSettings.load().organisation_name or "Newsroom"

    def link(self, obj):
        return obj.request.build_absolute_uri("/" + get_language() + "/")

    def description(self, obj):
        return escape(_("The newest articles from %(name)s.") % {"name": self.title(obj)})

    def items(self, obj):
        language = get_language()
        articles = (
            Article.objects.published(language)
            .without_bodies()
            .select_related("category", "hero_photo")
            .prefetch_related(
                "hero_photo__renditions",
                Prefetch("corrections", queryset=Correction.objects.filter(language=language)),
            )
            .newest_first(language)
        )
        if obj.category is not None:
            articles = articles.filter(category__in=Category.objects.subtree(obj.category))
        articles = list(articles[:FEED_SIZE])
        for article in articles:
            # Absolute addresses need the request, which items() alone is given.
            article.feed_translations = [
                (code, obj.request.build_absolute_uri(article.url_in(code)))
                for code in LANGUAGE_CODES
                if code != language and article.is_published(code)
            ]
            article.feed_enclosure = _enclosure(article, obj.request)
        return articles

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The lead, then each correction note, as the article page ends with them.
        return escape("\n\n".join([item.lead, *(c.line for c in item.corrections.all())]).strip())

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name] if item.category.name else []

    def item_enclosure_url(self, item):
        return item.feed_enclosure[0] if item.feed_enclosure else None

    def item_enclosure_length(self, item):
        return item.feed_enclosure[1] if item.feed_enclosure else None

    def item_enclosure_mime_type(self, item):
        return item.feed_enclosure[2] if item.feed_enclosure else None

    def item_extra_kwargs(self, item):
        return {"translations": item.feed_translations}


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, category):
        section = get_object_or_404(Category, **{f"slug_{get_language()}": category})
        return FeedContext(request, section)

    def title(self, obj):
        return f"{obj.category.name} – {super().title(obj)}"

    def link(self, obj):
        return obj.request.build_absolute_uri(obj.category.get_absolute_url())

    def description(self, obj):
        return escape(obj.category.description or obj.category.name)


def _enclosure(article: Article, request) -> tuple[str, str, str] | None:
    """
    The main photo as (URL, size in bytes, type): a 1024-wide rendition in its
    own format, or the original until the renditions are made.
    """
    photo = article.hero_photo
    if photo is None or not photo.image:
        return None
    fallback = [r for r in photo_renditions_or_queue(photo) if r.format != "webp"]
    file = min(fallback, key=lambda r: abs(r.width - 1024)).file if fallback else photo.image
    content_type = mimetypes.guess_type(file.name)[0] or "image/jpeg"
    try:
        size = file.size
    except OSError:
        return None
    return request.build_absolute_uri(file.url), str(size), content_type
