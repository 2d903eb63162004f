from datetime import timedelta

import time_machine
from django.test import TestCase
from django.utils import timezone

from articles.models import DailyReads
from articles.reads import most_read, record_read

from ..factories import make_article

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


class ReadCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def reads(self, language):
        return sum(
            DailyReads.objects.filter(article=self.article, language=language).values_list("count", flat=True)
        )

    def test_a_readers_visit_counts_once_for_its_language(self):
        self.client.get(self.article.url_in("en"), headers={"user-agent": BROWSER})
        self.client.get(self.article.url_in("en"), headers={"user-agent": BROWSER})
        self.assertEqual((self.reads("en"), self.reads("vi")), (2, 0))
        self.article.refresh_from_db()
        self.assertEqual(self.article.view_count_en, 2)

    def test_head_requests_robots_and_prefetches_do_not_count(self):
        url = self.article.url_in("vi")
        self.client.head(url, headers={"user-agent": BROWSER})
        self.client.get(url, headers={"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})
        self.client.get(url, headers={"user-agent": "facebookexternalhit/1.1"})
        self.client.get(url, headers={"user-agent": BROWSER, "sec-purpose": "prefetch"})
        self.client.get(url)  # no user agent at all: a script
        self.assertEqual(self.reads("vi"), 0)

    def test_a_read_is_two_statements_the_first_of_the_day_as_any_other(self):
        # Today's row, inserted or added to by one upsert, and the running total.
        with self.assertNumQueries(2):
            record_read(article=self.article, language="vi")
        with self.assertNumQueries(2):
            record_read(article=self.article, language="vi")
        self.assertEqual(self.reads("vi"), 2)
        self.article.refresh_from_db()
        self.assertEqual((self.article.view_count_vi, self.article.view_count_en), (2, 0))

    def test_each_day_has_its_own_row_and_the_total_adds_to_an_imported_one(self):
        type(self.article).objects.filter(pk=self.article.pk).update(view_count_en=40)
        record_read(article=self.article, language="en")
        with time_machine.travel(timezone.now() + timedelta(days=1)):
            record_read(article=self.article, language="en")
            record_read(article=self.article, language="en")
        days = DailyReads.objects.filter(article=self.article, language="en").order_by("day")
        self.assertEqual([row.count for row in days], [1, 2])
        self.article.refresh_from_db()
        self.assertEqual(self.article.view_count_en, 43)


class MostReadTests(TestCase):
    def test_interested_ranks_the_last_seven_days_in_one_language(self):
        today = timezone.localdate()
        popular, recent, old, english = (make_article() for _ in range(4))
        DailyReads.objects.create(article=popular, language="vi", day=today, count=40)
        DailyReads.objects.create(article=popular, language="vi", day=today - timedelta(days=6), count=40)
        DailyReads.objects.create(article=recent, language="vi", day=today, count=50)
        DailyReads.objects.create(article=old, language="vi", day=today - timedelta(days=8), count=500)
        DailyReads.objects.create(article=english, language="en", day=today, count=999)
        self.assertEqual(most_read(language="vi"), [popular, recent])
        with time_machine.travel(timezone.now() + timedelta(days=1)):
            self.assertEqual(most_read(language="vi"), [recent, popular])

    def test_unpublished_versions_are_never_in_interested(self):
        draft = make_article(status="draft")
        DailyReads.objects.create(article=draft, language="vi", day=timezone.localdate(), count=1000)
        self.assertEqual(most_read(language="vi"), [])
