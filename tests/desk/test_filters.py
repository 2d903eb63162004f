"""The article list's filters find what its columns show: states, language versions, translation."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, State, Status

from ..factories import make_article


class ArticleListFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        cls.live = make_article(title_vi="Đã đăng", title_en="Live story")
        cls.scheduled = make_article(
            languages=["en"], title_en="Scheduled story", published_at=timezone.now() + timedelta(days=1)
        )
        cls.in_progress = make_article(
            status=Status.DRAFT, status_en=Status.REVIEW, title_vi="Bản nháp", title_en="Story in review"
        )
        cls.withdrawn = make_article(languages=["vi"], status=Status.UNPUBLISHED, title_vi="Đã gỡ")
        cls.outdated = make_article(title_vi="Bản dịch cũ", title_en="Outdated translation")
        Article.objects.filter(pk=cls.outdated.pk).update(translation_outdated=True)
        cls.everything = [cls.live, cls.scheduled, cls.in_progress, cls.withdrawn, cls.outdated]

    def setUp(self):
        self.client.force_login(self.editor)

    def listed(self, **params) -> set[Article]:
        response = self.client.get(reverse("admin:articles_article_changelist"), params)
        self.assertEqual(response.status_code, 200)
        return set(response.context["cl"].result_list)

    def test_published_lists_no_version_the_list_shows_as_scheduled(self):
        self.assertEqual(self.listed(status="published"), {self.live, self.outdated})
        self.assertEqual(self.listed(status="scheduled"), {self.scheduled})
        html = self.client.get(reverse("admin:articles_article_changelist")).content.decode()
        self.assertRegex(html, r'<span class="status status-scheduled" title="[^"]+">EN · [^<]+</span>')

    def test_each_state_lists_the_articles_with_a_version_shown_in_it(self):
        for state in State:
            with self.subTest(state):
                shown = {a for a in self.everything if state in {a.state("vi"), a.state("en")}}
                self.assertEqual(self.listed(status=state.value), shown)
        self.assertEqual(self.listed(status="nonsense"), set())

    def test_language_versions(self):
        self.assertEqual(self.listed(versions="both"), {self.live, self.in_progress, self.outdated})
        self.assertEqual(self.listed(versions="missing-vi"), {self.scheduled})
        self.assertEqual(self.listed(versions="missing-en"), {self.withdrawn})

    def test_translation(self):
        self.assertEqual(self.listed(translation="missing"), {self.scheduled, self.withdrawn})
        self.assertEqual(self.listed(translation="outdated"), {self.outdated})
        self.assertEqual(self.listed(translation="current"), {self.live, self.in_progress})
