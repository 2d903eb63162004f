"""
RSS descriptions are HTML to a feed reader: plain text put there must reach
the reader as the text that was typed, never as an element or a handler.
"""

from html.parser import HTMLParser
from xml.etree import ElementTree

from django.test import TestCase

from pages.models import SiteSettings

from ..factories import make_article, make_category

#: Leads an editor or an import might have stored before plain fields refused markup.
HOSTILE_LEADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(document.cookie)</script>",
    '<a href="javascript:alert(1)">read more</a>',
    "<!-- hidden --><svg onload=alert(1)>",
    "</description><script>alert(1)</script>",
    "]]><img src=x onerror=alert(1)>",
    "&lt;b&gt;typed as entities&lt;/b&gt; &amp; kept",
    "<<b>b>nested</b>",
]
#: Plain text that must read the same once the reader renders the description.
ORDINARY_LEADS = ["R&D grows 5% as a < b, \"quoted\" and 'apostrophes'", "<3 Q&A 5<6"]


class _Rendered(HTMLParser):
    """What a browser makes of an HTML string: its elements, comments and text."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.text = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(tag)

    def handle_endtag(self, tag):
        self.elements.append("/" + tag)

    def handle_comment(self, data):
        self.elements.append("!--")

    def handle_data(self, data):
        self.text += data


class FeedEscapingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_category(
            description_en="<iframe src=//evil.example></iframe>Markets & <b onmouseover=alert(1)>trade</b>"
        )
        cls.articles = {
            lead: make_article(languages=("en",), category=cls.section, lead_en=lead)
            for lead in HOSTILE_LEADS + ORDINARY_LEADS
        }
        SiteSettings.objects.create(
            organisation_name_vi="Liên hiệp", organisation_name_en="<img src=x onerror=alert(2)> Union"
        )

    def channel(self, url: str) -> ElementTree.Element:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return ElementTree.fromstring(response.content).find("channel")

    def assertRendersAsText(self, html: str, text: str):
        rendered = _Rendered(html)
        self.assertEqual(rendered.elements, [], html)
        self.assertEqual(rendered.text, text)

    def test_each_lead_reaches_readers_as_the_text_typed_never_as_markup(self):
        for url in ("/en/feed/", f"/en/{self.section.slug_en}/feed/"):
            items = {item.findtext("link"): item for item in self.channel(url).iter("item")}
            for lead, article in self.articles.items():
                with self.subTest(url=url, lead=lead):
                    item = items[f"http://testserver{article.url_in('en')}"]
                    self.assertRendersAsText(item.findtext("description"), lead)

    def test_the_feed_description_holds_no_markup_from_the_site_name(self):
        description = self.channel("/en/feed/").findtext("description")
        self.assertRendersAsText(description, "The newest articles from <img src=x onerror=alert(2)> Union.")

    def test_a_section_feed_description_holds_no_markup_from_the_section(self):
        description = self.channel(f"/en/{self.section.slug_en}/feed/").findtext("description")
        self.assertRendersAsText(description, self.section.description_en)
