"""
Our own JSON Lines: one article per line, both languages, photos referenced
by their stored file, sections, tags and sources by slug with their names.
Written by ``ingest.exports.export_jsonl``; read back here losslessly.
"""

import json
from datetime import datetime

from ..inputs import Input
from ..records import (
    ArticleRecord,
    CategoryRecord,
    ItemError,
    PhotoRecord,
    SourceRecord,
    TagRecord,
    VersionRecord,
)

FORMAT_VERSION = 1


def looks_like(head: bytes) -> bool:
    """Whether the first line names our format's keys (quoted or not: a broken line is still ours)."""
    first_line = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    return b"newsroom" in first_line and b"versions" in first_line


def parse(item: Input):
    """One record per non-blank line; a line that is not one of ours is reported and skipped."""
    with item.open() as stream:
        for number, raw in enumerate(stream, start=1):
            position = f"line {number}"
            try:
                line = raw.decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError as error:
                yield ItemError(position, f"not valid UTF-8 (byte {error.start} of the line)")
                continue
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                yield ItemError(position, f"not valid JSON: {error.msg} (column {error.colno})")
                continue
            except RecursionError:
                yield ItemError(position, "not usable JSON: nested too deeply")
                continue
            if not isinstance(data, dict):
                yield ItemError(position, f"expected a JSON object, found {_json_type(data)}")
                continue
            try:
                yield _record(data, position)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                yield ItemError(position, f"not a Newsroom article line ({type(error).__name__}: {error})")


def _json_type(value) -> str:
    names = {str: "a string", bool: "true or false", int: "a number", float: "a number", list: "an array"}
    return names.get(type(value), "null")


def _record(data: dict, position: str) -> ArticleRecord:
    if data.get("newsroom") != FORMAT_VERSION:
        raise ValueError(f'expected "newsroom": {FORMAT_VERSION}')
    versions = {
        code: VersionRecord(
            title=version["title"],
            slug=version.get("slug") or "",
            lead=version.get("lead") or "",
            body=version.get("body") or "",
            byline=version.get("byline") or "",
            status=version.get("status"),
            published_at=_datetime(version.get("published_at")),
            view_count=version.get("view_count"),
        )
        for code, version in data["versions"].items()
    }
    return ArticleRecord(
        external_id=data.get("external_id") or "",
        uid=data.get("uid") or "",
        versions=versions,
        kind=data.get("kind", "article"),
        original_language=data.get("original_language", ""),
        format=data.get("format", ""),
        featured=data.get("featured"),
        video_url=data.get("video_url") or "",
        category=[_category(item) for item in data.get("category") or []],
        tags=[TagRecord(names=tag["names"], slugs=tag.get("slugs", {})) for tag in data.get("tags") or []],
        source=_source(data.get("source")),
        photos=[_photo(photo) for photo in data.get("photos") or []],
        position=position,
    )


def _category(item: dict) -> CategoryRecord:
    return CategoryRecord(
        names=item["names"], slugs=item.get("slugs", {}), descriptions=item.get("descriptions", {})
    )


def _source(item: dict | None) -> SourceRecord | str:
    if not item:
        return ""
    return SourceRecord(slug=item["slug"], names=item["names"], url=item.get("url") or "")


def _photo(item: dict) -> PhotoRecord:
    return PhotoRecord(
        uid=item.get("uid") or "",
        external_id=item.get("external_id") or "",
        stored_file=item.get("file") or "",
        url=item.get("url") or "",
        caption=item.get("caption") or {},
        alt_text=item.get("alt_text") or {},
        credit=_source(item.get("credit")),
        paragraph=item.get("paragraph"),
        hero=bool(item.get("hero")),
        placed=item.get("placed", True),
    )


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
