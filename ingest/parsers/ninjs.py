"""
IPTC ninjs 1.x and 2.x (News in JSON): one object, an array of objects, or
one object per line (what ``export_articles --format ninjs`` writes). Text
items become articles; their associated pictures become photos. Items of
other types (pictures, video...) are reported, not imported.
"""

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from newsroom.richtext import html_to_text

from ..bodies import BodyImage, body_and_images, looks_like_html, text_to_html
from ..inputs import Input, InputError, decode_utf8
from ..records import ArticleRecord, ItemError, PhotoRecord, VersionRecord

STATUSES = {"usable": "published", "withheld": "draft", "canceled": "unpublished", "cancelled": "unpublished"}
IMAGE_TYPES = ("image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/gif", "image/webp")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
#: The article formats our own export names as genre codes.
FORMATS = ("standard", "photo", "video", "infographic", "megastory")
#: Our own export's item identifiers: the article's uid, then the language.
OWN_PHOTO_URI = re.compile(r"^urn:newsroom:photo:([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$")
OWN_URI = re.compile(r"^urn:newsroom:article:([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})(?::[A-Za-z-]+)?$")
# Keys naming what an item is about, in ninjs 1.x and 2.x.
CONCEPT_KEYS = ("subject", "subjects", "place", "places", "person", "people", "organisation", "organisations",
                "event", "events", "object", "objects")  # fmt: skip
# Association names for an item's main picture (ninjs 1.x Superdesk, our 2.x export).
MAIN_PICTURE = ("featuremedia", "featureimage", "mainpicture", "main")


def parse(item: Input) -> Iterator[ArticleRecord | ItemError]:
    """Each text item of a ninjs document (object, array or JSON Lines) as an article."""
    for position, data in _documents(item):
        if isinstance(data, ItemError):
            yield data
            continue
        try:
            yield _record(data, position)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            yield ItemError(position, f"not a ninjs item ({type(error).__name__}: {error})")


