"""Reads about photos that span apps: which articles use a photo."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from articles.models import Article

from .models import Photo


def _articles_using(photo) -> QuerySet[Article]:
    # Article.hero_photo has no reverse accessor (related_name="+"): ask from the article's side.
    return Article.objects.filter(Q(hero_photo=photo) | Q(article_photos__photo=photo))


def photo_articles(photo: Photo) -> QuerySet[Article]:
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
