"""The format listings, defined once in articles.urls.FORMAT_LISTINGS: addresses, pages and menu links."""

import re

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from articles.models import Format
from articles.urls import FORMAT_LISTINGS
from categories.models import RESERVED_SLUGS

from ..factories import make_article, make_category


class FormatListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.articles = {format: make_article(format=format) for format in Format}

    def test_the_menu_links_each_listing_in_menu_order_under_its_formats_name(self):
        for code in ("vi", "en"):
            with self.subTest(code), translation.override(code):
                html = self.client.get(f"/{code}/").content.decode()
                links = re.findall(r'site-menu__item--format"><a href="([^"]+)">([^<]+)</a>', html)
                expected = [(reverse(f"articles:format-{f}"), str(f.label)) for f in FORMAT_LISTINGS]
                self.assertEqual(links, expected)

    def test_each_listing_shows_its_format_only_with_the_address_in_the_other_language(self):
        for format in FORMAT_LISTINGS:
            with self.subTest(format), translation.override("en"):
                response = self.client.get(reverse(f"articles:format-{format}"))
                self.assertEqual(list(response.context["articles"]), [self.articles[format]])
                self.assertEqual(response.context["format"], format)
                with translation.override("vi"):
                    vietnamese = reverse(f"articles:format-{format}")
                self.assertEqual(response.context["alternate_urls"]["vi"], vietnamese)

    def test_no_section_can_take_a_listings_address_in_either_language(self):
        for format, address in FORMAT_LISTINGS.items():
            for code in ("vi", "en"):
                with translation.override(code):
                    self.assertIn(str(address).strip("/"), RESERVED_SLUGS, (format, code))
        with translation.override("vi"):
            section = make_category(name_vi="Ảnh", name_en="Photo")
        self.assertNotIn(section.slug_vi, RESERVED_SLUGS)
        self.assertNotIn(section.slug_en, RESERVED_SLUGS)
