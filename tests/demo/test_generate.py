from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from reversion.models import Version

from articles.models import Article, Status


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

    def test_each_has_its_status_history_and_a_first_revision(self):
        call_command("generate_content", articles=3, stdout=StringIO())
        for article in Article.objects.all():
            self.assertEqual(
                sorted(article.status_changes.values_list("language", "old_status", "new_status")),
                [(code, "", Status.PUBLISHED) for code in article.languages],
            )
            (version,) = Version.objects.get_for_object(article)
            self.assertEqual(version.field_dict["title_vi"], article.title_vi)
            self.assertEqual(
                {v.field_dict["tag_id"] for v in version.revision.version_set.exclude(pk=version.pk)},
                set(article.tagged_items.values_list("tag_id", flat=True)),
            )
            self.assertEqual(article.edit_version, 1)

    def test_running_again_adds_more(self):
        call_command("generate_content", articles=5, stdout=StringIO())
        call_command("generate_content", articles=5, stdout=StringIO())
        self.assertEqual(Article.objects.count(), 10)
