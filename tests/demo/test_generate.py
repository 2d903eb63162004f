from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from articles.models import Article


class GenerateContentTests(TestCase):
    def test_adds_published_articles_in_one_or_both_languages(self):
        call_command("generate_content", articles=40, stdout=StringIO())
        self.assertEqual(Article.objects.count(), 40)
        vietnamese, english = Article.objects.published("vi"), Article.objects.published("en")
        self.assertGreater(vietnamese.count(), 0)
        self.assertGreater(english.count(), 0)
        both = vietnamese.filter(pk__in=english.values("pk")).count()
        self.assertGreater(both, 0)
        self.assertLess(both, 40)
        article = vietnamese.first()
        self.assertTrue(article.slug_vi and article.body_vi.startswith("<p>") and article.tags.exists())

    def test_running_again_adds_more(self):
        call_command("generate_content", articles=5, stdout=StringIO())
        call_command("generate_content", articles=5, stdout=StringIO())
        self.assertEqual(Article.objects.count(), 10)
