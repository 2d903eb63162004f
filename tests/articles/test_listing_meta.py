"""Every listing page says what it is to search engines and link previews, in its own language."""

import re
from html import unescape

from django.test import TestCase

from ..factories import make_article, make_site


def meta(html: str) -> dict[str, str]:
    """The page's description, canonical link, robots rule and Open Graph basics."""
    found = {}
    for name, pattern in {
        "description": r'<meta name="description" content="([^"]*)"',
        "canonical": r'<link rel="canonical" href="([^"]*)"',
        "robots": r'<meta name="robots" content="([^"]*)"',
        "og:title": r'<meta property="og:title" content="([^"]*)"',
        "og:description": r'<meta property="og:description" content="([^"]*)"',
        "og:url": r'<meta property="og:url" content="([^"]*)"',
    }.items():
        matches = re.findall(pattern, html)
        if matches:
            assert len(matches) == 1, (name, matches)
            found[name] = unescape(matches[0])
    return found


class ListingMetaTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_site()

    def page(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return meta(response.content.decode())

    def test_every_listing_has_a_description_canonical_link_and_open_graph(self):
        for url in ("/vi/", "/en/", "/en/viet-nam/", "/vi/tag/huu-nghi/", "/en/video/", "/en/page/about-us/"):
            with self.subTest(url):
                tags = self.page(url)
                self.assertGreater(len(tags["description"]), 8)
                self.assertEqual(tags["og:description"], tags["description"])
                self.assertEqual(tags["canonical"], f"http://testserver{url}")
                self.assertEqual(tags["og:url"], tags["canonical"])
                self.assertTrue(tags["og:title"])
                self.assertNotIn("robots", tags)

    def test_descriptions_are_sentences_in_the_page_language(self):
        self.assertEqual(
            self.page("/vi/viet-nam/")["description"],
            "Tin tức mới nhất chuyên mục Việt Nam của Liên hiệp Hữu nghị Thử nghiệm.",
        )
        self.assertEqual(
            self.page("/en/viet-nam/")["description"],
            "The latest news in Viet Nam from Test Friendship Union.",
        )
        self.assertEqual(
            self.page("/vi/tag/huu-nghi/")["description"],
            "Các bài viết về Hữu nghị của Liên hiệp Hữu nghị Thử nghiệm.",
        )
        self.assertEqual(self.page("/vi/tag/huu-nghi/")["og:title"], "Hữu nghị")
        self.assertIn("Test Friendship Union", self.page("/en/")["description"])

    def test_a_section_with_a_description_uses_it(self):
        economy = self.site["economy"]
        economy.description_en = "Trade, farming and industry across the country."
        economy.save()
        self.assertEqual(
            self.page(economy.url_in("en"))["description"], "Trade, farming and industry across the country."
        )

    def test_a_static_page_is_described_by_its_first_words(self):
        self.assertEqual(self.page("/en/page/about-us/")["description"], "About us.")
        self.assertEqual(self.page("/vi/page/gioi-thieu/")["description"], "Về chúng tôi.")

    def test_the_second_page_of_a_listing_is_its_own_canonical_page(self):
        economy = self.site["economy"]
        for _number in range(21):
            make_article(category=economy)
        url = economy.url_in("en")
        self.assertEqual(self.page(url + "?page=2")["canonical"], f"http://testserver{url}?page=2")
        self.assertEqual(self.page(url + "?page=1&utm_source=x")["canonical"], f"http://testserver{url}")

    def test_search_results_are_not_indexed_and_point_to_the_search_page(self):
        tags = self.page("/en/search/?q=friendship")
        self.assertEqual(tags["robots"], "noindex, follow")
        self.assertEqual(tags["canonical"], "http://testserver/en/search/")
        self.assertIn("Test Friendship Union", tags["description"])
