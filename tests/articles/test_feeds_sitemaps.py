from datetime import timedelta
from xml.etree import ElementTree

import feedparser
from django.test import TestCase
from django.utils import timezone

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
