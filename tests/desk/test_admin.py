from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from articles.models import Article, ArticlePhoto, Status

from ..factories import make_article, make_category, make_photo, make_source, make_tag


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.editor)


class ArticleAdminPagesTests(AdminTestCase):
    def test_changelist_shows_titles_statuses_and_language_versions(self):
        make_article(title_vi="Bài tiếng Việt", languages=["vi"])
        make_article(title_en="English story", languages=["en"], status=Status.REVIEW)
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, "Bài tiếng Việt")
        self.assertContains(response, "English story")
        self.assertContains(response, 'class="status status-review"')
        self.assertRegex(response.content.decode(), r'class="status status-missing" title="[^"]+">EN</span>')

    def test_add_page_offers_language_columns_the_editor_and_autocomplete(self):
        response = self.client.get(reverse("admin:articles_article_add"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for field in ("title_vi", "title_en", "slug_vi", "slug_en", "body_vi", "body_en", "status_en"):
            self.assertIn(f'name="{field}"', html)
        self.assertIn('id="language-column-vi"', html)
        self.assertIn("newsroom/admin/language_columns.js", html)
        self.assertIn("data-django-prose-editor-configurable", html)
        self.assertIn("django_prose_editor/editor.js", html)
        self.assertIn('data-field-name="category"', html)
        self.assertIn('data-field-name="tags"', html)
        self.assertIn('data-field-name="source"', html)
        self.assertNotIn("googleapis", html)
        self.assertNotIn("cdn", html.lower())

    def test_other_admin_pages_load(self):
        photo = make_photo()
        for name, args in [
            ("admin:articles_tag_changelist", []),
            ("admin:articles_source_changelist", []),
            ("admin:media_photo_changelist", []),
            ("admin:media_photo_change", [photo.pk]),
            ("admin:categories_category_changelist", []),
            ("admin:categories_category_add", []),
            ("admin:pages_page_add", []),
            ("admin:pages_sitesettings_add", []),
        ]:
            with self.subTest(name):
                self.assertEqual(self.client.get(reverse(name, args=args)).status_code, 200)


class ArticleAdminSaveTests(AdminTestCase):
    def _form(self, **overrides):
        data = {
            "title_vi": "Hợp tác hữu nghị Việt - Lào",
            "slug_vi": "",
            "lead_vi": "Đoạn mở đầu tiếng Việt.",
            "body_vi": "<p>Đoạn một.</p><script>alert(1)</script><p onclick='x()'>Đoạn hai.</p>",
            "byline_vi": "Minh Anh",
            "status_vi": Status.PUBLISHED,
            "published_at_vi_0": "",
            "published_at_vi_1": "",
            "title_en": "Viet Nam - Laos friendship cooperation",
            "slug_en": "",
            "lead_en": "The English lead.",
            "body_en": '<p>One.</p><p><a href="javascript:alert(1)">Two.</a></p>',
            "byline_en": "Minh Anh",
            "status_en": Status.REVIEW,
            "published_at_en_0": "",
            "published_at_en_1": "",
            "category": self.category.pk,
            "format": "standard",
            "tags": [self.tag.pk],
            "source": self.source.pk,
            "original_language": "vi",
            "hero_photo": self.photos[0].pk,
            "video_url": "",
            "article_photos-TOTAL_FORMS": "2",
            "article_photos-INITIAL_FORMS": "0",
            "article_photos-MIN_NUM_FORMS": "0",
            "article_photos-MAX_NUM_FORMS": "1000",
            "article_photos-0-photo": self.photos[0].pk,
            "article_photos-0-position": "0",
            "article_photos-0-paragraph": "",
            "article_photos-1-photo": self.photos[1].pk,
            "article_photos-1-position": "1",
            "article_photos-1-paragraph": "1",
        }
        data.update(overrides)
        return data

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.category = make_category()
        cls.source = make_source()
        cls.tag = make_tag()
        cls.photos = [make_photo(), make_photo()]

    def test_a_bilingual_article_with_two_photos_saves_through_the_admin_form(self):
        response = self.client.post(reverse("admin:articles_article_add"), self._form())
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].errors)
        article = Article.objects.get()
        self.assertEqual(article.slug_vi, "hop-tac-huu-nghi-viet-lao")
        self.assertEqual(article.slug_en, "viet-nam-laos-friendship-cooperation")
        self.assertEqual((article.status_vi, article.status_en), (Status.PUBLISHED, Status.REVIEW))
        self.assertIsNotNone(article.published_at_vi)
        self.assertEqual(article.created_by, self.editor)
        self.assertEqual(list(article.tags.all()), [self.tag])
        self.assertEqual(
            list(ArticlePhoto.objects.filter(article=article).values_list("photo", "paragraph")),
            [(self.photos[0].pk, None), (self.photos[1].pk, 1)],
        )
        self.assertIn(article, Article.objects.published("vi"))
        self.assertNotIn(article, Article.objects.published("en"))

    def test_the_body_is_sanitised_when_saved_from_the_admin(self):
        self.client.post(reverse("admin:articles_article_add"), self._form())
        article = Article.objects.get()
        self.assertNotIn("<script", article.body_vi)
        self.assertNotIn("onclick", article.body_vi)
        self.assertNotIn("javascript:", article.body_en)
        self.assertIn("Đoạn hai.", article.body_vi)


class ArticleAdminListTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.vietnamese_only = make_article(languages=["vi"], title_vi="Chỉ tiếng Việt")
        cls.english_only = make_article(languages=["en"], title_en="English only")
        cls.both = make_article(title_vi="Cả hai", title_en="Both versions")

    def _titles(self, **params):
        response = self.client.get(reverse("admin:articles_article_changelist"), params)
        return {str(article) for article in response.context["cl"].result_list}

    def test_missing_language_filters(self):
        self.assertEqual(self._titles(versions="missing-en"), {"Chỉ tiếng Việt"})
        self.assertEqual(self._titles(versions="missing-vi"), {"English only"})

    def test_search_finds_either_language(self):
        self.assertEqual(self._titles(q="English only"), {"English only"})
        self.assertEqual(self._titles(q="tiếng Việt"), {"Chỉ tiếng Việt"})

    def test_publish_action_publishes_one_language_only(self):
        draft = make_article(status=Status.DRAFT)
        self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_en", "_selected_action": [draft.pk]},
        )
        draft.refresh_from_db()
        self.assertEqual((draft.status_vi, draft.status_en), (Status.DRAFT, Status.PUBLISHED))

    def test_feature_action(self):
        self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "feature", "_selected_action": [self.both.pk]},
        )
        self.both.refresh_from_db()
        self.assertTrue(self.both.featured)

    def test_tags_autocomplete_answers_in_both_languages(self):
        make_tag(name_vi="Biển Đông", name_en="East Sea")
        url = reverse("admin:autocomplete")
        params = {"app_label": "articles", "model_name": "article", "field_name": "tags"}
        response = self.client.get(url, {**params, "term": "Biển"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.json()["results"]), 1)
        response = self.client.get(url, {**params, "term": "East"})
        self.assertEqual(len(response.json()["results"]), 1)
