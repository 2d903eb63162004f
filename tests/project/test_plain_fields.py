"""
Plain fields (titles, leads, bylines, names, captions, alt texts) hold text
only: the plain-text cleaner never makes markup, and the admin and
full_clean() refuse markup typed into any language column.
"""

from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Tag
from categories.models import Category
from media.models import Photo
from newsroom.richtext import html_to_text, validate_no_markup
from pages.models import Page

from ..factories import make_article, make_category, make_photo, make_tag
from ..ingest.helpers import run_import, write_temp

#: Markup in every form the rule covers: a tag, an end tag, a comment, a declaration, an instruction.
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "Breaking <script>alert(1)</script>",
    "</title><svg onload=alert(1)>",
    "a <!-- note --> b",
    "<!DOCTYPE html>",
    "<?php echo 1 ?>",
    "<b>bold</b>",
    "x <a",
]
#: Text that only looks like markup to a careless rule.
ORDINARY = ["a < b", "5<6", "Q&A", "<3", "R&D", "2 <= 3", "<- back", "Tô Lâm & Putin", "&lt;b&gt;"]


class PlainTextCleanerTests(SimpleTestCase):
    def test_entities_that_decode_to_markup_are_stripped_too(self):
        cases = {
            "&lt;img src=x onerror=alert(1)&gt;": "",
            "Hi &lt;b onmouseover=alert(1)&gt;there&lt;/b&gt;": "Hi there",
            # An RSS title written as "&amp;lt;img ...&amp;gt;" reaches the cleaner like this.
            "&lt;img src=x onerror=alert(1)&gt;News": "News",
            "&#60;script&#62;alert(1)&#60;/script&#62;": "",
            "&lt;!-- x --&gt;kept": "kept",
            "a <\x00b onclick=x>c": "a c",
            "tail </": "tail ",
        }
        for value, text in cases.items():
            with self.subTest(value=value):
                self.assertEqual(html_to_text(value), text)

    def test_encodings_deeper_than_markup_stay_inert_text(self):
        self.assertEqual(html_to_text("&amp;lt;img src=x&amp;gt;"), "&lt;img src=x&gt;")
        self.assertEqual(html_to_text("&amp;amp;lt;b&amp;amp;gt;"), "&amp;lt;b&amp;gt;")

    def test_ordinary_text_with_angle_brackets_and_ampersands_stays_readable(self):
        cases = {"a &lt; b": "a < b", "5<6": "5<6", "&lt;3": "<3", "R&amp;D": "R&D", "Q&A": "Q&A"}
        for value, text in cases.items():
            with self.subTest(value=value):
                self.assertEqual(html_to_text(value), text)


class NoMarkupValidatorTests(SimpleTestCase):
    def test_markup_is_refused_with_the_markup_quoted(self):
        for value in HOSTILE:
            with self.subTest(value=value), self.assertRaises(ValidationError) as caught:
                validate_no_markup(value)
            self.assertEqual(caught.exception.code, "markup")
        for language, message in [
            ("en", "Plain text only: remove the markup (<img src=x onerror=alert(1)>)."),
            ("vi", "Chỉ nhận văn bản thuần: hãy bỏ mã định dạng (<img src=x onerror=alert(1)>)."),
        ]:
            with translation.override(language):
                with self.assertRaises(ValidationError) as caught:
                    validate_no_markup("Hello <img src=x onerror=alert(1)> world")
                self.assertEqual(caught.exception.messages, [message])

    def test_ordinary_text_is_allowed(self):
        for value in ORDINARY:
            with self.subTest(value=value):
                validate_no_markup(value)


