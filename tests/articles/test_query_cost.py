"""A reader's page costs the same queries with three articles and with twenty-five; lists load no body."""

from datetime import timedelta
from unittest import mock

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import ArticlePhoto, DailyReads, Format
from newsroom import pagecache
from pages.models import SiteSettings

from ..factories import image_upload, make_article, make_category, make_photo, make_source, make_tag
from ..tools import MIDDAY

FORMATS = (Format.STANDARD, Format.VIDEO, Format.PHOTO)


# The cost of rendering a page from scratch: neither the page nor its shared blocks from the cache.
@time_machine.travel(MIDDAY, tick=True)
@override_settings(NEWSROOM_PAGE_CACHE=False, NEWSROOM_FRAGMENT_CACHE=False)
class QueryCostTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_category()
        cls.asia = make_category(parent=cls.world)
        cls.economy = make_category()
        cls.source = make_source()
        cls.tags = [make_tag() for _ in range(3)]
        cls.photo = make_photo(image=image_upload(size=(500, 300)))
        cls.count = 0

    def add(self, count: int) -> None:
        sections = (self.world, self.asia, self.economy)
        for _ in range(count):
            n = self.count = self.count + 1
            article = make_article(
                category=sections[n % 3],
                format=FORMATS[n % 3],
                featured=n % 2 == 0,
                source=self.source,
                hero_photo=self.photo,
                languages=(("vi", "en"), ("vi",), ("en",))[n % 3] if n > 3 else ("vi", "en"),
            )
            ArticlePhoto.objects.create(article=article, photo=self.photo, paragraph=1)
            article.tags.add(*self.tags[: 1 + n % 3])
            for code in article.languages:
                DailyReads.objects.create(article=article, language=code, day=timezone.localdate(), count=n)
        self.article = article

    def urls(self) -> dict[str, str]:
        with translation.override("vi"):
            article = self.first
            return {
                "home": "/vi/",
                "section": self.world.get_absolute_url(),
                "article": article.url_in("vi"),
                "bilingual": article.url_in("vi") + "bilingual/",
                "tag": self.tags[0].get_absolute_url(),
                "format listing": reverse(f"articles:format-{Format.VIDEO}"),
                "feed": reverse("articles:feed"),
                "section feed": reverse("articles:category-feed", kwargs={"category": self.world.slug}),
            }

    def captured(self, url: str):
        self.client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return context.captured_queries

    def counts(self) -> dict[str, int]:
        return {page: len(self.captured(url)) for page, url in self.urls().items()}

    def test_every_page_costs_the_same_with_three_articles_and_with_twenty_five(self):
        self.add(3)
        self.first = self.article
        small = self.counts()
        self.add(22)
        large = self.counts()
        self.assertEqual(large, small)
        for page in ("home", "bilingual", "tag", "format listing", "feed", "section feed"):
            with self.subTest(page):
                self.assertLessEqual(large[page], 10)

    @override_settings(NEWSROOM_FRAGMENT_CACHE=True)
    def test_with_the_shared_blocks_cached_every_page_costs_at_most_ten_queries(self):
        """The menu, page links, Focus and Interested are built once per generation, not per page."""
        self.add(3)
        self.first = self.article
        self.add(22)
        for page, url in self.urls().items():
            self.client.get(url)  # the first request's photos queue renditions, which start a generation
            with self.subTest(page):
                self.assertLessEqual(len(self.captured(url)), 10)

    @override_settings(NEWSROOM_FRAGMENT_CACHE=True)
    def test_a_page_asks_the_cache_for_the_generation_and_the_site_settings_once(self):
        """Each shared block and footer needs both: they are kept for the request, not fetched again."""
        self.add(3)
        self.first = self.article
        for page, url in self.urls().items():
            self.client.get(url)
            with mock.patch.object(cache, "get", wraps=cache.get) as get:
                self.client.get(url)
            keys = [call.args[0] for call in get.call_args_list]
            with self.subTest(page):
                self.assertLessEqual(keys.count(pagecache.STATE_KEY), 1)
                self.assertLessEqual(keys.count(SiteSettings.CACHE_KEY), 1)

    def test_lists_do_not_load_bodies(self):
        self.add(6)
        self.first = self.article
        urls = self.urls()
        for page in ("home", "section", "tag", "format listing", "feed"):
            with self.subTest(page):
                for query in self.captured(urls[page]):
                    if query["sql"].startswith('SELECT "articles_article"."id"'):
                        self.assertNotIn('"body_vi"', query["sql"])
                        self.assertNotIn('"body_en"', query["sql"])

    def test_interested_counts_only_the_last_week(self):
        self.add(3)
        old = make_article()
        DailyReads.objects.create(
            article=old, language="vi", day=timezone.localdate() - timedelta(days=8), count=10_000
        )
        from articles.reads import most_read

        self.assertNotIn(old, most_read(language="vi"))
        self.assertEqual(most_read(language="vi", limit=1), [self.article])
