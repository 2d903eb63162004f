"""The static pages in the sitemap, with their translations."""

from newsroom.languages import LANGUAGE_CODES
from newsroom.sitemaps import TranslatedSitemap

from .models import Page


class PageSitemap(TranslatedSitemap):
    def items(self):
        return Page.objects.filter(is_published=True).order_by("pk")

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if getattr(item, f"title_{code}")]
