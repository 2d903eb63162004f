from django.test import SimpleTestCase, TestCase

from newsroom.richtext import html_to_text, sanitize_html, split_blocks
from pages.models import Page

from ..factories import make_article

HOSTILE = (
    "<p>Safe <strong>text</strong></p>"
    "<script>alert('x')</script>"
    '<p><img src="x" onerror="alert(1)">Caption</p>'
    '<p onclick="steal()" onmouseover="steal()">Clicky</p>'
    '<p><a href="javascript:alert(1)">bad link</a> <a href="JaVaScRiPt:alert(2)">worse</a>'
    ' <a href="https://example.org/">good link</a></p>'
    '<iframe src="https://evil.example/"></iframe><style>p{display:none}</style>'
    '<svg onload="alert(1)"><circle /></svg>'
)


class SanitizeTests(SimpleTestCase):
    def test_script_event_handlers_and_javascript_urls_are_removed(self):
        clean = sanitize_html(HOSTILE)
        for marker in ("<script", "alert", "onerror", "onclick", "onmouseover", "javascript:", "JaVaScRiPt",
                       "<iframe", "<style", "<svg", "<img", "steal"):  # fmt: skip
            self.assertNotIn(marker, clean)

    def test_ordinary_formatting_and_safe_links_survive(self):
        clean = sanitize_html(HOSTILE)
        self.assertIn("<strong>text</strong>", clean)
        self.assertIn('href="https://example.org/"', clean)
        self.assertIn("Clicky", clean)

    def test_the_editors_empty_document_is_stored_as_empty(self):
        self.assertEqual(sanitize_html("<p></p>"), "")
        self.assertEqual(sanitize_html("<p> <br> </p>"), "")

    def test_plain_text_drops_tags_and_scripts_and_decodes_entities(self):
        self.assertEqual(html_to_text("Tô Lâm &amp; <b>Putin</b><script>x()</script>"), "Tô Lâm & Putin")

    def test_blocks_are_the_top_level_elements(self):
        self.assertEqual(
            split_blocks("<p>One</p><h2>Two</h2><ul><li>a</li></ul>loose <em>words</em>"),
            ["<p>One</p>", "<h2>Two</h2>", "<ul><li>a</li></ul>", "<p>loose <em>words</em></p>"],
        )


class SanitizeOnSaveTests(TestCase):
    def test_article_bodies_are_sanitised_on_every_save(self):
        article = make_article(body_vi=HOSTILE, body_en=HOSTILE)
        article.refresh_from_db()
        for body in (article.body_vi, article.body_en):
            self.assertNotIn("<script", body)
            self.assertNotIn("onerror", body)
            self.assertNotIn("javascript:", body.lower())
            self.assertIn("<strong>text</strong>", body)

    def test_page_bodies_too(self):
        page = Page.objects.create(title_vi="Giới thiệu", title_en="About", body_en=HOSTILE)
        page.refresh_from_db()
        self.assertNotIn("<script", page.body_en)
        self.assertNotIn("onerror", page.body_en)
