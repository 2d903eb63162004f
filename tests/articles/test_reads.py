import re
import uuid
from datetime import timedelta
from io import StringIO

import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import tasks
from articles.models import Article, DailyReads
from articles.reads import READ_AGAIN_AFTER, flush_reads, most_read, read_store, write_counts

from ..factories import make_article
from ..tools import MIDDAY, REDIS_URL, redis_reachable, require

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
OTHER_BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15"
#: A database of its own on the Redis the tests use, away from any cache another test clears.


def reads_of(article, language) -> int:
    return sum(DailyReads.objects.filter(article=article, language=language).values_list("count", flat=True))


def total_of(article, language) -> int:
    return getattr(Article.objects.get(pk=article.pk), f"view_count_{language}")


def beacon_url(article, language) -> str:
    with translation.override(language):
        return reverse("articles:read", kwargs={"pk": article.pk})


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.IGNORECASE)]


@time_machine.travel(MIDDAY, tick=True)
class ReadBeaconTests(TestCase):
    """Without Redis (the local fallback): the beacon's request writes its read at once."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()

    def beacon(self, language="vi", *, agent=BROWSER, address="203.0.113.7", **headers):
        return self.client.post(
            beacon_url(self.article, language), headers={"user-agent": agent, **headers}, REMOTE_ADDR=address
        )

    def test_opening_an_article_page_writes_nothing_and_the_page_carries_the_beacon(self):
        url = self.article.url_in("vi")
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(url, headers={"user-agent": BROWSER})
            self.client.get(url, headers={"user-agent": BROWSER})
            self.client.head(url, headers={"user-agent": BROWSER})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(writes(queries), [])
        self.assertEqual(reads_of(self.article, "vi"), 0)
        self.assertContains(page, f'data-read-url="{beacon_url(self.article, "vi")}"')
        self.assertContains(page, 'src="/static/newsroom/site.js" defer')

    # The clock moves in Python only: Redis expires keys by its own, so the in-memory cache here.
    @override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
    def test_a_reader_counts_once_in_30_minutes_then_again(self):
        response = self.beacon()
        self.assertEqual(response.status_code, 204)
        self.assertIn("no-store", response["Cache-Control"])
        self.beacon()
        self.beacon()  # three reloads are one read
        self.assertEqual(reads_of(self.article, "vi"), 1)
        with time_machine.travel(timezone.now() + timedelta(seconds=READ_AGAIN_AFTER + 60)):
            self.beacon()
        self.assertEqual(reads_of(self.article, "vi"), 2)
        self.assertEqual(total_of(self.article, "vi"), 2)

    def test_other_readers_and_the_other_language_count_on_their_own(self):
        self.beacon()
        self.beacon(agent=OTHER_BROWSER)
        self.beacon(address="198.51.100.20")
        self.beacon("en")
        self.assertEqual((reads_of(self.article, "vi"), reads_of(self.article, "en")), (3, 1))
        self.assertEqual((total_of(self.article, "vi"), total_of(self.article, "en")), (3, 1))

    def test_robots_prefetches_and_scripts_do_not_count(self):
        for headers in (
            {"agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
            {"agent": "facebookexternalhit/1.1"},
            {"agent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0 Safari/537.36"},
            {"agent": ""},
            {"sec_purpose": "prefetch"},
            {"sec_purpose": "prefetch;prerender"},
            {"purpose": "prefetch"},
        ):
            with self.subTest(headers):
                self.assertEqual(self.beacon(**headers).status_code, 204, "no hint of what was counted")
        self.assertEqual(reads_of(self.article, "vi"), 0)

    def test_only_a_post_is_a_read(self):
        url = beacon_url(self.article, "vi")
        for method in (self.client.get, self.client.head, self.client.put):
            with self.subTest(method.__name__):
                response = method(url, headers={"user-agent": BROWSER})
                self.assertEqual(response.status_code, 405)
                self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(reads_of(self.article, "vi"), 0)

    def test_the_beacon_needs_no_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(beacon_url(self.article, "vi"), headers={"user-agent": BROWSER})
        self.assertEqual(response.status_code, 204)
        self.assertEqual(reads_of(self.article, "vi"), 1)

    def test_versions_that_are_not_published_and_unknown_articles_do_not_count(self):
        draft = make_article(status="draft")
        vietnamese_only = make_article(languages=("vi",))
        scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
        for article, language in ((draft, "vi"), (vietnamese_only, "en"), (scheduled, "vi")):
            with self.subTest(article=article.pk, language=language):
                response = self.client.post(beacon_url(article, language), headers={"user-agent": BROWSER})
                self.assertEqual(response.status_code, 204)
                self.assertEqual(reads_of(article, language), 0)
        missing = reverse("articles:read", kwargs={"pk": 999999})
        self.assertEqual(self.client.post(missing, headers={"user-agent": BROWSER}).status_code, 204)
        self.assertFalse(DailyReads.objects.exists())

    def test_flush_reads_has_nothing_to_write_without_redis(self):
        self.beacon()
        out = StringIO()
        call_command("flush_reads", stdout=out)
        self.assertEqual(out.getvalue().strip(), "wrote 0 reads")
        self.assertEqual(reads_of(self.article, "vi"), 1)


@time_machine.travel(MIDDAY, tick=True)
class WriteCountsTests(TestCase):
    def test_the_same_few_statements_for_one_article_and_for_twenty(self):
        today = timezone.localdate()
        for number in (1, 20):
            articles = [make_article() for _ in range(number)]
            counts = {(a.pk, code, today): 2 for a in articles for code in ("vi", "en")}
            counts.update({(a.pk, "vi", today - timedelta(days=1)): 1 for a in articles})
            # The savepoint, the articles that still exist, the days' upsert, the totals, the release.
            with self.subTest(articles=number), self.assertNumQueries(5):
                self.assertEqual(write_counts(counts), 5 * number)
            self.assertEqual([reads_of(a, "vi") for a in articles], [3] * number)
            self.assertEqual([total_of(a, "en") for a in articles], [2] * number)

    def test_counts_add_to_the_days_rows_and_to_an_imported_total(self):
        article = make_article()
        Article.objects.filter(pk=article.pk).update(view_count_en=40)
        today = timezone.localdate()
        write_counts({(article.pk, "en", today): 1})
        write_counts({(article.pk, "en", today): 2, (article.pk, "en", today + timedelta(days=1)): 4})
        days = DailyReads.objects.filter(article=article, language="en").order_by("day")
        self.assertEqual([row.count for row in days], [3, 4])
        self.assertEqual(total_of(article, "en"), 47)
        self.assertEqual(total_of(article, "vi"), 0)

    def test_reads_of_an_article_deleted_since_are_dropped(self):
        kept, deleted = make_article(), make_article()
        gone = deleted.pk
        deleted.delete()
        today = timezone.localdate()
        self.assertEqual(write_counts({(kept.pk, "vi", today): 1, (gone, "vi", today): 5}), 1)
        self.assertEqual(reads_of(kept, "vi"), 1)


@time_machine.travel(MIDDAY, tick=True)
class RedisReadsTests(TestCase):
    """The deployed path, on the real Redis: reads wait there until a flush writes them in bulk."""

    @classmethod
    def setUpClass(cls):
        require(redis_reachable(), f"Redis is not reachable at {REDIS_URL}.")
        super().setUpClass()

    def setUp(self):
        prefix = f"test-reads-{uuid.uuid4().hex}:"
        overridden = override_settings(NEWSROOM_READS_REDIS_URL=REDIS_URL, NEWSROOM_READS_KEY_PREFIX=prefix)
        overridden.enable()
        self.addCleanup(overridden.disable)
        self.store = read_store()
        self.redis = self.store.redis
        self.addCleanup(lambda: [self.redis.delete(key) for key in self.redis.scan_iter(prefix + "*")])

    def beacon(self, article, language="vi", *, agent=BROWSER):
        return self.client.post(beacon_url(article, language), headers={"user-agent": agent})

    def pending(self) -> dict[str, int]:
        return {k.decode(): int(v) for k, v in self.redis.hgetall(self.store.pending).items()}

    def test_a_read_waits_in_redis_until_flush_reads_writes_it(self):
        article = make_article()
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.beacon(article).status_code, 204)
            self.beacon(article)
        self.assertEqual(writes(queries), [], "the beacon writes nothing to the database either")
        self.assertEqual(self.pending(), {f"{timezone.localdate().isoformat()}:{article.pk}:vi": 1})
        (seen,) = self.redis.scan_iter(self.store.prefix + "seen:*")
        self.assertLessEqual(READ_AGAIN_AFTER - 5, self.redis.ttl(seen))
        self.assertEqual(reads_of(article, "vi"), 0)

        out = StringIO()
        call_command("flush_reads", stdout=out)
        self.assertEqual(out.getvalue().strip(), "wrote 1 reads")
        self.assertEqual((reads_of(article, "vi"), total_of(article, "vi")), (1, 1))
        self.assertEqual(self.redis.exists(self.store.pending, self.store.writing), 0, "nothing left pending")
        self.assertEqual(flush_reads(), 0, "a second flush writes nothing again")
        self.beacon(article)
        self.assertEqual(reads_of(article, "vi"), 1, "the same reader, within 30 minutes")

    def test_a_flush_is_the_same_few_statements_for_one_article_and_for_twenty(self):
        for number in (1, 20):
            articles = [make_article() for _ in range(number)]
            for article in articles:
                self.beacon(article)
                self.beacon(article, agent=OTHER_BROWSER)
                self.beacon(article, "en")
            with self.subTest(articles=number), self.assertNumQueries(5):
                self.assertEqual(flush_reads(), 3 * number)
            self.assertEqual([reads_of(a, "vi") for a in articles], [2] * number)
            self.assertEqual([total_of(a, "en") for a in articles], [1] * number)
            self.assertEqual(self.pending(), {})

    def test_the_celery_task_flushes_and_beat_runs_it_every_minute(self):
        article = make_article()
        self.beacon(article, "en")
        tasks.flush_reads.delay()
        self.assertEqual(reads_of(article, "en"), 1)
        beat = settings.CELERY_BEAT_SCHEDULE.values()
        schedule = [entry for entry in beat if entry["task"] == tasks.flush_reads.name]
        self.assertEqual([entry["schedule"] for entry in schedule], [60.0])

    def test_counts_a_failed_flush_left_are_written_by_the_next_with_the_new_ones(self):
        article = make_article()
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        # What a flush leaves when the database fails after it took the counts.
        self.redis.hset(self.store.writing, f"{yesterday}:{article.pk}:vi", 4)
        self.beacon(article)
        self.assertEqual(flush_reads(), 5)
        self.assertEqual((reads_of(article, "vi"), total_of(article, "vi")), (5, 5))
        self.assertEqual(self.redis.exists(self.store.writing), 0)

    def test_no_flush_while_another_is_under_way(self):
        article = make_article()
        self.beacon(article)
        with self.redis.lock(self.store.prefix + "flushing", timeout=60):
            self.assertEqual(flush_reads(), 0)
        self.assertEqual(reads_of(article, "vi"), 0)
        self.assertEqual(flush_reads(), 1)

    def test_interested_shows_the_counted_articles_after_a_flush(self):
        popular, read_once = make_article(), make_article()
        for agent in (BROWSER, OTHER_BROWSER):
            self.beacon(popular, agent=agent)
        self.beacon(read_once)
        self.assertEqual(most_read(language="vi"), [])
        flush_reads()
        html = self.client.get("/vi/").content.decode()
        interested = html[html.index('class="most-read__list"') :]
        self.assertLess(interested.index(popular.title_vi), interested.index(read_once.title_vi))


@time_machine.travel(MIDDAY, tick=True)
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
