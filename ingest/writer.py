"""
The one writer: validates neutral records and saves them through the
services, whatever format they came from. Re-imports update in place; an
item that would change nothing is reported unchanged and not saved.

New articles are written a batch at a time (a few bulk inserts for hundreds
of items). If anything in a batch fails, the batch is rolled back and its
items are written again one by one, each in its own transaction, so that a
bad item is reported alone and the rest still import.
"""

import enum
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils import timezone

from articles.models import RESERVED_SLUGS, Article, ArticlePhoto, Format, Status, TaggedArticle
from articles.services import article_save
from categories.models import Category
from media.models import Photo
from media.services import ImageRejected, photo_set_image
from newsroom.languages import LANGUAGE_CODES, localized
from newsroom.richtext import html_to_text, sanitize_html
from newsroom.text import assign_unique_slugs, fill_slug, guess_language, slugify_vi
from pages.models import Page

from .inputs import Input, InputError, download
from .names import Names, named, text
from .records import ArticleRecord, PhotoRecord, VersionRecord


class ItemRejected(Exception):
    """This item cannot be imported; the message says why."""


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class ImportOptions:
    language: str | None = None  # file every version under this language
    category: Category | None = None  # put every article in this section
    status: str | None = None  # force draft or published
    dry_run: bool = False  # validate and count, write nothing
    fetch_photos: bool = False  # download photos the source only links to


@dataclass
class WriteResult:
    outcome: Outcome
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Item:
    """A record made ready to write: its versions keyed by site language."""

    record: ArticleRecord
    versions: dict[str, VersionRecord]
    languages: dict[str, str]  # the source's language codes -> the site's
    tags: list[tuple] = field(default_factory=list)  # (tag name or record, the language it is in)

    @property
    def key(self) -> tuple[str, str]:
        return ("uid", self.record.uid) if self.record.uid else ("external_id", self.record.external_id)


