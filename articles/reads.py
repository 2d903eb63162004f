"""Read counting: who counts as a reader, recording one read, and the most read ("Interested")."""

import re
from datetime import timedelta

from django.db import connection
from django.db.models import F, Q, Sum
from django.utils import timezone

from newsroom.languages import check_language

from .models import Article

#: Who is not a reader: crawlers, link previews, monitors and scripts.
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|monitor|curl|wget|python-|httpclient|headless|lighthouse",
    re.IGNORECASE,
)

#: Today's row, inserted or added to in one statement (on the daily_reads_unique constraint's columns):
#: Django's bulk_create(update_conflicts=True) could only overwrite the count, not add to it.
ADD_TO_DAY = (
    "INSERT INTO articles_dailyreads (article_id, language, day, count) VALUES (%s, %s, %s, 1) "
    "ON CONFLICT (article_id, language, day) DO UPDATE SET count = articles_dailyreads.count + 1"
)


def is_reader(request) -> bool:
    """A person opening the page: not a HEAD request, a prefetch or a known robot."""
    if request.method != "GET":
        return False
    if "prefetch" in request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", ""):
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not NOT_A_READER.search(agent)


def record_read(*, article: Article, language: str) -> None:
    """
    Count one read of one language version in two statements, each ``n = n + 1``
    in the database so that concurrent reads never lose a count: today's row,
    inserted or added to in one upsert, and the version's running total.
    """
    check_language(language)
    with connection.cursor() as cursor:
        today = connection.ops.adapt_datefield_value(timezone.localdate())
        cursor.execute(ADD_TO_DAY, [article.pk, language, today])
    # The total is a column of its own, not a sum of the days: imports bring totals
    # from before daily counting, and exports carry it (ingest.exports).
    Article.objects.filter(pk=article.pk).update(
        **{f"view_count_{language}": F(f"view_count_{language}") + 1}
    )


def most_read(*, language: str, days: int = 7, limit: int = 5) -> list[Article]:
    """The most read versions in this language over the last ``days`` days: "Interested"."""
    since = timezone.localdate() - timedelta(days=days - 1)
    reads = Q(daily_reads__language=language, daily_reads__day__gte=since)
    return list(
        Article.objects.published(language)
        .filter(reads)
        .annotate(reads=Sum("daily_reads__count", filter=reads))
        .with_card_data()
        .order_by("-reads", f"-published_at_{language}")[:limit]
    )
