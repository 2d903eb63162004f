"""A section holds its own articles and those of every section inside it, on every page that lists it."""

import re

import feedparser
from django.test import TestCase

from articles.selectors import latest_by_section

from ..factories import make_article, make_category


class SectionHoldsItsSubtreeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.viet_nam = make_category(name_en="Viet Nam")
        cls.economy = make_category(name_en="Economy", parent=cls.viet_nam)
        coffee = make_category(name_en="Coffee", parent=cls.economy)
        hidden = make_category(name_en="Provinces", parent=cls.viet_nam, show_in_menu=False)
        make_article(category=coffee, title_en="Friendship coffee harvest in the grandchild")
        make_article(category=hidden, title_en="Friendship border guards in the hidden subsection")
        make_article(title_en="Friendship elsewhere in another section")
        cls.inside = {
            "Friendship coffee harvest in the grandchild",
            "Friendship border guards in the hidden subsection",
        }

    def assert_inside_only(self, titles):
        self.assertTrue(self.inside <= set(titles), titles)
        self.assertNotIn("Friendship elsewhere in another section", titles)

    def test_the_section_page_lists_the_hidden_subsection_and_the_grandchild(self):
        response = self.client.get(self.viet_nam.url_in("en"))
        self.assert_inside_only([article.title_en for article in response.context["articles"]])
        # Its links to subsections are still those of the menu.
        self.assertEqual(response.context["children"], [self.economy])

    def test_the_section_feed_has_them(self):
        feed = feedparser.parse(self.client.get(self.viet_nam.url_in("en") + "feed/").content)
        self.assert_inside_only([entry.title for entry in feed.entries])

    def test_search_within_the_section_finds_them(self):
        html = self.client.get(
            "/en/search/", {"q": "friendship", "category": self.viet_nam.pk}
        ).content.decode()
        titles = [
            re.sub(r"<[^>]+>", "", title)
            for title in re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', html)
        ]
        self.assert_inside_only(titles)

    def test_the_home_block_of_the_section_has_them(self):
        blocks = {section.category: section.articles for section in latest_by_section(language="en")}
        self.assert_inside_only([article.title_en for article in blocks[self.viet_nam]])
