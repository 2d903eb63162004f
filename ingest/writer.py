"""
The one writer: validates neutral records and saves them through the
services, whatever format they came from. Re-imports update in place; an
item that would change nothing is reported unchanged and not saved.

New articles are written a batch at a time (``articles_create``: a few bulk
inserts for hundreds of items). If anything in a batch fails, the batch is
rolled back and its items are written again one by one (``article_save``),
each in its own transaction, so that a bad item is reported alone and the
rest still import. Either way an article gets the same status history, first
revision and edit version.
"""

from dataclasses import dataclass, field
from functools import reduce

import reversion
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from articles.models import RESERVED_SLUGS, Article, Source, Status, TaggedArticle
from articles.services import ArticleDraft, article_save, articles_create
from categories.models import Category
from media.models import Photo
from media.services import photo_queue_renditions
from newsroom.text import fill_slug

from . import photos, wire
from .inputs import Input
from .items import Item, ItemRejected, Outcome, merge, prepare, snapshot
from .models import BLOCKING_FLAGS, Feed
from .names import Names, named
from .pages import write_page
from .records import ArticleRecord, VersionRecord

__all__ = ["ArticleWriter", "ImportOptions", "ItemRejected", "Outcome", "WriteResult"]

REJECTED_WARNING = "not imported: the desk rejected it on the wire"


@dataclass
class ImportOptions:
    language: str | None = None  # file every version under this language
    category: Category | None = None  # put every article in this section
    status: str | None = None  # force draft, review or published
    arrival: str | None = None  # what versions new to the site become (default: run.ARRIVAL)
    dry_run: bool = False  # validate and count, write nothing
    fetch_photos: bool = False  # download photos the source only links to
    source: Source | None = None  # credited to articles whose record names none
    feed: Feed | None = None  # the registered feed the records came from


@dataclass
class WriteResult:
    outcome: Outcome
    warnings: list[str] = field(default_factory=list)


