"""What the desk's admin home shows: the reads editors start the day from."""

import operator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import reduce

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles import reads, translation_status
from articles.models import Article, Correction, Status
from articles.querysets import LIST_DEFERRED
from ingest.models import WireItem
from newsroom.languages import LANGUAGE_CODES, localized, other_language

from .models import Assignment


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


# The article form: the translation's state beside each unit it concerns.


@dataclass
class UnitState:
    """One unit of the translation (its title, lead or a paragraph) against the original's."""

    index: int
    label: str
    status: str  # translation_status.UP_TO_DATE or OUTDATED
    was: str = ""  # the original's text when it was translated
    now: str = ""  # the original's text today

    @property
    def diff(self):
        return translation_status.word_diff(self.was, self.now)


def translation_units(article: Article) -> list[UnitState]:
    """
    Each unit of the original (title, lead, paragraphs) with whether its
    translation is up to date or outdated (and the original's change since),
    as ``translation_status`` tracks it; empty while either version is missing.
    """
    source = translation_status.source_language(article)
    target = translation_status.target_language(article)
    if article.pk is None or not (article.has_language(source) and article.has_language(target)):
        return []
    now = translation_status.units(article, source)
    matched = article.translation_base.get("units", []) if article.translation_outdated else now
    states = []
    for index, text in enumerate(now):
        was = matched[index] if index < len(matched) else ""
        outdated = translation_status.fingerprint(was) != translation_status.fingerprint(text)
        states.append(
            UnitState(
                index=index,
                label=translation_status.unit_label(index),
                status=translation_status.OUTDATED if outdated else translation_status.UP_TO_DATE,
                was=was,
                now=text,
            )
        )
    return states


# The admin home: the day's work for the person who opens it. Each block is a fixed
# number of queries, however many articles there are.


def my_drafts(*, user, limit: int = 10) -> list[Article]:
    """The user's own articles with a version still a draft, last changed first (one query)."""
    drafts = reduce(
        operator.or_,
        (Q(**{f"status_{code}": Status.DRAFT, f"title_{code}__gt": ""}) for code in LANGUAGE_CODES),
    )
    return list(
        Article.objects.filter(drafts, created_by=user)
        .without_bodies()
        .select_related("category")
        .order_by("-updated_at", "-pk")[:limit]
    )


def in_review(*, limit: int = 10) -> dict[str, list[Article]]:
    """Per language, the versions waiting in review, longest waiting first (one query a language)."""
    return {
        code: list(
            Article.objects.in_state(code, Status.REVIEW)
            .without_bodies()
            .select_related("category", "created_by")
            .order_by("updated_at", "pk")[:limit]
        )
        for code in LANGUAGE_CODES
    }


def scheduled_today(*, limit: int = 20) -> list[dict]:
    """
    The versions that go live by themselves later today (local time), soonest
    first: ``{"article", "language", "at"}`` (one query a language).
    """
    end = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time.min))
    rows = []
    for code in LANGUAGE_CODES:
        articles = (
            Article.objects.scheduled(code)
            .filter(**{f"published_at_{code}__lt": end})
            .without_bodies()
            .select_related("category")
            .order_by(f"published_at_{code}", "pk")[:limit]
        )
        rows += [{"article": a, "language": code, "at": localized(a, "published_at", code)} for a in articles]
    rows.sort(key=lambda row: row["at"])
    return rows[:limit]


def most_read_today(*, limit: int = 5) -> dict[str, list[Article]]:
    """Per language, today's most read live versions, each with ``reads`` (one query a language)."""
    return {code: reads.most_read(language=code, days=1, limit=limit) for code in LANGUAGE_CODES}


def assigned_to(*, user, limit: int = 10) -> list[Assignment]:
    """The versions given to the user to write or translate, not live yet, oldest first (one query)."""
    open_versions = reduce(
        operator.or_,
        (Q(language=code) & ~Q(**{f"article__status_{code}": Status.PUBLISHED}) for code in LANGUAGE_CODES),
    )
    return list(
        Assignment.objects.filter(open_versions, assignee=user)
        .select_related("article", "reviewer")
        .defer(*(f"article__{name}" for name in LIST_DEFERRED))
        .order_by("updated_at", "pk")[:limit]
    )


def corrections_since(*, days: int = 7, limit: int = 10) -> list[Correction]:
    """The correction notes of the last ``days`` days, newest first (one query)."""
    return list(
        Correction.objects.filter(created_at__gte=timezone.now() - timedelta(days=days))
        .select_related("article", "created_by")
        .defer(*(f"article__{name}" for name in LIST_DEFERRED))
        .order_by("-created_at", "-pk")[:limit]
    )
