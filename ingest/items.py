"""
What the writer works on: records made ready to write (versions mapped to the
site's languages, text cleaned, values checked), versions of one article that
arrived as two items merged, and snapshots to tell whether a write changed anything.
"""

import enum
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from articles.models import Format, Status
from newsroom.languages import LANGUAGE_CODES
from newsroom.richtext import html_to_text
from newsroom.text import guess_language, slugify_vi

from .language import read_language
from .names import named, text
from .records import ArticleRecord, VersionRecord


class ItemRejected(Exception):
    """This item cannot be imported; the message says why."""


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class Item:
    """A record made ready to write: its versions keyed by site language."""

    record: ArticleRecord
    versions: dict[str, VersionRecord]
    languages: dict[str, str]  # the source's language codes -> the site's
    tags: list[tuple] = field(default_factory=list)  # (tag name or record, the language it is in)
    warnings: list[str] = field(default_factory=list)  # for the desk, reported with the item
    flags: list[str] = field(default_factory=list)  # ingest.models.Flag codes, kept for the desk

    @property
    def key(self) -> tuple[str, str]:
        return ("uid", self.record.uid) if self.record.uid else ("external_id", self.record.external_id)


def prepare(record: ArticleRecord, *, language: str | None = None, status: str | None = None) -> Item:
    """
    Map the record's versions to the site's languages (all to ``language`` when
    given) and clean their text; ``status`` overrides theirs. ItemRejected says what is wrong.
    """
    if not record.versions:
        raise ItemRejected("it has no text in any language")
    if language and len(record.versions) > 1:
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
    warnings: list[str] = []
    flags = list(dict.fromkeys(record.flags))
    for raw, version in record.versions.items():
        code = language or _site_language(raw, version, warnings, flags)
        if code in versions:
            raise ItemRejected(f"two versions in the same language ({code})")
        languages[raw] = code
        versions[code] = _clean_version(version, status=status)
    first = next(iter(versions))
    tags = unique_tags([(tag, first) for tag in record.tags if named(tag)])
    return Item(record, versions, languages, tags, warnings, flags)


def _site_language(raw: str, version: VersionRecord, warnings: list[str], flags: list[str]) -> str:
    """
    The site language a version is filed under: what the source declares, else what its
    text reads as (ingest.language). Declared in none of ours, or undeclared and surely
    another language, it is refused, naming the language. A text contradicting the
    language declared is filed as declared, flagged "language" with a warning for the desk. Undeclared and
    not surely told (short, mixed text), it is Vietnamese when it carries Vietnamese
    letters, else English.
    """
    code = (raw or "").replace("_", "-").split("-")[0].lower().strip()
    if code and code not in LANGUAGE_CODES:
        raise ItemRejected(
            f"its language is {raw!r}, not one of the site's ({', '.join(LANGUAGE_CODES)}); "
            "pass --language to import it as one of them"
        )
    sample = " ".join((version.title, version.lead, html_to_text(version.body)))
    reading = read_language(sample)
    if code:
        if reading and reading.code != code:
            warnings.append(
                f"the source says its language is {raw!r} but its text reads as {reading.name}: "
                f"filed as {code!r}, for the desk to check"
            )
            if "language" not in flags:
                flags.append("language")
        return code
    if reading and reading.code not in LANGUAGE_CODES:
        raise ItemRejected(
            f"its text is in {reading.name}, not one of the site's languages "
            f"({', '.join(LANGUAGE_CODES)}); pass --language to import it as one of them"
        )
    return reading.code if reading else guess_language(sample)


def caption_language(item: Item, raw: str, *, language: str | None = None) -> str:
    """A caption's site language: its version's, or the only version's when it does not say."""
    if raw in item.languages:
        return item.languages[raw]
    if language:
        return language
    if not raw and len(item.versions) == 1:
        return next(iter(item.versions))
    code = raw.replace("_", "-").split("-")[0].lower()
    if code not in LANGUAGE_CODES:
        raise ItemRejected(f"a photo caption is in {raw!r}, not one of the site's languages")
    return code


def _clean_version(version: VersionRecord, *, status: str | None) -> VersionRecord:
    # The body stays as sent: saving the article sanitises it (Article.fill_derived).
    title = text(version.title)
    if not title:
        raise ItemRejected("it has no title")
    if version.status and version.status not in Status.values:
        raise ItemRejected(f"unknown status {version.status!r}")
    if version.view_count is not None and (not isinstance(version.view_count, int) or version.view_count < 0):
        raise ItemRejected(f"the read count {version.view_count!r} is not a whole number of reads")
    published_at = version.published_at
    if published_at is not None and timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    return VersionRecord(
        title=title[:300],
        lead=text(version.lead),
        body=version.body,
        byline=text(version.byline)[:200],
        published_at=published_at,
        status=status or version.status,
        slug=slugify_vi(version.slug, max_length=200) if version.slug else "",
        view_count=version.view_count,
    )


def merge(first: Item, second: Item) -> Item:
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
    tags = unique_tags([*first.tags, *second.tags])
    versions, languages = {**first.versions, **second.versions}, {**first.languages, **second.languages}
    flags = list(dict.fromkeys(first.flags + second.flags))
    return Item(merged, versions, languages, tags, first.warnings + second.warnings, flags)


def unique_tags(tags: list[tuple]) -> list[tuple]:
    """(tag, language) pairs without repeats; tags may be strings or (unhashable) records."""
    seen, unique = set(), []
    for tag, language in tags:
        key = (repr(tag) if not isinstance(tag, str) else text(tag).casefold(), language)
        if key not in seen:
            seen.add(key)
            unique.append((tag, language))
    return unique


def snapshot(instance) -> dict:
    """The values of an instance's concrete fields, to tell whether an import changed anything."""
    # Empty text may be stored as NULL or "": the same to readers, so the same here.
    return {
        f.attname: "" if (value := getattr(instance, f.attname)) is None else value
        for f in instance._meta.concrete_fields
        if f.attname not in ("updated_at", "created_at")
    }


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
