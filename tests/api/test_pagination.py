"""Cursor pages stay put while articles are published above them; what a client cannot mean is a 400."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from api.pagination import encode_cursor

from ..factories import make_article, make_category, make_source


class CursorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        # Two share one publication time: the id breaks the tie.
        cls.articles = [make_article(published_at=now - timedelta(hours=n // 2 + 1)) for n in range(7)]

    def pages(self, url):
        seen = []
        while url:
            page = self.client.get(url).json()
            seen.append([item["id"] for item in page["results"]])
            url = page["next"]
        return seen

    def test_following_next_visits_every_article_once_newest_first(self):
        pages = self.pages("/api/v1/vi/articles/?page_size=3")
        self.assertEqual([len(page) for page in pages], [3, 3, 1])
        flat = [pk for page in pages for pk in page]
        expected = sorted(self.articles, key=lambda a: (a.published_at_vi, a.pk), reverse=True)
        self.assertEqual(flat, [a.pk for a in expected])

    def test_a_page_stays_the_same_when_newer_articles_are_published(self):
        first = self.client.get("/api/v1/vi/articles/?page_size=3").json()
        second = self.client.get(first["next"]).json()
        make_article()
        self.assertEqual(self.client.get(first["next"]).json()["results"], second["results"])

    def test_previous_goes_back_to_the_same_items(self):
        first = self.client.get("/api/v1/vi/articles/?page_size=3").json()
        self.assertIsNone(first["previous"])
        second = self.client.get(first["next"]).json()
        back = self.client.get(second["previous"]).json()
        self.assertEqual([i["id"] for i in back["results"]], [i["id"] for i in first["results"]])
        self.assertTrue(back["next"])

    def test_the_last_page_has_no_next(self):
        page = self.client.get("/api/v1/vi/articles/?page_size=100").json()
        self.assertEqual(len(page["results"]), 7)
        self.assertIsNone(page["next"])
        self.assertIsNone(page["previous"])


class FilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.parent = make_category(name_vi="Việt Nam", name_en="Viet Nam")
        cls.child = make_category(name_vi="Kinh tế", name_en="Economy", parent=cls.parent)
        cls.vna = make_source(name_vi="TTXVN", name_en="VNA", slug="vna")
        now = timezone.now()
        cls.old = make_article(category=cls.child, source=cls.vna, published_at=now - timedelta(days=10))
        cls.new = make_article(category=cls.parent, featured=True, format="video", published_at=now)

    def ids(self, query):
        response = self.client.get(f"/api/v1/en/articles/?{query}")
        self.assertEqual(response.status_code, 200, response.content)
        return [item["id"] for item in response.json()["results"]]

    def test_filters(self):
        self.assertEqual(self.ids("section=viet-nam"), [self.new.pk, self.old.pk])  # with the sections inside
        self.assertEqual(self.ids("section=economy"), [self.old.pk])
        self.assertEqual(self.ids("source=vna"), [self.old.pk])
        self.assertEqual(self.ids("format=video"), [self.new.pk])
        self.assertEqual(self.ids("featured=true"), [self.new.pk])
        self.assertEqual(self.ids("featured=false"), [self.old.pk])
        since = (timezone.now() - timedelta(days=5)).date().isoformat()
        self.assertEqual(self.ids(f"since={since}"), [self.new.pk])
        self.assertEqual(self.ids(f"until={since}"), [self.old.pk])
        self.assertEqual(self.ids("updated_since=2000-01-01T00:00:00%2B07:00"), [self.new.pk, self.old.pk])
        self.assertEqual(self.ids("updated_since=2199-01-01"), [])


class HostileQueryTests(TestCase):
    """Made-up cursors, impossible dates, huge numbers, odd encodings: a 400 with a message, never a 500."""

    @classmethod
    def setUpTestData(cls):
        make_article()

    def assertRefused(self, path, parameter):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 400, f"{path}: {response.content!r}")
        body = response.json()
        self.assertTrue(body["detail"])
        self.assertIn(parameter, body["errors"], path)
        self.assertTrue(body["errors"][parameter][0])

    def test_bad_cursors(self):
        for cursor in ("zzz", "%00", "%FF%FE", "====", encode_cursor("a", 1), encode_cursor("x", 1, 2),
                       encode_cursor("a", 10**30, 1), encode_cursor("a", 1, 2**64), encode_cursor("o", 5),
                       "YTox" * 40, encode_cursor("a", -(10**18), 1)):  # fmt: skip
            with self.subTest(cursor=cursor):
                self.assertRefused(f"/api/v1/vi/articles/?cursor={cursor}", "cursor")
        self.assertRefused(f"/api/v1/vi/tags/?cursor={encode_cursor('a', 1, 1)}", "cursor")
        self.assertRefused(f"/api/v1/vi/search/?q=a&cursor={encode_cursor('i', 1)}", "cursor")
        self.assertRefused(f"/api/v1/vi/search/?q=a&cursor={encode_cursor('o', -20)}", "cursor")

    def test_bad_dates(self):
        for value in ("abc", "2026-13-01", "99999-01-01", "0001-01-01T00:00:00%2B14:00",
                      "9999-12-31T23:59:59-14:00", "2026-01-01T25:00", "1" * 500, "%00"):  # fmt: skip
            for parameter in ("since", "until", "updated_since"):
                with self.subTest(parameter=parameter, value=value):
                    self.assertRefused(f"/api/v1/vi/articles/?{parameter}={value}", parameter)

    def test_bad_numbers_choices_and_slugs(self):
        for query, parameter in (
            ("page_size=0", "page_size"),
            ("page_size=101", "page_size"),
            ("page_size=" + "9" * 40, "page_size"),
            ("page_size=1e3", "page_size"),
            ("format=essay", "format"),
            ("featured=maybe", "featured"),
            ("section=%00", "section"),
            ("section=h%C3%A0-n%E1%BB%99i", "section"),  # a slug is ASCII
            ("section=nowhere", "section"),
            ("tag=%FF", "tag"),
            ("tag=nothing", "tag"),
            ("source=" + "a" * 300, "source"),
        ):
            with self.subTest(query=query):
                self.assertRefused(f"/api/v1/vi/articles/?{query}", parameter)
        self.assertRefused("/api/v1/vi/search/?q=" + "a" * 2000, "q")
        self.assertRefused("/api/v1/vi/tags/?page_size=-1", "page_size")

    def test_odd_but_harmless_queries_are_answered(self):
        self.assertRefused("/api/v1/vi/search/?q=%00", "q")
        for query in ("q=%FF%FE", "q=%22%22%22", "q=-", "q=%E2%80%8B", "q=Đảng+%28OR%29+*"):
            with self.subTest(query=query):
                self.assertEqual(self.client.get(f"/api/v1/vi/search/?{query}").status_code, 200)

    def test_ids_that_cannot_exist_are_not_found(self):
        for pk in ("0", "-1", "9" * 30, "1e3", "%D9%A3", "abc"):
            with self.subTest(pk=pk):
                self.assertEqual(self.client.get(f"/api/v1/vi/articles/{pk}/").status_code, 404)


class EmptyAndRepeatedParameterTests(TestCase):
    def test_an_empty_or_repeated_parameter_is_refused_not_ignored(self):
        for query, parameter in (
            ("since=", "since"),
            ("source=", "source"),
            ("cursor=", "cursor"),
            ("featured=true&featured=false", "featured"),
            ("page_size=5&page_size=500", "page_size"),
        ):
            with self.subTest(query=query):
                response = self.client.get(f"/api/v1/vi/articles/?{query}")
                self.assertEqual(response.status_code, 400)
                self.assertIn(parameter, response.json()["errors"])
        self.assertEqual(self.client.get("/api/v1/vi/search/?q=").status_code, 400)
        self.assertEqual(self.client.get("/api/v1/vi/tags/?cursor=").status_code, 400)
        # Parameters the API does not know are left alone (a client's cache-buster, say).
        self.assertEqual(self.client.get("/api/v1/vi/articles/?v=1&v=2").status_code, 200)