class _FormFields(HTMLParser):
    """The values a browser would post from the admin's change form (its first <form> with a CSRF token)."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._textarea = self._select = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post" and "id" in attrs:
            self._in_form = True
        if not self._in_form or ("name" not in attrs and tag != "option"):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.setdefault(attrs["name"], []).append(attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data.setdefault(self._textarea, []).append("")
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n")


class AdminRefusesMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "x")
        cls.article = make_article(byline_en="Lan Huong")
        cls.category = make_category()
        cls.tag = make_tag()
        cls.photo = make_photo(alt_text_en="A harbour at dawn")
        cls.page = Page.objects.create(title_vi="Giới thiệu", title_en="About Us", body_en="<p>About.</p>")

    def setUp(self):
        self.client.force_login(self.admin)

    def assertRefused(self, obj, field: str, value: str):
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        data = _FormFields(self.client.get(url).content.decode()).data
        self.assertIn(field, data, "the change form offers the field")
        before = getattr(type(obj).objects.get(pk=obj.pk), field)
        data[field] = [value]
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200, "the form is shown again, not saved")
        # The admin speaks Vietnamese unless the browser asks otherwise.
        self.assertContains(response, "Chỉ nhận văn bản thuần: hãy bỏ mã định dạng")
        self.assertIn(field, response.context["adminform"].form.errors)
        self.assertEqual(getattr(type(obj).objects.get(pk=obj.pk), field), before)

    def test_the_change_form_saves_when_the_plain_fields_are_plain(self):
        url = reverse("admin:categories_category_change", args=[self.category.pk])
        data = _FormFields(self.client.get(url).content.decode()).data
        data["name_en"] = ["Q&A: a < b, 5<6 <3"]
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.category.refresh_from_db()
        self.assertEqual(self.category.name_en, "Q&A: a < b, 5<6 <3")

    def test_article_title_lead_and_byline_refuse_markup(self):
        for field, value in (
            ("title_en", "<img src=x onerror=alert(1)>Rice exports"),
            ("title_vi", "Xuất khẩu <script>alert(1)</script>"),
            ("lead_en", "The lead <b onmouseover=alert(1)>bold</b>"),
            ("byline_en", "<a href=javascript:alert(1)>Lan</a>"),
        ):
            with self.subTest(field=field):
                self.assertRefused(self.article, field, value)

    def test_section_and_tag_names_refuse_markup(self):
        self.assertRefused(self.category, "name_vi", "Kinh tế <svg onload=alert(1)>")
        self.assertRefused(self.category, "description_en", "Trade <!-- x --> news")
        self.assertRefused(self.tag, "name_en", "<i>Trade</i>")

    def test_photo_caption_and_alt_text_refuse_markup(self):
        self.assertRefused(self.photo, "caption_en", "Harbour <img src=x onerror=alert(1)>")
        self.assertRefused(self.photo, "alt_text_vi", "Bến cảng </p><script>x</script>")

    def test_page_title_refuses_markup(self):
        self.assertRefused(self.page, "title_en", "About <b>us</b>")


class FullCleanRefusesMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.rows = {
            Article: make_article(),
            Category: make_category(),
            Tag: make_tag(),
            Photo: make_photo(),
            Page: Page.objects.create(title_vi="Liên hệ", title_en="Contact"),
        }

    def test_every_language_column_of_every_plain_field_refuses_markup(self):
        fields = {
            Article: ["title", "lead", "byline"],
            Category: ["name", "description"],
            Tag: ["name"],
            Photo: ["caption", "alt_text"],
            Page: ["title"],
        }
        for model, names in fields.items():
            for name in names:
                for code in ("vi", "en"):
                    column = f"{name}_{code}"
                    with self.subTest(column=f"{model.__name__}.{column}"):
                        row = model.objects.get(pk=self.rows[model].pk)
                        setattr(row, column, "Text <img src=x onerror=alert(1)>")
                        with self.assertRaises(ValidationError) as caught:
                            row.full_clean()
                        self.assertIn(column, caught.exception.message_dict)

    def test_ordinary_text_passes_full_clean(self):
        article = Article.objects.get(pk=self.rows[Article].pk)
        for value in ORDINARY:
            with self.subTest(value=value):
                article.title_en = article.lead_en = article.byline_en = value
                article.full_clean()


class ImportedMarkupTests(TestCase):
    def test_a_feed_item_with_markup_in_its_title_imports_as_plain_text_that_validates(self):
        feed = write_temp(
            self,
            """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<description>Wire</description><language>en</language>
<item><guid>wire-1</guid>
<title>&lt;b&gt;Bold&lt;/b&gt; move &amp;lt;img src=x onerror=alert(1)&amp;gt;on trade</title>
<link>https://wire.example/1</link><category>&lt;i&gt;Economy&lt;/i&gt;</category>
<description>&lt;p&gt;The &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;lead of the story, in one
sentence long enough.&lt;/p&gt;</description>
<pubDate>Sat, 31 Jan 2026 09:00:00 +0700</pubDate></item></channel></rss>""",
            ".xml",
        )
        run_import(feed)
        article = Article.objects.get(external_id="rss:wire-1")
        self.assertEqual(article.title_en, "Bold move on trade")
        article.full_clean()
        article.category.full_clean()