def _documents(item: Input) -> Iterator[tuple[str, dict | ItemError]]:
    """(position, object) pairs, or ItemErrors for lines that are not JSON."""
    raw = item.read_bytes().removeprefix(b"\xef\xbb\xbf")
    lines = [line for line in raw.splitlines() if line.strip()]
    if len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines):
        # JSON Lines: a bad line is that item's problem only.
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            position = f"line {number}"
            try:
                yield position, json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as error:
                yield position, ItemError(position, f"not valid UTF-8 (byte {error.start} of the line)")
            except json.JSONDecodeError as error:
                yield position, ItemError(position, f"not valid JSON: {error.msg} (column {error.colno})")
            except RecursionError:
                yield position, ItemError(position, "not usable JSON: nested too deeply")
        return
    try:
        document = json.loads(decode_utf8(raw, item.name))
    except json.JSONDecodeError as error:
        raise InputError(
            f"{item.name}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    except RecursionError:
        raise InputError(f"{item.name}: not usable JSON: nested too deeply.") from None
    if isinstance(document, dict):
        yield "item 1", document
    elif isinstance(document, list):
        yield from ((f"item {number}", data) for number, data in enumerate(document, start=1))
    else:
        raise InputError(f"{item.name}: JSON holding {_json_type(document)}, not ninjs items.")


def _record(data, position: str) -> ArticleRecord | ItemError:
    if not isinstance(data, dict):
        return ItemError(position, f"{_json_type(data)}, not a ninjs object")
    kind = _string(data.get("type")) or "text"
    if kind != "text":
        # A picture's body_text is its caption: there is no story to publish.
        article = "an" if kind[0] in "aeiou" else "a"
        return ItemError(position, f"{article} {kind}, not an article")
    headline = _headline(data)
    if not headline:
        return ItemError(position, "it has no headline")
    uri = _string(data.get("uri")) or _string(data.get("guid"))
    if not uri:
        return ItemError(position, "it has no uri or guid, so a later import could not find it again")
    language = _string(data.get("language"))
    body, images = body_and_images(_body(data))
    own = OWN_URI.match(uri)
    photos = _associated_photos(data, language)
    photos += [photo for image in images if (photo := _body_photo(image, language))]
    return ArticleRecord(
        external_id=_external_id(f"urn:newsroom:article:{own.group(1)}" if own else uri),
        # Our own export: each language is its own item; the uid brings them back together.
        uid=own.group(1) if own else "",
        versions={
            language: VersionRecord(
                title=headline,
                lead=_lead(data),
                body=body,
                byline=_byline(data),
                published_at=_published_at(data),
                status=STATUSES.get(_string(data.get("pubstatus")).lower()),
            )
        },
        category=_category(data),
        tags=_tags(data),
        source=_source(data),
        format=next((code for code in _genre_codes(data) if code in FORMATS), ""),
        photos=_unique(photos),
        position=position,
    )


# Text


def _headline(data: dict) -> str:
    """ninjs 1.x "headline", or the main one of 2.x "headlines"."""
    value = _string(data.get("headline"))
    if not value:
        headlines = [h for h in _list(data.get("headlines")) if isinstance(h, dict)]
        main = next((h for h in headlines if _string(h.get("role")) in ("", "main")), None)
        value = _string((main or (headlines[0] if headlines else {})).get("value"))
    return " ".join(html_to_text(value).split())


def _body(data: dict) -> str:
    """The body as HTML: 1.x body_html / body_xhtml / body_text, or the main one of 2.x "bodies"."""
    for key in ("body_html", "body_xhtml"):
        if _string(data.get(key)).strip():
            return data[key]
    if _string(data.get("body_text")).strip():
        return text_to_html(data["body_text"])
    bodies = [b for b in _list(data.get("bodies")) if isinstance(b, dict) and _string(b.get("value")).strip()]
    main = next((b for b in bodies if _string(b.get("role")) in ("", "main")), bodies[0] if bodies else None)
    if main is None:
        return ""
    value, content_type = main["value"], _string(main.get("contenttype")).lower()
    return value if "html" in content_type or looks_like_html(value) else text_to_html(value)


def _lead(data: dict) -> str:
    """description_text / description_html, or a summary of 2.x "descriptions" (never a caption)."""
    value = _string(data.get("description_text")) or _string(data.get("description_html"))
    if not value:
        descriptions = [
            d
            for d in _list(data.get("descriptions"))
            if isinstance(d, dict) and _string(d.get("role")) in ("", "summary", "abstract", "teaser", "lead")
        ]
        value = _string(descriptions[0].get("value")) if descriptions else ""
    return " ".join(html_to_text(value).split())


def _byline(data: dict) -> str:
    byline = _string(data.get("byline")) or _string(data.get("by"))
    if not byline:
        names = [
            _string(author.get("name")) for author in _list(data.get("authors")) if isinstance(author, dict)
        ]
        byline = ", ".join(name for name in names if name)
    return re.sub(r"^by\s+", "", byline.strip(), flags=re.I)


def _source(data: dict) -> str:
    """1.x "source", else the 2.x info source with the source role, else the first named one."""
    source = _string(data.get("source"))
    if source:
        return source
    sources = [s for s in _list(data.get("infosources")) if isinstance(s, dict) and _string(s.get("name"))]
    chosen = next((s for s in sources if _string(s.get("role")).endswith("source")), None)
    return _string((chosen or (sources[0] if sources else {})).get("name"))


def _category(data: dict) -> list[str]:
    """Our export names the article's section as a subject with rel "inCategory"."""
    for subject in _list(data.get("subjects")):
        if isinstance(subject, dict) and _string(subject.get("rel")) == "inCategory" and subject.get("name"):
            return [_string(subject["name"])]
    return []


def _tags(data: dict) -> list[str]:
    names = [
        _string(concept.get("name"))
        for key in CONCEPT_KEYS
        for concept in _list(data.get(key))
        if isinstance(concept, dict) and _string(concept.get("rel")) != "inCategory"
    ]
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def _genre_codes(data: dict) -> list[str]:
    genres = _list(data.get("genre")) + _list(data.get("genres"))
    return [_string(genre.get("code")).lower() for genre in genres if isinstance(genre, dict)]


def _published_at(data: dict) -> datetime | None:
    """When the story was made (content, else first version, else this one); an embargo holds it back."""
    found = _date(data.get("contentcreated")) or _date(data.get("firstcreated"))
    found = found or _date(data.get("versioncreated"))
    embargo = _date(data.get("embargoed"))
    return embargo if embargo and (found is None or embargo > found) else found


def _date(value) -> datetime | None:
    if not _string(value).strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _external_id(uri: str) -> str:
    external_id = f"ninjs:{uri}"
    return (
        external_id
        if len(external_id) <= 500
        else f"ninjs:sha1:{hashlib.sha1(uri.encode(), usedforsecurity=False).hexdigest()}"
    )


# Pictures


def _associated_photos(data: dict, language: str) -> list[PhotoRecord]:
    """Pictures among the associations (1.x: an object by name; 2.x: an array with names)."""
    associations = data.get("associations")
    if isinstance(associations, dict):
        named = [(name, value) for name, value in associations.items() if isinstance(value, dict)]
    else:
        named = [(_string(v.get("name")), v) for v in _list(associations) if isinstance(v, dict)]
    photos = []
    for name, association in named:
        photo = _picture(association, language)
        if photo is None:
            continue
        main = name.lower() in MAIN_PICTURE
        photo.paragraph = 0 if main else None
        photo.hero = main
        photos.append(photo)
    return photos


def _picture(data: dict, language: str) -> PhotoRecord | None:
    """A picture association as a photo: its best rendition, caption and credit."""
    kind = _string(data.get("type"))
    if kind and kind not in ("picture", "graphic"):
        return None
    rendition = _best_rendition(data.get("renditions"))
    if rendition is None:
        return None
    href = _string(rendition.get("href")).strip()
    caption = _string(data.get("description_text")) or _string(data.get("description_html"))
    if not caption:
        descriptions = [d for d in _list(data.get("descriptions")) if isinstance(d, dict)]
        caption = _string(descriptions[0].get("value")) if descriptions else ""
    caption = " ".join(html_to_text(caption or _headline(data)).split())
    identity = _string(data.get("uri")) or _string(data.get("guid"))
    own = OWN_PHOTO_URI.match(identity)
    return _located(
        href,
        PhotoRecord(
            caption={language: caption} if caption else {},
            credit=_string(data.get("byline"))
            or _string(data.get("by"))
            or _string(data.get("copyrightholder")),
            external_id=_external_id(identity) if identity and not own else "",
            uid=own.group(1) if own else "",
        ),
    )


def _best_rendition(renditions) -> dict | None:
    """The "original" image rendition, else the largest (1.x: object by name; 2.x: array with names)."""
    if isinstance(renditions, dict):
        named = [(name, value) for name, value in renditions.items() if isinstance(value, dict)]
    else:
        named = [(_string(r.get("name")), r) for r in _list(renditions) if isinstance(r, dict)]
    images = [(name, r) for name, r in named if _is_image(r) and _usable(_string(r.get("href")).strip())]
    if not images:
        return None
    original = next((r for name, r in images if name == "original"), None)
    return original or max(
        (r for _name, r in images), key=lambda r: _number(r.get("width")) * _number(r.get("height"))
    )


def _is_image(rendition: dict) -> bool:
    content_type = _string(rendition.get("mimetype")) or _string(rendition.get("contenttype"))
    if content_type:
        return content_type.lower().split(";")[0].strip() in IMAGE_TYPES
    return PurePosixPath(urlsplit(_string(rendition.get("href"))).path).suffix.lower() in IMAGE_SUFFIXES


def _usable(href: str) -> bool:
    """An address we can fetch (http, https) or a file name to look for next to the input."""
    return bool(href) and urlsplit(href).scheme.lower() in ("http", "https", "file", "")


def _body_photo(image: BodyImage, language: str) -> PhotoRecord | None:
    return _located(
        image.src,
        PhotoRecord(
            caption={language: image.caption} if image.caption else {},
            alt_text={language: image.alt} if image.alt else {},
            paragraph=image.paragraph,
        ),
    )


def _located(href: str, photo: PhotoRecord) -> PhotoRecord | None:
    """An http(s) address is fetched (when asked); a relative one names a file next to the input."""
    if not _usable(href):
        return None
    if urlsplit(href).scheme.lower() in ("http", "https"):
        photo.url = href
    else:
        photo.file_name = PurePosixPath(urlsplit(href).path).name
        photo.external_id = photo.external_id or f"ninjs:{href}"
    return photo if photo.url or photo.file_name else None


def _unique(photos: list[PhotoRecord]) -> list[PhotoRecord]:
    seen, unique = set(), []
    for photo in photos:
        key = photo.external_id or photo.url
        if key not in seen:
            seen.add(key)
            unique.append(photo)
    return unique


# JSON values


def _string(value) -> str:
    """A JSON string, or "" for anything else (a number or object where text belongs is ignored)."""
    return value if isinstance(value, str) else ""


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _json_type(value) -> str:
    names = {str: "a string", bool: "true or false", int: "a number", float: "a number", list: "an array"}
    return names.get(type(value), "null")


def _number(value) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
