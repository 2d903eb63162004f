"""
Reads about photos that span apps: which articles use a photo, and in which
languages they show it live. The articles are reached through the relations
they declare to photos (``hero_articles``, ``articles``) and read through
their own methods (``state``): this app imports none of their code.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from newsroom.languages import LANGUAGE_CODES, other_language

from .models import Photo

#: The states of a language version that readers see, or will see without anyone's further say.
LIVE_STATES = ("published", "scheduled")


def _articles_using(photo) -> QuerySet:
    articles = Photo._meta.get_field("hero_articles").related_model
    return articles.objects.filter(Q(hero_photo=photo) | Q(article_photos__photo=photo))


def photo_articles(photo: Photo) -> QuerySet:
    """The articles that show a photo, as main photo or in the body, newest first."""
    return _articles_using(photo).distinct().order_by("-created_at", "-pk")


def photos_with_usage(photos: QuerySet[Photo]) -> QuerySet[Photo]:
    """Annotate ``usage_count``, how many articles show each photo, in one subquery: prevents N+1 on lists."""
    # Grouping by a constant makes the subquery one row: the count for this photo.
    count = (
        _articles_using(OuterRef("pk"))
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(count=Count("pk", distinct=True))
        .values("count")
    )
    return photos.annotate(usage_count=Coalesce(Subquery(count), 0))


@dataclass(frozen=True)
class PhotoUse:
    """The languages in which the articles showing a photo are live, and those they are translated into."""

    live: frozenset[str] = frozenset()
    translations: frozenset[str] = frozenset()


def photo_use(photo: Photo) -> PhotoUse:
    """
    Where a photo is shown: the languages whose version of an article showing
    it is published (or scheduled: it goes live by itself), and the languages
    those articles are translated into (the one that is not their original). One query.
    """
    if photo.pk is None:
        return PhotoUse()
    live, translations = set(), set()
    for article in photo_articles(photo):
        live.update(code for code in LANGUAGE_CODES if article.state(code) in LIVE_STATES)
        # As articles.translation_status.target_language has it.
        original = (
            article.original_language if article.original_language in LANGUAGE_CODES else LANGUAGE_CODES[0]
        )
        translations.add(other_language(original))
    return PhotoUse(live=frozenset(live), translations=frozenset(translations))
