"""
Read counting: who counts as a reader, counting one read, writing the counts to
the database in bulk, and the most read ("Interested").

A reader's request for a page writes nothing: pages are served from a cache
where no view runs. The page carries a beacon (its ``data-read-url``, which
``newsroom/site.js`` POSTs to, ``articles:read``) once the page is seen; that
request is counted here, once per reader and version in ``READ_AGAIN_AFTER``,
into Redis when ``NEWSROOM_READS_REDIS_URL`` is set. ``flush_reads()`` (the
``flush_reads`` command, and Celery beat every minute) writes the counts in a
few statements.
Without Redis (a local ``make run``, the tests) the beacon's request writes its
read at once: still never the page's request, only no batching.
"""

import functools
import logging
import re
from collections import defaultdict
from datetime import date, timedelta

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from newsroom.languages import LANGUAGE_CODES, check_language

from .models import Article

logger = logging.getLogger(__name__)

#: Who is not a reader: crawlers, link previews, monitors and scripts.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|monitor|curl|wget|python-|httpclient|headless|lighthouse",
    re.IGNORECASE,
)

#: The same reader opening the same version again within this many seconds is not a new read.
READ_AGAIN_AFTER = 30 * 60

#: The reads of one version on one day: (article id, language, day) → how many.
Counts = dict[tuple[int, str, date], int]

#: The days' rows, inserted or added to in one statement (on the daily_reads_unique constraint's
#: columns): Django's bulk_create(update_conflicts=True) could only overwrite the counts, not add to them.
ADD_TO_DAYS = (
    "INSERT INTO articles_dailyreads (article_id, language, day, count) VALUES {rows} "
    "ON CONFLICT (article_id, language, day) DO UPDATE SET count = articles_dailyreads.count + excluded.count"
)

#: Each version's running total added to, for many articles in one statement: a join on a list
#: of values (a CASE of one WHEN per article, as Django would write it, costs more to build and run).
ADD_TO_TOTALS = (
    "WITH added (id, {languages}) AS (VALUES {{rows}}) "
    "UPDATE articles_article SET {totals} FROM added WHERE articles_article.id = added.id"
).format(
    languages=", ".join(LANGUAGE_CODES),
    totals=", ".join(f"view_count_{c} = COALESCE(view_count_{c}, 0) + added.{c}" for c in LANGUAGE_CODES),
)

#: Articles written per statement: well under both databases' limits on parameters.
ARTICLES_PER_STATEMENT = 500


def placeholders(rows: int, columns: int) -> str:
    """``(%s, %s), (%s, %s)``: the parameters of a list of rows."""
    return ", ".join([f"({', '.join(['%s'] * columns)})"] * rows)


def is_reader(request) -> bool:
    """A person's browser saying the page was seen: a POST, not a prefetch, not a known robot."""
    if request.method != "POST":
        return False
    if "prefetch" in request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", ""):
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not NOT_A_READER.search(agent)


def reader_id(request) -> str:
    """
    One reader, without a cookie: a keyed hash of the client's address and User-Agent.
    Behind our nginx the address is the last one X-Forwarded-For names (the one nginx
    saw); forging the header gains a client no more than changing its User-Agent would.
    """
    forwarded = request.headers.get("X-Forwarded-For", "").rsplit(",", 1)[-1].strip()
    address = forwarded or request.META.get("REMOTE_ADDR", "")
    agent = request.headers.get("User-Agent", "")
    return salted_hmac("articles.reads.reader", f"{address}\n{agent}", algorithm="sha256").hexdigest()[:32]


def count_read(request, *, article_id: int, language: str) -> bool:
    """
    Count the read a page's beacon reports. Nothing is counted (False) for a robot,
    a prefetch, a version that is not published, or the same reader again within
    ``READ_AGAIN_AFTER``.
    """
    check_language(language)
    if not is_reader(request):
        return False
    if not Article.objects.published(language).filter(pk=article_id).exists():
        return False
    return read_store().add(article_id=article_id, language=language, reader=reader_id(request))


def flush_reads() -> int:
    """Write the reads counted since the last flush to the database; return how many."""
    return read_store().flush()


def write_counts(counts: Counts) -> int:
    """
    Add reads to the database, a few statements per 500 articles however many
    days and versions: the days' rows, inserted or added to, and each version's
    running total. Reads of articles deleted since are dropped. Returns the reads written.
    """
    by_article: dict[int, Counts] = defaultdict(dict)
    for (pk, language, day), n in counts.items():
        check_language(language)
        if n > 0:
            by_article[pk][pk, language, day] = n
    written = 0
    with transaction.atomic():
        # In article order, so that two writers lock rows in the same order.
        pks = sorted(by_article)
        for start in range(0, len(pks), ARTICLES_PER_STATEMENT):
            chunk = pks[start : start + ARTICLES_PER_STATEMENT]
            existing = sorted(Article.objects.filter(pk__in=chunk).values_list("pk", flat=True))
            rows = [(key, n) for pk in existing for key, n in sorted(by_article[pk].items())]
            if not rows:
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    ADD_TO_DAYS.format(rows=placeholders(len(rows), 4)),
                    [
                        value
                        for (pk, language, day), n in rows
                        for value in (pk, language, connection.ops.adapt_datefield_value(day), n)
                    ],
                )
            # The total is a column of its own, not a sum of the days: imports bring totals
            # from before daily counting, and exports carry it (ingest.exports).
            totals: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LANGUAGE_CODES, 0))
            for (pk, language, _day), n in rows:
                totals[pk][language] += n
            with connection.cursor() as cursor:
                cursor.execute(
                    ADD_TO_TOTALS.format(rows=placeholders(len(totals), 1 + len(LANGUAGE_CODES))),
                    [value for pk, added in totals.items() for value in (pk, *added.values())],
                )
            written += sum(n for _key, n in rows)
    return written


