"""
Reads about photos that span apps: which articles use a photo. The articles
are reached through the relations they declare to photos (``hero_articles``,
``articles``): this app imports none of their code.
"""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Photo


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
