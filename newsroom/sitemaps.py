"""What the sitemaps share: each language version, and one page of rows read at a time."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator


class VersionPaginator(Paginator):
    """
    Pages of objects, each expanded into its (object, language) entries once
    read: only that page's rows are loaded, where Django's i18n sitemaps load
    every row to count the entries.
    """

    def __init__(self, object_list, per_page, *, languages):
        super().__init__(object_list, per_page)
        self.languages = languages

    def _get_page(self, object_list, number, paginator):
        return Page(
            [(item, code) for item in object_list for code in self.languages(item)], number, paginator
        )


class TranslatedSitemap(Sitemap):
    """
    Each published version with ``hreflang`` alternates, and ``x-default`` at
    the default language's own address: every address here has its language
    prefix (``prefix_default_language``), which Django's ``x_default`` drops.
    """

    i18n = True
    alternates = True
    x_default = True
    #: Objects a page: each version with its alternates is about 800 bytes, so a page
    #: is about 1.6 MB and costs the same to build at any size of archive (the
    #: protocol allows 50,000 URLs and 50 MB; crawlers read smaller files sooner).
    limit = 1_000

    @property
    def paginator(self):
        return VersionPaginator(self.items(), self.limit, languages=self.get_languages_for_item)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            by_language = {alternate["lang_code"]: alternate["location"] for alternate in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls
