"""
RSS (0.9x, 1.0, 2.0) and Atom feeds: each item or entry becomes an article.

The bytes pass the defusedxml gate first; feedparser then reads the tree the
gate accepted, re-serialised as UTF-8, so it never sees a DTD, never falls
back to its loose parser and never guesses an encoding. Media RSS is read
from the tree itself: feedparser files ``media:description`` and
``media:title`` under the item's own summary, body or title.
"""

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, tostring

import feedparser

from newsroom.richtext import html_to_text, split_blocks

from ..bodies import BodyImage, body_and_images, text_to_html
from ..inputs import Input, InputError
from ..records import ArticleRecord, ItemError, PhotoRecord, VersionRecord
from ..xmlsafe import as_utf8, html_page, is_html, local, parse_xml

# Item and entry elements are these namespaces' (RSS 2.0 has none), never an extension's.
FEED_NAMESPACES = {
    "",
    "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/",
    "http://www.w3.org/2005/Atom",
    "http://purl.org/atom/ns#",
}
MEDIA_NAMESPACES = {"http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IMAGE_TYPES = ("image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/gif", "image/webp")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# Labels some feeds put before a photo credit ("Photograph: Reuters").
CREDIT_LABELS = ("photograph:", "photo:", "ảnh:", "nguồn ảnh:", "credit:")


def parse(item: Input) -> Iterator[ArticleRecord | ItemError]:
    """Every item of an RSS or Atom feed as an article record; a bad item is reported and skipped."""
    data = as_utf8(item.read_bytes(), item.name)
    if is_html(data[:4096]):  # told before the DTD an HTML page declares is refused
        raise html_page(item.name)
    root = parse_xml(data, item.name)
    if local(root.tag).lower() not in ("rss", "rdf", "feed"):
        raise InputError(f"{item.name}: a <{local(root.tag)}> document, not an RSS or Atom feed.")
    elements = [element for element in root.iter() if _is_item(element)]
    media = [_take_media(element) for element in elements]
    feed = feedparser.parse(
        tostring(root, encoding="utf-8"), sanitize_html=False, resolve_relative_uris=False
    )
    if len(feed.entries) != len(elements):
        raise InputError(
            f"{item.name}: the feed's structure is unusual ({len(elements)} item elements, "
            f"{len(feed.entries)} items read); it cannot be imported reliably."
        )
    prefix = "atom" if feed.version.startswith("atom") else "rss"
    language = feed.feed.get("language") or root.get(XML_LANG) or ""
    for number, (entry, element, photos) in enumerate(zip(feed.entries, elements, media, strict=True), 1):
        position = f"item {number}"
        try:
            yield _record(entry, element, photos, prefix=prefix, language=language, position=position)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            yield ItemError(position, f"could not be read ({type(error).__name__}: {error})")


def _is_item(element: Element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    namespace = tag[1:].split("}")[0] if tag.startswith("{") else ""
    return local(tag) in ("item", "entry") and namespace in FEED_NAMESPACES


def _record(entry, element: Element, media: list[dict], *, prefix, language, position):
    title = " ".join((entry.get("title") or "").split())
    if not title:
        return ItemError(position, "it has no title")
    language = element.get(XML_LANG) or (entry.get("title_detail") or {}).get("language") or language
    link = entry.get("link") or ""

    summary = entry.get("summary_detail") or {}
    content = next(
        (part for part in entry.get("content") or [] if part.get("value") and not part.get("src")), {}
    )
    body_html = _html(content)
    lead_html = _html(summary)
    if lead_html and html_to_text(lead_html).split() == html_to_text(body_html).split():
        lead_html = ""  # the feed repeats its body as the summary
    if body_html:
        lead_html, lead_images = body_and_images(lead_html)
        body_html, body_images = body_and_images(body_html)
    else:
        # A summary-only item: its first paragraph is the lead, the rest the body.
        body_html, body_images = body_and_images(lead_html)
        blocks = split_blocks(body_html)
        lead_html, body_html, lead_images = "".join(blocks[:1]), "".join(blocks[1:]), []
        for image in body_images:
            image.paragraph = max(image.paragraph - 1, 0)

    photos = [_media_photo(photo, language) for photo in media]
    photos += [
        PhotoRecord(url=enclosure.get("href") or "", paragraph=0)
        for enclosure in entry.get("enclosures") or []
        if _is_image(enclosure.get("type") or "", enclosure.get("href") or "")
    ]
    photos += [_body_photo(image, link, language, paragraph=0) for image in lead_images]
    photos += [_body_photo(image, link, language) for image in body_images]
    return ArticleRecord(
        external_id=_external_id(prefix, entry.get("id") or link, title, entry),
        versions={
            language: VersionRecord(
                title=title,
                lead=" ".join(html_to_text(lead_html).split()),
                body=body_html,
                byline=_byline(entry),
                published_at=_date(entry),
                status=None,
            )
        },
        tags=list(dict.fromkeys(_tag(tag) for tag in entry.get("tags") or [] if _tag(tag))),
        source=((entry.get("source") or {}).get("title") or "").strip(),
        photos=_unique(photos),
        position=position,
    )


def _html(part) -> str:
    """A summary or content part as HTML, whatever type the feed gave it."""
    value = (part or {}).get("value") or ""
    if (part or {}).get("type") == "text/plain":
        return text_to_html(value)
    return value


def _date(entry) -> datetime | None:
    # feedparser gives every date as a UTC struct_time, whatever zone the feed wrote.
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _byline(entry) -> str:
    # Names only: feedparser splits RSS's "e-mail (Name)" and we do not publish the address.
    names = [author.get("name") or "" for author in entry.get("authors") or []]
    return ", ".join(dict.fromkeys(name.strip() for name in names if name.strip()))


def _tag(tag) -> str:
    return " ".join((tag.get("label") or tag.get("term") or "").split())


def _external_id(prefix: str, identity: str, title: str, entry) -> str:
    """The guid (else the link); an item with neither is known by its title and date."""
    identity = identity.strip()
    if not identity:
        identity = (
            "sha1:"
            + hashlib.sha1(
                f"{title}|{entry.get('published', '')}".encode(), usedforsecurity=False
            ).hexdigest()
        )
    external_id = f"{prefix}:{identity}"
    if len(external_id) > 500:
        external_id = f"{prefix}:sha1:{hashlib.sha1(identity.encode(), usedforsecurity=False).hexdigest()}"
    return external_id


# Photos


def _take_media(element: Element) -> list[dict]:
    """
    The Media RSS pictures of one item, then its media text elements removed
    (so feedparser cannot mistake them for the item's own). A <media:group>
    is one picture; loose <media:content> sharing a caption and credit are
    sizes of one picture (the Guardian sends two widths of each).
    """
    inherited = _media_text(element)
    loose: dict[tuple, dict] = {}
    grouped: list[dict] = []
    for child in element:
        if _is_media(child, "content") and (picture := _picture(child, inherited)):
            key = (picture.get("caption"), picture.get("credit"))
            if key not in loose or picture["width"] > loose[key]["width"]:
                loose[key] = picture
        elif _is_media(child, "group"):
            group_text = inherited | _media_text(child)
            sizes = [picture for content in child if (picture := _picture(content, group_text))]
            if sizes:
                grouped.append(max(sizes, key=lambda picture: picture["width"]))
            elif thumbnail := _thumbnail(child):
                grouped.append({"url": thumbnail, "width": 0} | group_text)
    pictures = [*loose.values(), *grouped]
    if not pictures and (thumbnail := _thumbnail(element)):
        pictures.append({"url": thumbnail, "width": 0} | inherited)
    for parent in list(element.iter()):
        for child in list(parent):
            if any(_is_media(child, name) for name in ("title", "description", "text")):
                parent.remove(child)
    return pictures


def _picture(content: Element, inherited: dict) -> dict | None:
    """One <media:content> if it is an image: its address, width, caption and credit."""
    url = (content.get("url") or "").strip()
    if not _is_media(content, "content") or not _is_media_image(content, url):
        return None
    return {"url": url, "width": _number(content.get("width"))} | inherited | _media_text(content)


def _media_text(holder: Element) -> dict:
    """Caption and credit written directly inside a media element, an item or a group."""
    found = {}
    for child in holder:
        value = " ".join(html_to_text(child.text or "").split())
        if not value:
            continue
        if _is_media(child, "description") or (_is_media(child, "title") and "caption" not in found):
            found["caption"] = value
        elif _is_media(child, "credit") and "credit" not in found:
            found["credit"] = _credit(value)
    return found


def _credit(value: str) -> str:
    for label in CREDIT_LABELS:
        if value.casefold().startswith(label):
            return value[len(label) :].strip()
    return value


def _thumbnail(holder: Element) -> str:
    for child in holder:
        if _is_media(child, "thumbnail") and (child.get("url") or "").strip():
            return child.get("url").strip()
    return ""


def _is_media(element: Element, name: str) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    return local(tag) == name and tag[1:].split("}")[0] in MEDIA_NAMESPACES


def _is_media_image(element: Element, url: str) -> bool:
    medium = (element.get("medium") or "").lower()
    if medium and medium != "image":
        return False
    return _is_image(element.get("type") or "", url, assume=medium == "image")


def _is_image(content_type: str, url: str, *, assume: bool = False) -> bool:
    """A picture we can show: by its declared type, else by its file name (SVG is a document)."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return False
    if content_type:
        return content_type.lower().split(";")[0].strip() in IMAGE_TYPES
    return assume or PurePosixPath(urlsplit(url).path).suffix.lower() in IMAGE_SUFFIXES


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _media_photo(picture: dict, language: str) -> PhotoRecord:
    return PhotoRecord(
        url=picture["url"],
        caption={language: picture["caption"]} if picture.get("caption") else {},
        credit=picture.get("credit", ""),
        paragraph=0,
    )


def _body_photo(image: BodyImage, link: str, language: str, paragraph: int | None = None) -> PhotoRecord:
    # Relative addresses are resolved against the item's page, as a browser would.
    url = urljoin(link, image.src) if urlsplit(link).scheme in ("http", "https") else image.src
    return PhotoRecord(
        url=url if urlsplit(url).scheme.lower() in ("http", "https") else "",
        caption={language: image.caption} if image.caption else {},
        alt_text={language: image.alt} if image.alt else {},
        paragraph=image.paragraph if paragraph is None else paragraph,
    )


def _unique(photos: list[PhotoRecord]) -> list[PhotoRecord]:
    """Each picture once, at its first place; pictures with no usable address are left out."""
    seen, unique = set(), []
    for photo in photos:
        if photo.url and photo.url not in seen:
            seen.add(photo.url)
            unique.append(photo)
    return unique
