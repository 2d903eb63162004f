"""Every change of an article's state goes through here: admin, importers and commands alike."""

from dataclasses import dataclass, field
from itertools import chain

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from categories.models import Category
from media.models import Photo
from newsroom import pagecache
from newsroom.languages import LANGUAGE_CODES, check_language, localized, localized_text
from newsroom.text import assign_unique_slugs

from . import guards, revisions, translation_status
from .models import (
    RESERVED_SLUGS,
    Article,
    ArticlePhoto,
    ArticleSlugRedirect,
    Correction,
    Status,
    StatusChange,
    Tag,
    TaggedArticle,
    Takedown,
)

#: The section articles land in when nothing files them elsewhere.
DEFAULT_CATEGORY = {"slug": "news", "vi": "Tin tức", "en": "News"}


def _was_live(status: str | None, published_at) -> bool:
    return status in (Status.PUBLISHED, Status.UNPUBLISHED) and published_at is not None


class StaleEdit(ValidationError):
    """Someone saved the article after this copy of it was opened: saving it would undo their work."""

    def __init__(self, *, current_version: int, who: str, when):
        self.current_version = current_version
        super().__init__(
            _(
                "%(who)s saved this article at %(when)s, after you opened it. Your changes were NOT saved: "
                "they are still in this form. Open the article in another tab to see the saved version, "
                "bring the two together here, then save again."
            )
            % {
                "who": who or _("Someone"),
                "when": date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT"),
            },
            code="stale",
        )


def article_check(
    *, article: Article, expected_version: int | None = None, photos: list[Photo] | None = None
) -> None:
    """
    The rules every save keeps, checked before anything is written. With
    ``expected_version`` (the ``edit_version`` the editor's copy was opened
    at), a copy saved by someone else since is refused with StaleEdit; the
    row then stays locked until the caller's transaction ends, so two saves
    cannot both pass. No version goes live while one of its photos (as
    stored, or ``photos``: those the caller places next) is captioned in
    another language only.
    """
    stored = None
    if article.pk is not None:
        lock = (
            Article.objects.select_for_update(of=("self",))
            if expected_version is not None
            else Article.objects
        )
        stored = lock.filter(pk=article.pk).first()
    if expected_version is not None and stored is not None and stored.edit_version != expected_version:
        raise StaleEdit(
            current_version=stored.edit_version,
            who=stored.updated_by.get_username() if stored.updated_by_id else "",
            when=stored.updated_at,
        )
    if going_live := _going_live(article, stored):
        _check_captions(article_photo_list(article) if photos is None else photos, going_live)
    _check_expiry(article)


def _check_expiry(article: Article) -> None:
    errors = {
        f"expires_at_{code}": _("The expiry time comes before the publication time.")
        for code in LANGUAGE_CODES
        if (expires := localized(article, "expires_at", code))
        and (published := localized(article, "published_at", code))
        and expires <= published
    }
    if errors:
        raise ValidationError(errors)


def _going_live(article: Article, stored: Article | None) -> list[str]:
    """The languages whose version this save publishes (``stored``: as it was, None for a new article)."""
    return [
        code
        for code in LANGUAGE_CODES
        if article.has_language(code)
        and localized(article, "status", code) == Status.PUBLISHED
        and (stored is None or localized(stored, "status", code) != Status.PUBLISHED)
    ]


def _check_captions(photos: list[Photo], languages: list[str]) -> None:
    """The caption rule: refuse a version going live while one of its photos is captioned elsewhere only."""
    errors = {
        f"status_{code}": guards.caption_block_message(uncaptioned, code)
        for code in languages
        if (uncaptioned := guards.uncaptioned_photos(photos, code))
    }
    if errors:
        raise ValidationError(errors)


def article_warnings(article: Article) -> list[str]:
    """What an editor should see after a save, without being stopped: wrong-language text, uneven bodies."""
    paragraphs = [link.paragraph for link in article.article_photos.all()]
    return guards.language_warnings(article) + guards.alignment_warnings(article, paragraphs)


@transaction.atomic
def article_save(
    *,
    article: Article,
    by: AbstractBaseUser | None = None,
    minor: bool = False,
    translation_checked: bool = False,
    comment: str = "",
    expected_version: int | None = None,
    photos: list[Photo] | None = None,
) -> Article:
    """
    Save an article, keeping a revision of it, a record of each language
    version's status change, and its translation status (``minor``: a typo
    fix that leaves translations current; ``translation_checked``: the
    translation was compared with its source and is current). A slug changed
    after its version went live keeps the old address answering with a
    permanent redirect. Refused (ValidationError) when ``article_check`` fails
    (``photos``: those the caller places after the save, for its caption rule).
    """
    article_check(article=article, expected_version=expected_version, photos=photos)
    previous = Article.objects.filter(pk=article.pk).first() if article.pk is not None else None
    _prepare(article, previous, by=by, minor=minor, translation_checked=translation_checked)
    with reversion.create_revision():
        article.save()
        if by is not None:
            reversion.set_user(by)
        if comment:
            reversion.set_comment(comment)
    StatusChange.objects.bulk_create(_status_changes(article, previous, by=by))
    for code in LANGUAGE_CODES if previous is not None else ():
        old_slug = localized(previous, "slug", code)
        if (
            old_slug
            and old_slug != localized(article, "slug", code)
            and _was_live(localized(previous, "status", code), localized(previous, "published_at", code))
        ):
            ArticleSlugRedirect.objects.update_or_create(
                language=code, slug=old_slug, defaults={"article": article}
            )
    return article


