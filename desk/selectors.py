"""What the desk's admin home shows: the reads editors start the day from."""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article
from ingest.models import WireItem
from newsroom.languages import LANGUAGE_CODES, other_language


def needs_translation(*, days: int = 7, limit: int = 10) -> list[Article]:
    """
    Articles of the last ``days`` days live in one language only, most read
    first: what the desk should translate next. Each carries ``reads``,
    ``available`` (its language) and ``missing`` (the one to write).
    """
    since_day = timezone.localdate() - timedelta(days=days - 1)
    since = timezone.now() - timedelta(days=days)
    found = []
    for code in LANGUAGE_CODES:
        other = other_language(code)
        reads = Q(daily_reads__language=code, daily_reads__day__gte=since_day)
        articles = (
            Article.objects.published(code)
            .filter(**{f"published_at_{code}__gte": since})
            .exclude(**{f"title_{other}__gt": ""})
            .annotate(reads=Coalesce(Sum("daily_reads__count", filter=reads), 0))
            .select_related("category")
            .order_by("-reads", f"-published_at_{code}")[:limit]
        )
        for article in articles:
            article.available, article.missing = code, other
            found.append(article)
    found.sort(key=lambda article: -article.reads)
    return found[:limit]


def wire_waiting() -> list[dict]:
    """How many wire items wait for the desk, per feed (None: imported by hand), most first."""
    return list(
        WireItem.objects.filter(state=WireItem.State.WAITING)
        .values("feed_id", "feed__name")
        .annotate(waiting=Count("pk"))
        .order_by("-waiting", "feed__name")
    )
