"""
The states of a language version and the queries built on them: above all
``published(language)``, the one rule of what readers see.
"""

import operator
from functools import reduce

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.languages import LANGUAGE_CODES, check_language


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    #: Removed for a legal reason (``articles.services.article_take_down``), with who and why.
    TAKEN_DOWN = "taken_down", _("Taken down")


class State(models.TextChoices):
    """
    Where one language version stands, as the desk shows it: its status, a
    published version whose time is still to come being scheduled, and one
    whose expiry time has passed expired.
    """

    DRAFT = Status.DRAFT.value, Status.DRAFT.label
    REVIEW = Status.REVIEW.value, Status.REVIEW.label
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = Status.PUBLISHED.value, Status.PUBLISHED.label
    EXPIRED = "expired", _("Expired")
    UNPUBLISHED = Status.UNPUBLISHED.value, Status.UNPUBLISHED.label
    TAKEN_DOWN = Status.TAKEN_DOWN.value, Status.TAKEN_DOWN.label


class Format(models.TextChoices):
    STANDARD = "standard", _("Standard")
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    INFOGRAPHIC = "infographic", _("Infographics")
    MEGASTORY = "megastory", _("Mega story")


#: The large columns of an article no teaser, link list or feed item reads.
LIST_DEFERRED = (
    "body",
    *(f"body_{code}" for code in LANGUAGE_CODES),
    *(f"search_{code}" for code in LANGUAGE_CODES),
    "translation_base",
)


def _has_version(language: str) -> models.Q:
    """An article has a version in a language when that version's title is filled."""
    check_language(language)
    return models.Q(**{f"title_{language}__gt": ""})


class ArticleQuerySet(models.QuerySet):
    def in_language(self, language: str):
        """Articles that have a version in language (its title is filled), whatever its status."""
        return self.filter(_has_version(language))

    def not_in_language(self, language: str):
        """Articles without a version in language: the translations still to write."""
        return self.exclude(_has_version(language))

    def in_every_language(self):
        """Articles with a version in each of the site's languages."""
        return self.filter(*(_has_version(code) for code in LANGUAGE_CODES))

    def missing_a_language(self):
        """Articles without a version in at least one of the site's languages."""
        return self.exclude(reduce(operator.and_, (_has_version(code) for code in LANGUAGE_CODES)))

    def scheduled(self, language: str):
        """Versions published for a time still to come: they appear by themselves then."""
        return self.in_language(language).filter(
            **{
                f"status_{language}": Status.PUBLISHED,
                f"published_at_{language}__gt": timezone.now(),
            }
        )

    def expired(self, language: str):
        """Versions published until a time now past: they left every public surface then, by themselves."""
        return self.in_language(language).filter(
            **{
                f"status_{language}": Status.PUBLISHED,
                f"published_at_{language}__lte": timezone.now(),
                f"expires_at_{language}__lte": timezone.now(),
            }
        )

    def in_state(self, language: str, state: str):
        """Articles whose version in language is in ``state`` (a State), as ``Article.state`` tells it."""
        match State(state):
            case State.PUBLISHED:
                return self.published(language)
            case State.SCHEDULED:
                return self.scheduled(language)
            case State.EXPIRED:
                return self.expired(language)
            case other:
                return self.in_language(language).filter(**{f"status_{language}": other})

    def published(self, language: str):
        """
        What readers of one language may see: that version filled, its status
        published, its publication time reached and its expiry time (if any) not
        yet. Every public surface starts here.
        """
        now = timezone.now()
        return self.in_language(language).filter(
            models.Q(**{f"expires_at_{language}__isnull": True})
            | models.Q(**{f"expires_at_{language}__gt": now}),
            **{
                f"status_{language}": Status.PUBLISHED,
                f"published_at_{language}__lte": now,
            },
        )

    def next_scheduled_time(self):
        """
        When public pages next change by themselves, in any language: a scheduled version
        going live or a live one expiring (None if nothing is waiting).
        """
        now = timezone.now()
        times = []
        for code in LANGUAGE_CODES:
            times.append(
                self.scheduled(code)
                .order_by(f"published_at_{code}")
                .values_list(f"published_at_{code}", flat=True)
                .first()
            )
            times.append(
                self.in_language(code)
                .filter(**{f"status_{code}": Status.PUBLISHED, f"expires_at_{code}__gt": now})
                .order_by(f"expires_at_{code}")
                .values_list(f"expires_at_{code}", flat=True)
                .first()
            )
        return min((t for t in times if t is not None), default=None)

    def newest_first(self, language: str):
        check_language(language)
        return self.order_by(f"-published_at_{language}", "-pk")

    def with_card_data(self):
        """
        Everything a teaser shows, fetched up front: prevents N+1 queries on
        lists; bodies and search vectors stay behind (``LIST_DEFERRED``).
        """
        return self.without_bodies().with_page_data()

    def with_page_data(self):
        """The article page's section, source, main photo and its renditions, in two queries."""
        return self.select_related("category", "hero_photo", "hero_photo__credit", "source").prefetch_related(
            "hero_photo__renditions"
        )

    def without_bodies(self):
        """Leave the columns no list shows in the database: a page of bodies weighs megabytes."""
        return self.defer(*LIST_DEFERRED)
