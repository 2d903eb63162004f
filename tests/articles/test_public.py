from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from articles.models import ArticlePhoto, Status

from ..factories import make_article, make_category, make_photo, make_source, make_tag


class RootRedirectTests(TestCase):
    def test_root_goes_to_the_vietnamese_edition(self):
        self.assertRedirects(self.client.get("/"), "/vi/", fetch_redirect_response=False)

    def test_root_goes_to_english_when_the_browser_prefers_it(self):
        response = self.client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
        self.assertRedirects(response, "/en/", fetch_redirect_response=False)


class EditionListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.vietnamese_only = make_article(languages=["vi"], title_vi="Chỉ có bản tiếng Việt")
        cls.english_only = make_article(languages=["en"], title_en="Only in English")
        cls.both = make_article(title_vi="Bản song ngữ", title_en="Bilingual story")
        cls.draft = make_article(status=Status.DRAFT, title_vi="Bản nháp bí mật", title_en="Secret draft")
        cls.future = make_article(
            published_at=timezone.now() + timedelta(days=1),
            title_vi="Tin hẹn giờ",
            title_en="Scheduled story",
        )

    def test_vietnamese_home_lists_vietnamese_versions_only(self):
        html = self.client.get("/vi/").content.decode()
        self.assertIn("Chỉ có bản tiếng Việt", html)
        self.assertIn("Bản song ngữ", html)
        self.assertNotIn("Only in English", html)
        self.assertNotIn("Bilingual story", html)

    def test_english_home_lists_english_versions_only(self):
        html = self.client.get("/en/").content.decode()
        self.assertIn("Only in English", html)
        self.assertIn("Bilingual story", html)
        self.assertNotIn("Chỉ có bản tiếng Việt", html)
        self.assertNotIn("Bản song ngữ", html)

    def test_drafts_and_scheduled_articles_are_listed_nowhere(self):
        pages = ["/vi/", "/en/"]
        for article in (self.draft, self.future):
            pages += [article.category.url_in("vi"), article.category.url_in("en")]
        for url in pages:
            html = self.client.get(url).content.decode()
            for marker in ("Bản nháp bí mật", "Secret draft", "Tin hẹn giờ", "Scheduled story"):
                self.assertNotIn(marker, html)

    def test_a_version_that_does_not_exist_answers_404(self):
        category = self.vietnamese_only.category.slug_en
        english_url_of_vietnamese_only = f"/en/{category}/chi-co-ban-tieng-viet/"
        self.assertEqual(self.client.get(english_url_of_vietnamese_only).status_code, 404)
        self.assertEqual(self.client.get(self.draft.url_in("vi")).status_code, 404)
        self.assertEqual(self.client.get(self.future.url_in("en")).status_code, 404)

    def test_html_lang_follows_the_edition(self):
        self.assertContains(self.client.get("/vi/"), '<html lang="vi">')
        self.assertContains(self.client.get("/en/"), '<html lang="en">')


class ArticlePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = make_source(name_vi="TTXVN", name_en="VNA")
        credit = make_source(name_vi="VGP", name_en="VGP")
        cls.article = make_article(
            title_vi="Lãnh đạo các nước chúc mừng",
            title_en="Foreign leaders extend congratulations",
            lead_en="Leaders of many countries have sent congratulations.",
            body_en="<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>",
            source=cls.source,
            published_at=timezone.make_aware(timezone.datetime(2026, 1, 25, 23, 56)),
        )
        hero = make_photo(caption_en="The hero photo", caption_vi="Ảnh chính", credit=credit)
        inline = make_photo(caption_en="At the first meeting", caption_vi="Tại phiên họp", credit=credit)
        cls.article.hero_photo = hero
        cls.article.save()
        ArticlePhoto.objects.create(article=cls.article, photo=hero, position=0)
        ArticlePhoto.objects.create(article=cls.article, photo=inline, position=1, paragraph=2)
        cls.article.tags.add(make_tag(name_vi="Ngoại giao", name_en="Diplomacy"))

    def test_english_page_shows_date_title_lead_body_photos_and_source(self):
        response = self.client.get(self.article.url_in("en"))
        self.assertContains(response, "25/01/2026, 11:56 PM")
        self.assertContains(
            response, '<h1 class="article__title">Foreign leaders extend congratulations</h1>', html=True
        )
        self.assertContains(response, "Leaders of many countries have sent congratulations.")
        self.assertContains(response, "Second paragraph.")
        self.assertContains(response, "The hero photo")
        self.assertContains(response, "(Photo: VGP)")
        self.assertContains(response, "Source: VNA")

    def test_vietnamese_page_uses_vietnamese_dates_and_labels(self):
        response = self.client.get(self.article.url_in("vi"))
        self.assertContains(response, "25/01/2026 23:56")
        self.assertContains(response, "(Ảnh: VGP)")
        self.assertContains(response, "Nguồn: TTXVN")
        self.assertContains(response, "Tại phiên họp")

    def test_an_inline_photo_stands_after_its_paragraph(self):
        html = self.client.get(self.article.url_in("en")).content.decode()
        self.assertLess(html.index("Second paragraph."), html.index("At the first meeting"))
        self.assertLess(html.index("At the first meeting"), html.index("Third paragraph."))

    def test_the_language_switch_links_to_the_other_version(self):
        response = self.client.get(self.article.url_in("en"))
        self.assertContains(response, f'href="{self.article.url_in("vi")}" hreflang="vi"')

    def test_a_wrong_category_redirects_to_the_right_address(self):
        other = make_category()
        response = self.client.get(f"/en/{other.slug_en}/{self.article.slug_en}/")
        self.assertRedirects(response, self.article.url_in("en"), status_code=301)


class CategoryPageTests(TestCase):
    def test_a_section_lists_its_articles_and_its_childrens(self):
        parent = make_category(name_en="Viet Nam")
        child = make_category(name_en="Economy", parent=parent)
        make_article(category=parent, title_en="Parent story")
        make_article(category=child, title_en="Child story")
        make_article(title_en="Elsewhere story")
        html = self.client.get(parent.url_in("en")).content.decode()
        self.assertIn("Parent story", html)
        self.assertIn("Child story", html)
        self.assertNotIn("Elsewhere story", html)