def _prepare(
    article: Article, previous: Article | None, *, by, minor: bool = False, translation_checked: bool = False
) -> None:
    """What every save sets before writing: its author, translation status, edit version and last editor."""
    if article.pk is None and by is not None and article.created_by_id is None:
        article.created_by = by
    translation_status.track(article, previous, minor=minor, translation_checked=translation_checked)
    article.edit_version = (previous.edit_version if previous else article.edit_version) + 1
    if by is not None:
        article.updated_by = by


def _status_changes(article: Article, previous: Article | None, *, by) -> list[StatusChange]:
    """Each language version's status change in this save, unsaved; a new version's first draft is none."""
    changes = []
    for code in LANGUAGE_CODES:
        old_status = localized(previous, "status", code) if previous and previous.has_language(code) else ""
        new_status = localized(article, "status", code)
        if (
            article.has_language(code)
            and new_status != old_status
            and (old_status or new_status != Status.DRAFT)
        ):
            changes.append(
                StatusChange(
                    article=article,
                    language=code,
                    old_status=old_status,
                    new_status=new_status,
                    published_at=localized(article, "published_at", code),
                    changed_by=by,
                )
            )
    return changes


@dataclass
class ArticleDraft:
    """A new article with its placed photos in order, as (photo id, after paragraph), and its tags' ids."""

    article: Article
    photos: list[tuple[int, int | None]] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)


@transaction.atomic
def articles_create(
    *, drafts: list[ArticleDraft], by: AbstractBaseUser | None = None, comment: str = ""
) -> list[Article]:
    """
    Insert new articles with their photos and tags in a handful of queries, each left as
    ``article_save`` leaves a new one: derived columns, translation status, edit version,
    status history and a first revision. Refused (ValidationError) as ``article_check`` refuses.
    """
    articles = [draft.article for draft in drafts]
    photos = Photo.objects.in_bulk(
        {pk for draft in drafts for pk, _paragraph in draft.photos}
        | {article.hero_photo_id for article in articles if article.hero_photo_id}
    )
    for draft in drafts:
        article = draft.article
        if going_live := _going_live(article, None):
            hero = [photos.get(article.hero_photo_id)] if article.hero_photo_id else []
            _check_captions(hero + [photos.get(pk) for pk, _paragraph in draft.photos], going_live)
        _prepare(article, None, by=by)
    for code in LANGUAGE_CODES:
        # Unique slugs for the whole batch in a few queries (a slug given is kept unless
        # taken), so that fill_derived finds them set and looks for none one by one.
        wanted = [
            (article, localized(article, "slug", code) or localized_text(article, "title", code))
            for article in articles
            if article.has_language(code)
        ]
        assign_unique_slugs(Article, code, wanted, reserved=RESERVED_SLUGS)
    for article in articles:
        article.fill_derived()
    Article.objects.bulk_create(articles)
    tags = Tag.objects.in_bulk({pk for draft in drafts for pk in draft.tag_ids})
    placed = [
        [
            ArticlePhoto(article=draft.article, photo_id=pk, position=position, paragraph=paragraph)
            for position, (pk, paragraph) in enumerate(draft.photos)
        ]
        for draft in drafts
    ]
    tagged = [
        [TaggedArticle(content_object=draft.article, tag=tags[pk]) for pk in dict.fromkeys(draft.tag_ids)]
        for draft in drafts
    ]
    ArticlePhoto.objects.bulk_create(chain.from_iterable(placed))
    TaggedArticle.objects.bulk_create(chain.from_iterable(tagged))
    StatusChange.objects.bulk_create(
        change for article in articles for change in _status_changes(article, None, by=by)
    )
    revisions.first_revisions(
        [(article, [*links, *rows]) for article, links, rows in zip(articles, placed, tagged, strict=True)],
        user=by,
        comment=comment,
    )
    pagecache.content_changed()  # bulk inserts send no signals
    return articles


def article_publish(*, article: Article, language: str, by: AbstractBaseUser | None = None) -> Article:
    """
    Publish one language version. An empty publication time becomes now
    (``Article.fill_derived``); a future one schedules the version, which
    then appears by itself.
    """
    check_language(language)
    if not article.has_language(language):
        raise ValidationError(
            _("“%(article)s” has no %(language)s version to publish.")
            % {"article": article, "language": language.upper()}
        )
    setattr(article, f"status_{language}", Status.PUBLISHED)
    return article_save(article=article, by=by)


def article_unpublish(*, article: Article, language: str, by: AbstractBaseUser | None = None) -> Article:
    """Take one language version off the site; its address stops answering."""
    check_language(language)
    if localized(article, "status", language) == Status.PUBLISHED:
        setattr(article, f"status_{language}", Status.UNPUBLISHED)
        article_save(article=article, by=by)
    return article


