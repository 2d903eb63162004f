"""Entities encoded twice in a feed's plain fields never come out as live markup once stored."""

from django.test import TestCase

from articles.models import Article

from .helpers import run_import, write_temp

# Hostile inputs: 2 (a double-encoded <img onerror> in the title, a double-encoded <script> in the lead).
FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title>'
    "<language>en</language><item>"
    "<title>Rice &amp;lt;img src=x onerror=alert(1)&amp;gt; exports</title>"
    "<link>https://example.org/a/1</link><guid>urn:a:1</guid>"
    "<description>Lead &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; here</description>"
    "<pubDate>Mon, 26 Jan 2026 08:00:00 +0700</pubDate></item></channel></rss>"
)


class DoubleEncodedEntityTests(TestCase):
    def test_double_encoded_markup_in_a_title_and_lead_is_not_stored_as_markup(self):
        # Depends on newsroom.richtext.html_to_text leaving no "<" from decoded entities.
        run_import(write_temp(self, FEED, ".xml"))
        article = Article.objects.get()
        self.assertNotIn("<", article.title_en)
        self.assertNotIn("<", article.lead_en)
        self.assertIn("Rice", article.title_en)
