"""The rules of saving an article hold on every path, not only in the admin."""

from django.core.exceptions import ValidationError
from django.test import TestCase

from articles.models import Article, Status
from articles.services import StaleEdit, article_save
from tests.factories import make_article, make_photo


class EditLockTests(TestCase):
    def test_a_save_based_on_a_copy_someone_else_saved_since_is_refused(self):
        article = make_article(languages=("vi",))
        opened = article.edit_version
        theirs = Article.objects.get(pk=article.pk)
        theirs.title_vi = "Tiêu đề của người kia"
        article_save(article=theirs, expected_version=opened)

        mine = Article.objects.get(pk=article.pk)
        mine.title_vi = "Tiêu đề của tôi"
        with self.assertRaises(StaleEdit) as refused:
            article_save(article=mine, expected_version=opened)

        self.assertEqual(refused.exception.current_version, opened + 1)
        self.assertEqual(Article.objects.get(pk=article.pk).title_vi, "Tiêu đề của người kia")

    def test_a_save_based_on_the_current_copy_goes_through(self):
        article = make_article(languages=("vi",))
        article.title_vi = "Tiêu đề mới"
        article_save(article=article, expected_version=article.edit_version)
        self.assertEqual(Article.objects.get(pk=article.pk).title_vi, "Tiêu đề mới")


class CaptionRuleTests(TestCase):
    def test_no_save_takes_a_version_live_while_its_photo_is_captioned_in_the_other_language_only(self):
        photo = make_photo(caption_en="")
        article = make_article(status=Status.DRAFT, hero_photo=photo)
        article.status_en = Status.PUBLISHED
        with self.assertRaises(ValidationError) as refused:
            article_save(article=article)

        self.assertIn("status_en", refused.exception.message_dict)
        self.assertEqual(Article.objects.get(pk=article.pk).status_en, Status.DRAFT)

    def test_the_captioned_language_goes_live(self):
        photo = make_photo(caption_en="")
        article = make_article(status=Status.DRAFT, hero_photo=photo)
        article.status_vi = Status.PUBLISHED
        article_save(article=article)
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.PUBLISHED)
