"""What the site says of each language comes from newsroom.languages, for every page that says it."""

from django.contrib.auth import get_user_model
from django.test import RequestFactory, SimpleTestCase, TestCase
from django.urls import reverse
from django.utils import translation

from newsroom import views
from newsroom.languages import (
    LANGUAGE_CODES,
    LANGUAGE_NAMES,
    LANGUAGE_NAMES_IN_SENTENCE,
    LANGUAGE_OWN_NAMES,
    OPEN_GRAPH_LOCALES,
    VERSION_OWN_NAMES,
)

from ..factories import make_article


class LanguageTablesTests(SimpleTestCase):
    def test_every_site_language_is_in_every_table(self):
        for table in (
            LANGUAGE_NAMES,
            LANGUAGE_NAMES_IN_SENTENCE,
            LANGUAGE_OWN_NAMES,
            VERSION_OWN_NAMES,
            OPEN_GRAPH_LOCALES,
        ):
            self.assertEqual(set(table), set(LANGUAGE_CODES))

    def test_names_in_a_sentence_are_translated_and_own_names_are_not(self):
        with translation.override("vi"):
            self.assertEqual(str(LANGUAGE_NAMES_IN_SENTENCE["en"]), "tiếng Anh")
            self.assertEqual(str(LANGUAGE_NAMES["en"]), "Tiếng Anh")
            self.assertEqual(LANGUAGE_OWN_NAMES["en"], "English")
        with translation.override("en"):
            self.assertEqual(str(LANGUAGE_NAMES_IN_SENTENCE["vi"]), "Vietnamese")
            self.assertEqual(LANGUAGE_OWN_NAMES["vi"], "Tiếng Việt")

    def test_the_error_page_speaks_the_language_of_the_address(self):
        response = views.server_error(RequestFactory().get("/en/anything/"))
        self.assertIn('<html lang="en">', response.content.decode())
        response = views.server_error(RequestFactory().get("/nowhere/"))
        self.assertIn('<html lang="vi">', response.content.decode())


class PagesNameLanguagesFromTheTablesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(title_vi="Tin song ngữ", title_en="Bilingual story")
        cls.english_only = make_article(languages=["en"], title_en="Only in English")

    def test_the_article_page_gives_its_open_graph_locales(self):
        html = self.client.get(self.article.url_in("en")).content.decode()
        self.assertIn('<meta property="og:locale" content="en_GB">', html)
        self.assertIn('<meta property="og:locale:alternate" content="vi_VN">', html)

    def test_the_bilingual_view_names_each_version_in_its_own_language(self):
        html = self.client.get(self.article.url_in("en") + "bilingual/").content.decode()
        self.assertIn('hreflang="vi" lang="vi">Bản tiếng Việt</a>', html)
        self.assertIn('hreflang="en" lang="en">English version</a>', html)

    def test_the_missing_version_page_names_both_languages_in_a_sentence(self):
        vietnamese_address = self.english_only.url_in("en").replace("/en/", "/vi/", 1)
        html = self.client.get(vietnamese_address).content.decode()
        self.assertIn("tiếng Việt", html)
        self.assertIn("tiếng Anh", html)

    def test_the_desk_language_filter_names_each_language_in_a_sentence(self):
        editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        self.client.force_login(editor)
        with translation.override("vi"):
            html = self.client.get(reverse("admin:articles_article_changelist")).content.decode()
        self.assertIn('<a href="?versions=missing-vi">Thiếu tiếng Việt</a>', html)
        self.assertIn('<a href="?versions=missing-en">Thiếu tiếng Anh</a>', html)
