from datetime import timedelta
from unittest import mock
from xml.etree import ElementTree

import feedparser
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.sitemaps import ArticleSitemap

from ..factories import make_article, make_site

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_site()

    def feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        ElementTree.fromstring(response.content)  # well-formed XML
        return feedparser.parse(response.content), response.content.decode()

    def test_each_language_has_an_rss_feed_of_its_own_versions(self):
        parsed, _raw = self.feed("/vi/feed/")
        self.assertEqual(parsed.version, "rss20")
        self.assertEqual(parsed.feed.language, "vi")
        titles = [entry.title for entry in parsed.entries]
        self.assertIn("Xuất khẩu gạo tăng mạnh", titles)
        self.assertNotIn("Coffee harvest begins in the highlands", titles)
        english, _raw = self.feed("/en/feed/")
        self.assertEqual(english.feed.language, "en")
        self.assertIn("Coffee harvest begins in the highlands", [entry.title for entry in english.entries])

    def test_items_carry_guid_date_category_lead_enclosure_and_translation_link(self):
        parsed, raw = self.feed("/en/feed/")
        main = self.site["main"]
        entry = next(e for e in parsed.entries if e.title == main.title_en)
        self.assertEqual(entry.link, f"http://testserver{main.url_in('en')}")
        self.assertTrue(entry.id)
        self.assertTrue(entry.published_parsed)
        self.assertEqual(entry.tags[0].term, "Diplomacy and Integration")
        self.assertEqual(entry.summary, main.lead_en)
        self.assertEqual(entry.enclosures[0].type, "image/jpeg")
        self.assertTrue(entry.enclosures[0].href.startswith("http://testserver/media/renditions/"))
        self.assertGreater(int(entry.enclosures[0].length), 1000)
        item = next(
            item
            for item in ElementTree.fromstring(raw).iter("item")
            if item.findtext("link") == f"http://testserver{main.url_in('en')}"
        )
        translation = item.find("{http://www.w3.org/2005/Atom}link")
        self.assertEqual(translation.get("rel"), "alternate")
        self.assertEqual(translation.get("hreflang"), "vi")
        self.assertEqual(translation.get("href"), f"http://testserver{main.url_in('vi')}")

    def test_a_section_has_its_own_feed_including_its_subsections(self):
        economy = self.site["viet_nam"]
        parsed, _raw = self.feed(f"/en/{economy.slug_en}/feed/")
        titles = {entry.title for entry in parsed.entries}
        self.assertIn("Coffee harvest begins in the highlands", titles)  # in a subsection
        self.assertNotIn(self.site["main"].title_en, titles)
        self.assertIn(
            f'href="/en/{economy.slug_en}/feed/"', self.client.get(economy.url_in("en")).content.decode()
        )


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_site()

    def xml(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return ElementTree.fromstring(response.content)

    def test_the_sitemap_lists_each_published_version_with_its_alternates(self):
        root = self.xml("/sitemap.xml")
        entries = {url.find(f"{SITEMAP}loc").text: url for url in root.iter(f"{SITEMAP}url")}
        main, only_vi = self.site["main"], self.site["vietnamese_only"]
        entry = entries[f"http://testserver{main.url_in('en')}"]
        alternates = {link.get("hreflang"): link.get("href") for link in entry.iter(f"{XHTML}link")}
        self.assertEqual(alternates["vi"], f"http://testserver{main.url_in('vi')}")
        self.assertEqual(alternates["en"], f"http://testserver{main.url_in('en')}")
        self.assertIn("x-default", alternates)
        self.assertIn(f"http://testserver{only_vi.url_in('vi')}", entries)
        self.assertNotIn(f"http://testserver{only_vi.url_in('en')}", entries)
        only_alternates = {
            link.get("hreflang")
            for link in entries[f"http://testserver{only_vi.url_in('vi')}"].iter(f"{XHTML}link")
        }
        self.assertEqual(only_alternates, {"vi", "x-default"})

    def sitemap_addresses(self, url):
        """Every ``loc`` and alternate ``href`` of a sitemap, by its hreflang (None for the ``loc``)."""
        root = self.xml(url)
        for entry in root.iter(f"{SITEMAP}url"):
            yield None, entry.find(f"{SITEMAP}loc").text
            for link in entry.iter(f"{XHTML}link"):
                yield link.get("hreflang"), link.get("href")

    def test_every_address_in_every_sitemap_answers_200(self):
        sections = [loc.text for loc in self.xml("/sitemap-index.xml").iter(f"{SITEMAP}loc")]
        self.assertEqual(len(sections), 2)
        addresses = {
            href for url in ["/sitemap.xml", *sections] for _lang, href in self.sitemap_addresses(url)
        }
        self.assertIn("http://testserver/vi/page/gioi-thieu/", addresses)
        for address in addresses:
            with self.subTest(address):
                self.assertEqual(self.client.get(address).status_code, 200)

    def test_x_default_is_the_vietnamese_address_with_its_prefix(self):
        main = self.site["main"]
        for url in ("/sitemap.xml", "/sitemap-pages.xml"):
            with self.subTest(url):
                entries = {}
                for lang, href in self.sitemap_addresses(url):
                    if lang is None:
                        loc = href
                    else:
                        entries.setdefault(loc, {})[lang] = href
                for loc, alternates in entries.items():
                    if "vi" in alternates:
                        self.assertEqual(alternates["x-default"], alternates["vi"], loc)
                        self.assertTrue(alternates["x-default"].startswith("http://testserver/vi/"))
                    else:
                        self.assertNotIn("x-default", alternates)
        entries = dict(self.sitemap_addresses("/sitemap-articles.xml"))
        self.assertEqual(entries["x-default"], f"http://testserver{main.url_in('vi')}")

    @override_settings(NEWSROOM_PAGE_CACHE=False)  # the queries of the view itself
    def test_a_sitemap_page_costs_the_same_queries_at_any_size_and_loads_no_body(self):
        def page_queries():
            with CaptureQueriesContext(connection) as queries:
                self.xml("/sitemap-articles.xml")
            return [query["sql"] for query in queries.captured_queries]

        before = page_queries()
        for _number in range(10):
            make_article()
        after = page_queries()
        self.assertEqual(len(after), len(before))
        self.assertLessEqual(len(after), 2, after)  # a count and the page's rows
        self.assertFalse([sql for sql in after if "body_" in sql or "lead_" in sql])

    @override_settings(NEWSROOM_PAGE_CACHE=False)  # the queries of the view itself
    def test_pages_of_the_article_sitemap_hold_every_version_once(self):
        whole = [href for lang, href in self.sitemap_addresses("/sitemap-articles.xml") if lang is None]
        with mock.patch.object(ArticleSitemap, "limit", 2):
            index = [loc.text for loc in self.xml("/sitemap-index.xml").iter(f"{SITEMAP}loc")]
            pages = [url for url in index if "sitemap-articles.xml" in url]
            self.assertGreater(len(pages), 2)
            paged = [href for url in pages for lang, href in self.sitemap_addresses(url) if lang is None]
            with CaptureQueriesContext(connection) as queries:
                self.xml(pages[1])
        self.assertEqual(paged, whole)
        reads = [query["sql"] for query in queries.captured_queries if "COUNT(" not in query["sql"]]
        self.assertEqual(len(reads), 1)
        self.assertIn("LIMIT 2", reads[0], "a page reads its own rows, not the whole archive")

    def test_the_sitemap_index_and_robots_point_to_the_sitemaps(self):
        index = self.xml("/sitemap-index.xml")
        self.assertTrue([loc.text for loc in index.iter(f"{SITEMAP}loc")])
        robots = self.client.get("/robots.txt").content.decode()
        self.assertIn("Sitemap: http://testserver/sitemap-index.xml", robots)
        self.assertIn("Disallow: /admin/", robots)

    def test_the_news_sitemap_lists_the_last_48_hours_in_google_news_format(self):
        old = make_article(
            title_en="An old story", title_vi="Tin cũ", published_at=timezone.now() - timedelta(days=3)
        )
        root = self.xml("/news-sitemap.xml")
        urls = {url.find(f"{SITEMAP}loc").text: url for url in root.iter(f"{SITEMAP}url")}
        main = self.site["main"]
        news = urls[f"http://testserver{main.url_in('vi')}"].find(f"{NEWS}news")
        self.assertEqual(news.find(f"{NEWS}publication/{NEWS}name").text, "Liên hiệp Hữu nghị Thử nghiệm")
        self.assertEqual(news.find(f"{NEWS}publication/{NEWS}language").text, "vi")
        self.assertEqual(news.find(f"{NEWS}title").text, main.title_vi)
        self.assertTrue(news.find(f"{NEWS}publication_date").text)
        english = urls[f"http://testserver{main.url_in('en')}"].find(f"{NEWS}news")
        self.assertEqual(english.find(f"{NEWS}publication/{NEWS}name").text, "Test Friendship Union")
        self.assertNotIn(f"http://testserver{old.url_in('en')}", urls)
