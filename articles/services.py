"""Every change of an article's state goes through here: admin, importers and commands alike."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.languages import LANGUAGE_CODES, check_language, localized

from .models import Article, ArticleSlugRedirect, DailyReads, Status


def _was_live(status: str | None, published_at) -> bool:
    return status in (Status.PUBLISHED, Status.UNPUBLISHED) and published_at is not None


@transaction.atomic
def article_save(*, article: Article, by: AbstractBaseUser | None = None) -> Article:
    """
    Save an article. A slug changed after its version went live keeps the old
    address answering with a permanent redirect.
    """
    if article.pk is None and by is not None and article.created_by_id is None:
        article.created_by = by
    previous = None
    if article.pk is not None:
        fields = [f"{name}_{code}" for code in LANGUAGE_CODES for name in ("slug", "status", "published_at")]
        previous = Article.objects.filter(pk=article.pk).values(*fields).first()
    article.save()
    if previous:
        for code in LANGUAGE_CODES:
            old_slug = previous[f"slug_{code}"]
            if (
                old_slug
                and old_slug != localized(article, "slug", code)
                and _was_live(previous[f"status_{code}"], previous[f"published_at_{code}"])
            ):
                ArticleSlugRedirect.objects.update_or_create(
                    language=code, slug=old_slug, defaults={"article": article}
                )
    return article


def article_publish(*, article: Article, language: str, by: AbstractBaseUser | None = None) -> Article:
    """
    Publish one language version. An empty publication time becomes now; a
    future one schedules the version, which then appears by itself.
    """
    check_language(language)
    if not article.has_language(language):
        raise ValidationError(
            _("“%(article)s” has no %(language)s version to publish.")
            % {"article": article, "language": language.upper()}
        )
    setattr(article, f"status_{language}", Status.PUBLISHED)
    if localized(article, "published_at", language) is None:
        setattr(article, f"published_at_{language}", timezone.now())
    return article_save(article=article, by=by)


def article_unpublish(*, article: Article, language: str, by: AbstractBaseUser | None = None) -> Article:
    """Take one language version off the site; its address stops answering."""
    check_language(language)
    if localized(article, "status", language) == Status.PUBLISHED:
        setattr(article, f"status_{language}", Status.UNPUBLISHED)
        article_save(article=article, by=by)
    return article


def article_set_featured(*, article: Article, featured: bool, by: AbstractBaseUser | None = None) -> Article:
    """Put an article in the Focus block, or take it out."""
    if article.featured != featured:
        article.featured = featured
        article.save(update_fields=["featured", "updated_at"])
    return article


def article_record_read(*, article: Article, language: str) -> None:
    """
    Count one read of one language version: one UPDATE of today's row (an
    INSERT the first time each day) and one of the running total, each
    ``n = n + 1`` in the database, so concurrent reads never lose a count.
    """
    today = timezone.localdate()
    updated = DailyReads.objects.filter(article=article, language=language, day=today).update(
        count=F("count") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                DailyReads.objects.create(article=article, language=language, day=today, count=1)
        except IntegrityError:  # another request created today's row first
            DailyReads.objects.filter(article=article, language=language, day=today).update(
                count=F("count") + 1
            )
    Article.objects.filter(pk=article.pk).update(
        **{f"view_count_{language}": F(f"view_count_{language}") + 1}
    )