class ArticleWriter:
    """Writes records, remembering the sections, sources and tags it has seen."""

    def __init__(self, options: ImportOptions):
        self.options = options
        self.names = Names()
        #: What a new version becomes (run.ARRIVAL): None keeps what the source says,
        #: "review" (wire copy) holds a version the source calls published for the desk.
        #: Items that arrive so are the wire's (ingest.wire): recorded for the desk to decide.
        self.arrival: str | None = None

    # Entry points

    def write(self, record: ArticleRecord, *, origin: Input | None = None) -> WriteResult:
        """Write one record (in the caller's transaction)."""
        item = self._prepare(record)
        if self.arrival and item.key in wire.rejected_keys([item]):
            return WriteResult(Outcome.UNCHANGED, [REJECTED_WARNING])
        return self._write_item(item, origin)

    def write_batch(self, records: list[ArticleRecord], *, origin: Input | None = None) -> list:
        """
        Write records; return, for each, its WriteResult or the exception that
        rejected it. Each record is committed, or rolled back, on its own terms.
        """
        results: list = [None] * len(records)
        items: dict[int, Item] = {}
        fast: dict[tuple, list[int]] = {}
        slow: list[int] = []
        for index, record in enumerate(records):
            try:
                items[index] = self._prepare(record)
            except ItemRejected as error:
                results[index] = error
        rejected = wire.rejected_keys(list(items.values())) if self.arrival else set()
        for index, item in list(items.items()):
            record = item.record
            if item.key in rejected:
                results[index] = WriteResult(Outcome.UNCHANGED, [REJECTED_WARNING])
                del items[index]
                continue
            if record.kind == "page" or photos.needs_files(item, origin, fetch=self.options.fetch_photos):
                slow.append(index)
            else:
                # Versions of one article arriving as separate items (a WordPress
                # post and its translation) are written together.
                fast.setdefault(item.key, []).append(index)
        existing = self._existing([items[indexes[0]] for indexes in fast.values()])
        new = [indexes for key, indexes in fast.items() if key not in existing]
        slow += [index for key, indexes in fast.items() if key in existing for index in indexes]
        if new:
            try:
                with transaction.atomic():
                    self._create_articles(
                        [reduce(merge, (items[index] for index in indexes)) for indexes in new]
                    )
            except (ItemRejected, ValidationError, DatabaseError, ValueError):
                self.names = Names()  # what it created was rolled back with the batch
                slow += [index for indexes in new for index in indexes]
            else:
                for first, *others in new:
                    results[first] = WriteResult(Outcome.CREATED, list(items[first].warnings))
                    for index in others:
                        results[index] = WriteResult(Outcome.UPDATED, list(items[index].warnings))
        for index in sorted(slow):
            try:
                with transaction.atomic():
                    results[index] = self._write_item(items[index], origin)
            except ValidationError as error:
                self.names = Names()
                results[index] = ItemRejected(" ".join(error.messages))
            except (ItemRejected, DatabaseError, ValueError) as error:
                self.names = Names()
                results[index] = error
        return results

    def _prepare(self, record: ArticleRecord) -> Item:
        return prepare(record, language=self.options.language, status=self.options.status)

    def _write_item(self, item: Item, origin: Input | None) -> WriteResult:
        if item.record.kind == "page":
            return WriteResult(write_page(item), list(item.warnings))
        return self._write_article(item, origin)

    # Articles, one at a time

    def _write_article(self, item: Item, origin: Input | None) -> WriteResult:
        result = WriteResult(Outcome.UNCHANGED, list(item.warnings))
        article = self._existing([item]).get(item.key)
        created = article is None
        if created:
            article = self._new_article(item)
        elif self.arrival and article.updated_by_id is not None:
            # Copy from outside (a wire, a page dump) updates an article only while no one on
            # the desk has saved it since: an editor's work is never overwritten by a feed. A
            # new copy waits on the wire for the desk to compare and apply.
            if not self.options.dry_run and wire.hold_update(article, item, feed=self.options.feed):
                result.warnings.append(
                    f"kept as the desk left it: {article.updated_by} has changed it since it was "
                    "imported; the new copy waits on the wire for the desk to apply"
                )
            return result
        before = snapshot(article)
        self._apply(article, item, created=created)
        for code, version in item.versions.items():
            if version.slug:
                # Keeps a slug it has; numbers a taken one.
                fill_slug(article, code, text=version.slug, reserved=RESERVED_SLUGS)
        if not created:
            article.fill_derived()  # compared as it would be stored: an unchanged item saves nothing
        # Photos first, so that the main photo is saved with the article.
        found, to_save = self._photos([item])
        photos_changed = bool(to_save)
        for photo in to_save:
            photo.save()
        for index, record in enumerate(item.record.photos):
            photo = found[photos.photo_key(item, index, record)]
            if not photo.image and not self.options.dry_run:
                photos_changed |= photos.attach_file(
                    photo, record, origin, fetch=self.options.fetch_photos, warnings=result.warnings
                )
        placed, hero = photos.placement(item, found)
        if hero:
            article.hero_photo = hero
        # A record holding only some of an article's languages (one of a WordPress
        # post's translations, say) adds to its tags and photos; a complete one sets them.
        complete = created or set(item.versions) >= set(article.languages)
        place = bool(item.record.photos) and (complete or not article.article_photos.exists())
        saved = created or photos_changed or snapshot(article) != before
        # One revision holds the article with the photos and tags placed after saving it.
        with reversion.create_revision():
            if saved:
                after = ([article.hero_photo] if article.hero_photo_id else []) + [p for p, _n in placed]
                article_save(article=article, photos=after if place else None)
            changed = saved
            if place:
                changed |= photos.place_photos(article, placed, created=created)
            changed |= self._set_tags(article, self._tag_ids(item), created=created, add_only=not complete)
            if saved:
                reversion.add_to_revision(article)
        if self.arrival and (created or changed):
            wire.arrived(article, item, feed=self.options.feed)
        if created:
            result.outcome = Outcome.CREATED
        elif changed:
            result.outcome = Outcome.UPDATED
        return result

    def _existing(self, items: list[Item]) -> dict[tuple, Article]:
        """The articles these items already are, in two queries at most."""
        found = {}
        for kind in ("uid", "external_id"):
            values = [item.key[1] for item in items if item.key[0] == kind]
            if values:
                for article in Article.objects.filter(**{f"{kind}__in": values}):
                    found[(kind, str(getattr(article, kind)))] = article
        return found

    def _new_article(self, item: Item) -> Article:
        record = item.record
        article = Article(external_id=record.external_id or None)
        if record.uid:
            article.uid = record.uid
        original = item.languages.get(record.original_language, record.original_language)
        article.original_language = original if original in item.versions else next(iter(item.versions))
        return article

    def _apply(self, article: Article, item: Item, *, created: bool) -> None:
        blocked = any(flag in BLOCKING_FLAGS for flag in item.flags)
        for code, version in item.versions.items():
            self._apply_version(article, code, version, blocked=blocked)
        record, language = item.record, next(iter(item.versions))
        if self.options.category:
            article.category = self.options.category
        elif record.category:
            article.category = self.names.category(record.category, language)
        elif created:
            article.category = self.names.default_category()
        if record.format:
            article.format = record.format
        if named(record.source):
            article.source = self.names.source(record.source)
        elif created and self.options.source:
            article.source = self.options.source
        if record.featured is not None:
            article.featured = record.featured
        if record.video_url:
            article.video_url = record.video_url

    def _apply_version(self, article: Article, code: str, version: VersionRecord, *, blocked: bool) -> None:
        was_written = article.has_language(code)
        for name in ("title", "lead", "body", "byline"):
            setattr(article, f"{name}_{code}", getattr(version, name))
        if version.published_at is not None:
            setattr(article, f"published_at_{code}", version.published_at)
        if version.view_count is not None:
            setattr(article, f"view_count_{code}", version.view_count)
        status = version.status
        if self.arrival and status == Status.PUBLISHED and not self.options.status:
            # "Usable" at the wire's end: the desk decides what goes live here. A version
            # already on the site keeps its status; a withdrawal (unpublished) still applies.
            status = None
        if getattr(article, f"status_{code}") == Status.TAKEN_DOWN:
            status = None  # removed for a legal reason: only an editor brings it back
        status = status or (None if was_written else self.arrival or Status.PUBLISHED)
        if blocked and status == Status.PUBLISHED:
            status = Status.DRAFT  # no title or no date of its own: never live before the desk fixes it
        if status:
            setattr(article, f"status_{code}", status)

    def _tag_ids(self, item: Item) -> set[int]:
        return {self.names.tag(tag, language).pk for tag, language in item.tags}

    def _set_tags(self, article, tags: set[int], *, created: bool, add_only: bool = False) -> bool:
        """Make the article's tags exactly these (or add them), in as few queries as possible."""
        current = set() if created else set(article.tagged_items.values_list("tag_id", flat=True))
        if add_only:
            tags = tags | current
        if current == tags:
            return False
        article.tagged_items.filter(tag_id__in=current - tags).delete()
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag_id=tag) for tag in tags - current
        )
        return True

    def _photos(self, items: list[Item]) -> tuple[dict[str, Photo], list[Photo]]:
        return photos.find_photos(items, names=self.names, language=self.options.language)

    # Articles, a batch at a time

    def _create_articles(self, items: list[Item]) -> None:
        """Insert new articles with their photos and tags through ``articles_create``."""
        found, to_save = self._photos(items)
        for photo in to_save:
            if photo.pk is None:
                photo.fill_file_hash()  # what Photo.save does, skipped by bulk inserts
            else:
                photo.save()
        new_photos = Photo.objects.bulk_create([photo for photo in to_save if photo.pk is None])
        for photo in new_photos:
            if photo.image:
                photo_queue_renditions(photo=photo)  # what photo_save does, skipped by bulk inserts
        drafts = []
        for item in items:
            article = self._new_article(item)
            self._apply(article, item, created=True)
            for code, version in item.versions.items():
                if version.slug:
                    setattr(article, f"slug_{code}", version.slug)  # numbered there if taken
            placed, article.hero_photo = photos.placement(item, found)
            drafts.append(
                ArticleDraft(
                    article,
                    photos=[(photo.pk, paragraph) for photo, paragraph in placed],
                    tag_ids=sorted(self._tag_ids(item)),
                )
            )
        articles_create(drafts=drafts)
        if self.arrival:
            wire.arrived_many(
                [(draft.article, item) for draft, item in zip(drafts, items, strict=True)],
                feed=self.options.feed,
            )