class ArticleWriter:
    """Writes records, remembering the sections, sources and tags it has seen."""

    def __init__(self, options: ImportOptions):
        self.options = options
        self.names = Names()

    # Entry points

    def write(self, record: ArticleRecord, *, origin: Input | None = None) -> WriteResult:
        """Write one record (in the caller's transaction)."""
        item = self._prepare(record)
        if record.kind == "page":
            return WriteResult(self._write_page(item))
        return self._write_article(item, origin)

    def write_batch(self, records: list[ArticleRecord], *, origin: Input | None = None) -> list:
        """
        Write records; return, for each, its WriteResult or the exception that
        rejected it. Each record is committed, or rolled back, on its own terms.
        """
        results: list = [None] * len(records)
        fast: dict[tuple, tuple[_Item, list[int]]] = {}
        slow: list[tuple[int, ArticleRecord]] = []
        for index, record in enumerate(records):
            try:
                item = self._prepare(record)
            except ItemRejected as error:
                results[index] = error
                continue
            if record.kind == "page" or self._needs_files(item, origin):
                slow.append((index, record))
            elif item.key in fast:
                # Versions of one article arriving as separate items (a WordPress
                # post and its translation): written together.
                first, indexes = fast[item.key]
                fast[item.key] = (_merge(first, item), [*indexes, index])
            else:
                fast[item.key] = (item, [index])
        existing = self._existing([item for item, _indexes in fast.values()])
        new = []
        for key, (item, indexes) in fast.items():
            if key in existing:
                slow.extend((index, records[index]) for index in indexes)
            else:
                new.append((item, indexes))
        if new:
            try:
                with transaction.atomic():
                    self._create_articles([item for item, _indexes in new])
            except (ItemRejected, ValidationError, DatabaseError, ValueError):
                self.names = Names()  # what it created was rolled back with the batch
                slow.extend((index, records[index]) for _item, indexes in new for index in indexes)
            else:
                for _item, indexes in new:
                    results[indexes[0]] = WriteResult(Outcome.CREATED)
                    for index in indexes[1:]:
                        results[index] = WriteResult(Outcome.UPDATED)
        for index, record in sorted(slow):
            try:
                with transaction.atomic():
                    results[index] = self.write(record, origin=origin)
            except (ItemRejected, DatabaseError, ValueError) as error:
                self.names = Names()
                results[index] = error
        return results

    # Languages and text

    def _prepare(self, record: ArticleRecord) -> _Item:
        """Map the record's versions to the site's languages and clean their text."""
        if not record.versions:
            raise ItemRejected("it has no text in any language")
        forced = self.options.language
        if forced and len(record.versions) > 1:
            raise ItemRejected("--language applies to items in one language; this one has several")
        for uid in (record.uid, *(photo.uid for photo in record.photos)):
            if uid and not _is_uuid(uid):
                raise ItemRejected(f"the uid {uid[:60]!r} is not a UUID")
        if record.format and record.format not in Format.values:
            raise ItemRejected(f"unknown format {record.format!r}")
        if record.video_url and not _is_web_address(record.video_url):
            raise ItemRejected(f"the video address {record.video_url[:80]!r} is not an http(s) URL")
        languages: dict[str, str] = {}
        versions: dict[str, VersionRecord] = {}
        for raw, version in record.versions.items():
            code = forced or self._site_language(raw, version)
            if code in versions:
                raise ItemRejected(f"two versions in the same language ({code})")
            languages[raw] = code
            versions[code] = self._clean_version(version)
        language = next(iter(versions))
        return _Item(
            record, versions, languages, _unique([(tag, language) for tag in record.tags if named(tag)])
        )

    def _site_language(self, raw: str, version: VersionRecord) -> str:
        code = (raw or "").replace("_", "-").split("-")[0].lower().strip()
        if not code:
            return guess_language(" ".join((version.title, version.lead, html_to_text(version.body))))
        if code not in LANGUAGE_CODES:
            raise ItemRejected(
                f"its language is {raw!r}, not one of the site's ({', '.join(LANGUAGE_CODES)}); "
                "pass --language to import it as one of them"
            )
        return code

    def _caption_language(self, item: _Item, raw: str) -> str:
        """A caption's site language: its version's, or the only version's when it does not say."""
        if raw in item.languages:
            return item.languages[raw]
        if self.options.language:
            return self.options.language
        if not raw and len(item.versions) == 1:
            return next(iter(item.versions))
        code = raw.replace("_", "-").split("-")[0].lower()
        if code not in LANGUAGE_CODES:
            raise ItemRejected(f"a photo caption is in {raw!r}, not one of the site's languages")
        return code

    def _clean_version(self, version: VersionRecord) -> VersionRecord:
        title = text(version.title)
        if not title:
            raise ItemRejected("it has no title")
        if version.status and version.status not in Status.values:
            raise ItemRejected(f"unknown status {version.status!r}")
        if version.view_count is not None and (
            not isinstance(version.view_count, int) or version.view_count < 0
        ):
            raise ItemRejected(f"the read count {version.view_count!r} is not a whole number of reads")
        published_at = version.published_at
        if published_at is not None and timezone.is_naive(published_at):
            published_at = timezone.make_aware(published_at)
        return VersionRecord(
            title=title[:300],
            lead=text(version.lead),
            body=sanitize_html(version.body),
            byline=text(version.byline)[:200],
            published_at=published_at,
            status=self.options.status or version.status,
            slug=slugify_vi(version.slug, max_length=200) if version.slug else "",
            view_count=version.view_count,
        )

    # Articles, one at a time

    def _write_article(self, item: _Item, origin) -> WriteResult:
        result = WriteResult(Outcome.UNCHANGED)
        record = item.record
        article = self._existing([item]).get(item.key)
        created = article is None
        if created:
            article = self._new_article(item)
        before = _snapshot(article)
        self._apply(article, item, created=created)
        for code, version in item.versions.items():
            if version.slug:
                # Keeps a slug it has; numbers a taken one.
                fill_slug(article, code, text=version.slug, reserved=RESERVED_SLUGS)
        # Photos first, so that the main photo is saved with the article.
        placed, photos_changed = self._photos(article, item, origin, result.warnings)
        # A record holding only some of an article's languages (one of a WordPress
        # post's translations, say) adds to its tags and photos; a complete one sets them.
        complete = created or set(item.versions) >= set(article.languages)
        changed = created or photos_changed or _snapshot(article) != before
        if changed:
            article_save(article=article)
        if record.photos and (complete or not article.article_photos.exists()):
            changed |= self._place_photos(article, placed, created=created)
        changed |= self._set_tags(article, self._tag_ids(item), created=created, add_only=not complete)
        if created:
            result.outcome = Outcome.CREATED
        elif changed:
            result.outcome = Outcome.UPDATED
        return result

    def _existing(self, items: list[_Item]) -> dict[tuple, Article]:
        """The articles these items already are, in two queries at most."""
        found = {}
        for kind in ("uid", "external_id"):
            values = [item.key[1] for item in items if item.key[0] == kind]
            if values:
                for article in Article.objects.filter(**{f"{kind}__in": values}):
                    found[(kind, str(getattr(article, kind)))] = article
        return found

    def _new_article(self, item: _Item) -> Article:
        record = item.record
        article = Article(external_id=record.external_id or None)
        if record.uid:
            article.uid = record.uid
        original = item.languages.get(record.original_language, record.original_language)
        article.original_language = original if original in item.versions else next(iter(item.versions))
        return article

    def _apply(self, article: Article, item: _Item, *, created: bool) -> None:
        for code, version in item.versions.items():
            self._apply_version(article, code, version)
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
        if record.featured is not None:
            article.featured = record.featured
        if record.video_url:
            article.video_url = record.video_url

    def _apply_version(self, article: Article, code: str, version: VersionRecord) -> None:
        was_written = article.has_language(code)
        for name in ("title", "lead", "body", "byline"):
            setattr(article, f"{name}_{code}", getattr(version, name))
        if version.published_at is not None:
            setattr(article, f"published_at_{code}", version.published_at)
        if version.view_count is not None:
            setattr(article, f"view_count_{code}", version.view_count)
        status = version.status or (None if was_written else Status.PUBLISHED)
        if status:
            setattr(article, f"status_{code}", status)
            if status == Status.PUBLISHED and localized(article, "published_at", code) is None:
                setattr(article, f"published_at_{code}", timezone.now())

    def _tag_ids(self, item: _Item) -> set[int]:
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

    # Articles, a batch at a time

    def _create_articles(self, items: list[_Item]) -> None:
        """Insert new articles with their photos and tags in a handful of queries."""
        articles = [self._new_article(item) for item in items]
        for article, item in zip(articles, items, strict=True):
            self._apply(article, item, created=True)
        photos = self._photo_rows(items)
        for code in LANGUAGE_CODES:
            wanted = [
                (article, item.versions[code].slug or item.versions[code].title)
                for article, item in zip(articles, items, strict=True)
                if code in item.versions
            ]
            assign_unique_slugs(Article, code, wanted, reserved=RESERVED_SLUGS)
        placements = []
        for article, item in zip(articles, items, strict=True):
            placed, hero = self._placement(item, photos)
            article.hero_photo_id = hero
            placements.append(placed)
        Article.objects.bulk_create(articles)
        ArticlePhoto.objects.bulk_create(
            ArticlePhoto(article=article, photo_id=photo_id, position=position, paragraph=paragraph)
            for article, placed in zip(articles, placements, strict=True)
            for position, (photo_id, paragraph) in enumerate(placed)
        )
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag_id=tag)
            for article, item in zip(articles, items, strict=True)
            for tag in self._tag_ids(item)
        )

    def _photo_rows(self, items: list[_Item]) -> dict[str, Photo]:
        """Every photo the items name, keyed by identity: found in one query, missing ones inserted in one."""
        wanted: dict[str, tuple[_Item, PhotoRecord]] = {}
        for item in items:
            for index, record in enumerate(item.record.photos):
                wanted.setdefault(self._photo_key(item, index, record), (item, record))
        found = {photo.external_id: photo for photo in Photo.objects.filter(external_id__in=list(wanted))}
        uids = [record.uid for _item, record in wanted.values() if record.uid]
        by_uid = {str(photo.uid): photo for photo in Photo.objects.filter(uid__in=uids)} if uids else {}
        stored = [record.stored_file for _item, record in wanted.values() if record.stored_file]
        by_file = (
            {photo.image.name: photo for photo in Photo.objects.filter(image__in=stored)} if stored else {}
        )
        new = []
        for key, (item, record) in wanted.items():
            photo = by_uid.get(record.uid) or found.get(key) or by_file.get(record.stored_file)
            if photo is None:
                photo = self._new_photo(key, record)
                new.append(photo)
            before = _snapshot(photo)
            self._fill_photo(photo, item, record)
            if photo.pk is not None and _snapshot(photo) != before:
                photo.save()
            found[key] = photo
        for photo in new:
            photo.fill_file_hash()
        Photo.objects.bulk_create(new)
        return found

    def _placement(self, item: _Item, photos: dict[str, Photo]) -> tuple[list, int | None]:
        placed, marked_hero, first_at_top = [], None, None
        for index, record in enumerate(item.record.photos):
            photo = photos[self._photo_key(item, index, record)]
            if record.hero and marked_hero is None:
                marked_hero = photo.pk
            if record.paragraph == 0 and first_at_top is None:
                first_at_top = photo.pk
            if record.placed and all(photo.pk != placed_id for placed_id, _p in placed):
                placed.append((photo.pk, record.paragraph))
        return placed, marked_hero or first_at_top

    # Photos, one article at a time

    def _photos(self, article, item: _Item, origin, warnings):
        """Save the item's photos and set the main photo; return the (photo, paragraph) pairs to place."""
        changed = False
        rows = {}
        for index, record in enumerate(item.record.photos):
            key = self._photo_key(item, index, record)
            photo = Photo.objects.filter(uid=record.uid).first() if record.uid else None
            photo = photo or Photo.objects.filter(external_id=key).first()
            if photo is None and record.stored_file:
                photo = Photo.objects.filter(image=record.stored_file).first()
            created = photo is None
            if created:
                photo = self._new_photo(key, record)
            before = _snapshot(photo)
            self._fill_photo(photo, item, record)
            if created or _snapshot(photo) != before:
                photo.save()
                changed = True
            if not photo.image and not self.options.dry_run:
                changed |= self._attach_file(photo, record, origin, warnings)
            rows[key] = photo
        placed, hero = self._placement(item, rows)
        if hero:
            article.hero_photo_id = hero
        return placed, changed

    def _place_photos(self, article, placed, *, created: bool) -> bool:
        wanted = [(photo_id, position, paragraph) for position, (photo_id, paragraph) in enumerate(placed)]
        if not created:
            current = list(article.article_photos.values_list("photo_id", "position", "paragraph"))
            if current == wanted:
                return False
            article.article_photos.all().delete()
        ArticlePhoto.objects.bulk_create(
            ArticlePhoto(article=article, photo_id=photo_id, position=position, paragraph=paragraph)
            for photo_id, position, paragraph in wanted
        )
        return True

    def _new_photo(self, key: str, record: PhotoRecord) -> Photo:
        photo = Photo(external_id=None if key.startswith("file:") else key)
        if record.uid:
            photo.uid = record.uid
        return photo

    def _photo_key(self, item: _Item, index: int, record: PhotoRecord) -> str:
        """A photo's identity: the source's id, its URL, our stored file, or its place in the article."""
        if key := (record.external_id or record.url):
            return key[:500]
        if record.stored_file:
            return f"file:{record.stored_file}"
        owner = item.record.uid or item.record.external_id
        return f"{owner}#photo-{index}-{record.file_name}"[:500]

    def _fill_photo(self, photo: Photo, item: _Item, record: PhotoRecord) -> None:
        for raw, caption in record.caption.items():
            setattr(photo, f"caption_{self._caption_language(item, raw)}", text(caption))
        for raw, alt in record.alt_text.items():
            setattr(photo, f"alt_text_{self._caption_language(item, raw)}", text(alt)[:300])
        if named(record.credit):
            photo.credit = self.names.source(record.credit)
        if record.url.lower().startswith(("http://", "https://")) and not photo.image:
            photo.source_url = record.url[:1000]  # where to fetch it from; moot once it has its file
        if record.stored_file and not photo.image and default_storage.exists(record.stored_file):
            photo.image = record.stored_file

    def _needs_files(self, item: _Item, origin) -> bool:
        """Whether writing the item means reading or fetching image files (done one item at a time)."""
        for record in item.record.photos:
            if self.options.fetch_photos and record.url:
                return True
            if (
                record.file_name
                and origin
                and origin.base_dir
                and (origin.base_dir / Path(record.file_name).name).is_file()
            ):
                return True
        return False

    def _attach_file(self, photo: Photo, record: PhotoRecord, origin, warnings) -> bool:
        """Give a photo its image: a file next to the input, or (when asked) its URL."""
        try:
            if record.file_name and origin and origin.base_dir:
                candidate = origin.base_dir / Path(record.file_name).name
                if candidate.is_file():
                    photo_set_image(photo=photo, data=candidate.read_bytes(), name=candidate.name)
                    return True
            if self.options.fetch_photos and photo.source_url:
                with tempfile.TemporaryFile() as buffer:
                    download(photo.source_url, buffer, max_bytes=settings.NEWSROOM_MAX_UPLOAD_SIZE)
                    buffer.seek(0)
                    name = Path(photo.source_url.split("?")[0]).name or "photo"
                    photo_set_image(photo=photo, data=buffer.read(), name=name)
                return True
        except (ImageRejected, InputError) as error:
            warnings.append(f"photo {photo.source_url or record.file_name}: {error}")
        return False

    # Pages

    def _write_page(self, item: _Item) -> Outcome:
        page = Page.objects.filter(external_id=item.record.external_id).first()
        created = page is None
        if created:
            page = Page(external_id=item.record.external_id, show_in_header=False)
        before = _snapshot(page)
        for code, version in item.versions.items():
            setattr(page, f"title_{code}", version.title)
            setattr(page, f"body_{code}", version.body)
            if version.slug:
                fill_slug(page, code, text=version.slug)
            if version.status:
                page.is_published = version.status == Status.PUBLISHED
        if not created and _snapshot(page) == before:
            return Outcome.UNCHANGED
        page.save()
        return Outcome.CREATED if created else Outcome.UPDATED