@transaction.atomic
def article_take_down(
    *, article: Article, language: str, reason: str, by: AbstractBaseUser | None = None
) -> Takedown:
    """
    Remove one language version from every public surface at once, for a legal reason kept
    with who and when. Its pages, lists, feeds, sitemaps, search and the API stop showing it
    with the save (the page cache's generation ends with it); only an editor brings it back.
    """
    check_language(language)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the version is taken down: the record keeps it.")})
    if not article.has_language(language):
        raise ValidationError(
            _("“%(article)s” has no %(language)s version to take down.")
            % {"article": article, "language": language.upper()}
        )
    setattr(article, f"status_{language}", Status.TAKEN_DOWN)
    article_save(article=article, by=by, comment=_("Taken down: %(reason)s") % {"reason": reason})
    return Takedown.objects.create(article=article, language=language, reason=reason, created_by=by)


@transaction.atomic
def article_correct(
    *, article: Article, language: str, text: str, by: AbstractBaseUser | None = None
) -> Correction:
    """
    Add a correction note to a live version. The revision history gets an entry naming it;
    the text change it describes is the article's own save.
    """
    check_language(language)
    if not article.is_published(language):
        raise ValidationError(
            _("Only a live version takes a correction note: correct a draft or a scheduled version in place.")
        )
    correction = Correction(article=article, language=language, text=text.strip(), created_by=by)
    correction.full_clean()
    correction.save()
    with reversion.create_revision():
        reversion.add_to_revision(article)
        if by is not None:
            reversion.set_user(by)
        reversion.set_comment(
            _("Correction (%(language)s): %(text)s") % {"language": language.upper(), "text": correction.text}
        )
    return correction


def article_set_featured(*, article: Article, featured: bool, by: AbstractBaseUser | None = None) -> Article:
    """Put an article in the Focus block, or take it out."""
    if article.featured != featured:
        article.featured = featured
        article_save(article=article, by=by)
    return article


def article_photo_list(article: Article) -> list:
    """The article's main photo and its placed photos, as stored."""
    return ([article.hero_photo] if article.hero_photo_id else []) + placed_photos(article)


def placed_photos(article: Article) -> list:
    """The photos placed in an article's body or gallery, in order."""
    return [link.photo for link in article.article_photos.select_related("photo")] if article.pk else []


def default_category() -> Category:
    """The section of articles nothing files elsewhere ("News"), created the first time one needs it."""
    category, _created = Category.objects.get_or_create(
        slug_en=DEFAULT_CATEGORY["slug"],
        defaults={"name_vi": DEFAULT_CATEGORY["vi"], "name_en": DEFAULT_CATEGORY["en"]},
    )
    return category


#: What restoring a revision brings back: the text and its placement, not its
#: publication state, nor slugs (addresses stay stable once published).
RESTORED_TEXT = ("title", "lead", "body", "byline")
RESTORED_FIELDS = ["original_language", "format", "video_url"]
RESTORED_LINKS = {
    "category_id": "categories.Category",
    "source_id": "articles.Source",
    "hero_photo_id": "media.Photo",
}


@transaction.atomic
def article_restore(*, article: Article, version, by: AbstractBaseUser | None = None) -> Article:
    """
    Bring back an earlier revision's text, photos and tags (not its status,
    publication times or slugs) as a new revision: the history only ever
    grows. A language the revision did not have yet keeps today's text.
    """
    from django.apps import apps

    saved = version.field_dict
    for code in LANGUAGE_CODES:
        if saved.get(f"title_{code}"):
            for name in RESTORED_TEXT:
                setattr(article, f"{name}_{code}", saved.get(f"{name}_{code}") or "")
    for name in RESTORED_FIELDS:
        if name in saved:
            setattr(article, name, saved[name])
    for name, model in RESTORED_LINKS.items():
        pk = saved.get(name)
        # What was deleted since cannot come back; the article keeps today's.
        if pk is None or apps.get_model(model).objects.filter(pk=pk).exists():
            setattr(article, name, pk)
    followed = list(version.revision.version_set.all())
    links = [v.field_dict for v in followed if v._model is ArticlePhoto]
    tag_ids = [v.field_dict["tag_id"] for v in followed if v._model is TaggedArticle]
    # Photos deleted since then cannot come back.
    existing = set(
        Photo.objects.filter(pk__in=[link["photo_id"] for link in links]).values_list("pk", flat=True)
    )
    when = timezone.localtime(version.revision.date_created)
    comment = _("Restored the version of %(when)s.") % {"when": when.strftime("%d/%m/%Y %H:%M")}
    with reversion.create_revision():
        article_save(article=article, by=by, comment=comment)
        article.article_photos.all().delete()
        ArticlePhoto.objects.bulk_create(
            ArticlePhoto(
                article=article,
                photo_id=link["photo_id"],
                position=link["position"],
                paragraph=link["paragraph"],
            )
            for link in links
            if link["photo_id"] in existing
        )
        article.tags.set(list(Tag.objects.filter(pk__in=tag_ids)))
        reversion.add_to_revision(article)  # again: the new revision holds the photos and tags put back
    return article