class DatabaseReads:
    """
    Without Redis: each counted read is written at once, by the beacon's request
    (never the page's), and the readers seen are kept in the Django cache, which
    is each process's own memory then. ``flush()`` has nothing to write.
    """

    def add(self, *, article_id: int, language: str, reader: str) -> bool:
        if not cache.add(f"reads:seen:{article_id}:{language}:{reader}", 1, READ_AGAIN_AFTER):
            return False
        write_counts({(article_id, language, timezone.localdate()): 1})
        return True

    def flush(self) -> int:
        return 0


class RedisReads:
    """
    Reads kept in Redis until a flush: a key per reader and version seen, which
    expires after ``READ_AGAIN_AFTER``, and one hash of pending counts, a field
    ``day:article:language`` per version and day (so a flush after midnight
    still credits the right day).
    """

    #: Adds the pending counts to the hash being written (which holds what a flush
    #: that failed left there) and empties them, in one step no read comes between;
    #: returns everything to write.
    TAKE = """
    local entries = redis.call('HGETALL', KEYS[1])
    for i = 1, #entries, 2 do
        redis.call('HINCRBY', KEYS[2], entries[i], entries[i + 1])
    end
    redis.call('DEL', KEYS[1])
    return redis.call('HGETALL', KEYS[2])
    """

    def __init__(self, url: str, *, prefix: str):
        self.redis = redis.Redis.from_url(url)
        self.prefix = prefix
        self.pending = prefix + "pending"
        self.writing = prefix + "writing"
        self.take = self.redis.register_script(self.TAKE)

    def add(self, *, article_id: int, language: str, reader: str) -> bool:
        seen = f"{self.prefix}seen:{article_id}:{language}:{reader}"
        if not self.redis.set(seen, 1, nx=True, ex=READ_AGAIN_AFTER):
            return False
        self.redis.hincrby(self.pending, f"{timezone.localdate().isoformat()}:{article_id}:{language}", 1)
        return True

    def flush(self) -> int:
        # One flush at a time: a second would write again what the first is writing.
        lock = self.redis.lock(self.prefix + "flushing", timeout=600)
        if not lock.acquire(blocking=False):
            logger.info("Another flush of the reads is under way.")
            return 0
        try:
            counts = self.parse(self.take(keys=[self.pending, self.writing]))
            written = write_counts(counts)
            # Only once the database has them: after a failure they wait for the next flush.
            self.redis.delete(self.writing)
            return written
        finally:
            lock.release()

    @staticmethod
    def parse(entries: list[bytes]) -> Counts:
        counts: Counts = {}
        for field, value in zip(entries[::2], entries[1::2], strict=True):
            try:
                day, pk, language = field.decode().split(":")
                if language not in LANGUAGE_CODES:
                    raise ValueError(language)
                counts[int(pk), language, date.fromisoformat(day)] = int(value)
            except ValueError:
                logger.warning("Dropped a read count with a field Redis should not hold: %r", field)
        return counts


@functools.cache
def _store(url: str, prefix: str) -> DatabaseReads | RedisReads:
    return RedisReads(url, prefix=prefix) if url else DatabaseReads()


def read_store() -> DatabaseReads | RedisReads:
    """Where reads are counted: Redis at ``NEWSROOM_READS_REDIS_URL``, or straight into the database."""
    return _store(settings.NEWSROOM_READS_REDIS_URL, settings.NEWSROOM_READS_KEY_PREFIX)


def most_read(*, language: str, days: int = 7, limit: int = 5) -> list[Article]:
    """The most read versions in this language over the last ``days`` days: "Interested"."""
    since = timezone.localdate() - timedelta(days=days - 1)
    reads = Q(daily_reads__language=language, daily_reads__day__gte=since)
    # The week's totals from the (language, day) index alone, no article row read; a margin
    # of candidates for versions unpublished since. Only the candidates' rows are then read:
    # titles and sections, what the list shows (no bodies, no photos).
    daily_reads = Article._meta.get_field("daily_reads").related_model.objects
    candidates = (
        daily_reads.filter(language=language, day__gte=since)
        .values("article_id")
        .annotate(total=Sum("count"))
        .order_by("-total", "-article_id")
        .values("article_id")[: limit * 3]
    )
    return list(
        Article.objects.published(language)
        .filter(pk__in=candidates)
        .annotate(reads=Sum("daily_reads__count", filter=reads))
        .without_bodies()
        .select_related("category")
        .order_by("-reads", f"-published_at_{language}", "-pk")[:limit]
    )