def _merge(first: _Item, second: _Item) -> _Item:
    """Two items of one article: the versions of both, photos matched by identity, tags of both."""
    record = first.record
    photos = list(record.photos)
    for photo in second.record.photos:
        identity = photo.external_id or photo.url
        same = next((p for p in photos if identity and (p.external_id or p.url) == identity), None)
        if same is None:
            photos.append(photo)
        else:
            same.caption = {**same.caption, **photo.caption}
            same.alt_text = {**same.alt_text, **photo.alt_text}
    merged = ArticleRecord(
        external_id=record.external_id,
        uid=record.uid,
        versions={**record.versions, **second.record.versions},
        category=record.category or second.record.category,
        tags=record.tags,
        source=record.source or second.record.source,
        format=record.format or second.record.format,
        featured=record.featured if record.featured is not None else second.record.featured,
        photos=photos,
        video_url=record.video_url or second.record.video_url,
        original_language=record.original_language,
        position=record.position,
    )
    tags = _unique([*first.tags, *second.tags])
    return _Item(merged, {**first.versions, **second.versions}, {**first.languages, **second.languages}, tags)


def _unique(tags: list[tuple]) -> list[tuple]:
    """(tag, language) pairs without repeats; tags may be strings or (unhashable) records."""
    seen, unique = set(), []
    for tag, language in tags:
        key = (repr(tag) if not isinstance(tag, str) else text(tag).casefold(), language)
        if key not in seen:
            seen.add(key)
            unique.append((tag, language))
    return unique


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _is_web_address(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return len(value) <= 200


def _snapshot(instance) -> dict:
    """The values of an instance's concrete fields, to tell whether an import changed anything."""
    # Empty text may be stored as NULL or "": the same to readers, so the same here.
    return {
        f.attname: "" if (value := getattr(instance, f.attname)) is None else value
        for f in instance._meta.concrete_fields
        if f.attname not in ("updated_at", "created_at")
    }
