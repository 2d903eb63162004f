from datetime import timedelta

import time_machine
from django.test import TestCase
from django.utils import timezone, translation

from articles.models import Article, Status
from articles.services import article_publish, article_unpublish

from ..factories import make_article


class PublishedTests(TestCase):
    """Article.objects.published(language): the one rule for what readers see."""

    def test_a_published_version_in_the_past_is_visible(self):
        article = make_article()
        self.assertIn(article, Article.objects.published("vi"))
        self.assertIn(article, Article.objects.published("en"))

    def test_drafts_and_versions_in_review_are_not(self):
        draft = make_article(status=Status.DRAFT)
        review = make_article(status=Status.REVIEW)
        for code in ("vi", "en"):
            self.assertNotIn(draft, Article.objects.published(code))
            self.assertNotIn(review, Article.objects.published(code))

    def test_a_future_publication_time_is_not_yet_visible_and_then_is(self):
        soon = timezone.now() + timedelta(hours=2)
        article = make_article(published_at=soon)
        self.assertNotIn(article, Article.objects.published("vi"))
        with time_machine.travel(soon + timedelta(seconds=1)):
            self.assertIn(article, Article.objects.published("vi"))

    def test_each_language_version_has_its_own_status(self):
        article = make_article(status_en=Status.REVIEW)
        self.assertIn(article, Article.objects.published("vi"))
        self.assertNotIn(article, Article.objects.published("en"))

    def test_each_language_version_has_its_own_publication_time(self):
        later = timezone.now() + timedelta(days=1)
        article = make_article(published_at_en=later)
        self.assertIn(article, Article.objects.published("vi"))
        self.assertNotIn(article, Article.objects.published("en"))

    def test_a_language_without_text_is_never_published(self):
        article = make_article(languages=["vi"], status_en=Status.PUBLISHED, published_at_en=timezone.now())
        self.assertIn(article, Article.objects.published("vi"))
        self.assertNotIn(article, Article.objects.published("en"))

    def test_unknown_languages_are_refused(self):
        with self.assertRaises(ValueError):
            Article.objects.published("fr")


class PublishServiceTests(TestCase):
    def test_publishing_one_language_leaves_the_other_alone(self):
        article = make_article(status=Status.DRAFT)
        article_publish(article=article, language="en")
        article.refresh_from_db()
        self.assertEqual((article.status_vi, article.status_en), (Status.DRAFT, Status.PUBLISHED))
        self.assertIsNotNone(article.published_at_en)
        self.assertIn(article, Article.objects.published("en"))
        self.assertNotIn(article, Article.objects.published("vi"))

    def test_publishing_keeps_a_scheduled_time(self):
        later = timezone.now() + timedelta(days=2)
        article = make_article(status=Status.REVIEW, published_at=later)
        article_publish(article=article, language="vi")
        article.refresh_from_db()
        self.assertEqual(article.published_at_vi, later)
        self.assertNotIn(article, Article.objects.published("vi"))

    def test_a_missing_version_cannot_be_published(self):
        article = make_article(languages=["vi"])
        with translation.override("en"), self.assertRaisesMessage(Exception, "no EN version"):
            article_publish(article=article, language="en")

    def test_unpublishing_takes_one_version_off_the_site(self):
        article = make_article()
        article_unpublish(article=article, language="vi")
        self.assertNotIn(article, Article.objects.published("vi"))
        self.assertIn(article, Article.objects.published("en"))
