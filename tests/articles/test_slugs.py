from django.db import IntegrityError
from django.test import TestCase

from articles.models import Article, ArticleSlugRedirect, Status
from articles.services import article_save

from ..factories import make_article, make_category


class ArticleSlugTests(TestCase):
    def test_slugs_are_made_from_each_language_title(self):
        article = make_article(title_vi="Đại hội Đảng lần thứ XIV", title_en="The 14th Party Congress")
        self.assertEqual(article.slug_vi, "dai-hoi-dang-lan-thu-xiv")
        self.assertEqual(article.slug_en, "the-14th-party-congress")

    def test_a_missing_language_has_no_slug(self):
        article = make_article(languages=["vi"])
        self.assertIsNone(article.slug_en)

    def test_slugs_are_unique_within_a_language(self):
        first = make_article(title_vi="Quần đảo Hoàng Sa")
        second = make_article(title_vi="Quần đảo Hoàng Sa")
        self.assertEqual(first.slug_vi, "quan-dao-hoang-sa")
        self.assertEqual(second.slug_vi, "quan-dao-hoang-sa-2")

    def test_the_same_slug_may_exist_once_in_each_language(self):
        vietnamese = make_article(languages=["vi"], title_vi="Viet Nam")
        english = make_article(languages=["en"], title_en="Viet Nam")
        self.assertEqual(vietnamese.slug_vi, english.slug_en)

    def test_the_database_refuses_a_duplicate_slug_in_one_language(self):
        make_article(slug_vi="trung-lap")
        with self.assertRaises(IntegrityError):
            Article.objects.filter(pk=make_article().pk).update(slug_vi="trung-lap")

    def test_a_published_slug_stays_when_the_title_changes(self):
        article = make_article(title_en="Leaders meet in Ha Noi")
        article.title_en = "Leaders meet in Hanoi for talks"
        article_save(article=article)
        article.refresh_from_db()
        self.assertEqual(article.slug_en, "leaders-meet-in-ha-noi")

    def test_a_changed_published_slug_redirects_from_the_old_address(self):
        article = make_article(title_en="Old title")
        old_url = article.url_in("en")
        article.slug_en = "new-title"
        article_save(article=article)
        self.assertTrue(ArticleSlugRedirect.objects.filter(language="en", slug="old-title").exists())
        response = self.client.get(old_url)
        self.assertRedirects(response, article.url_in("en"), status_code=301)

    def test_a_changed_draft_slug_leaves_no_redirect(self):
        article = make_article(status=Status.DRAFT, title_en="Draft title")
        article.slug_en = "better-title"
        article_save(article=article)
        self.assertFalse(ArticleSlugRedirect.objects.exists())


class CategorySlugTests(TestCase):
    def test_category_slugs_per_language(self):
        category = make_category(name_vi="Biển đảo", name_en="Seas and Islands")
        self.assertEqual((category.slug_vi, category.slug_en), ("bien-dao", "seas-and-islands"))

    def test_a_category_cannot_take_an_address_the_site_uses(self):
        category = make_category(name_vi="Tag", name_en="Search")
        self.assertEqual((category.slug_vi, category.slug_en), ("tag-2", "search-2"))
