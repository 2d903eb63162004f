"""
IPTC NewsML-G2: a newsItem, or a newsMessage carrying several. Text items
become articles, with their associated pictures (renditions in the item,
picture items of the same message it links to) as photos. Picture, video
and package items on their own are reported, not imported: they hold no
article text.
"""

import hashlib
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from ..bodies import BodyImage, body_and_images, looks_like_html, text_to_html
from ..inputs import Input, InputError
from ..records import ArticleRecord, ItemError, PhotoRecord, VersionRecord
from ..xmlsafe import local, parse_xml

#: Root elements this parser reads (lower-cased local names), for run.detect_format.
ROOTS = ("newsitem", "packageitem", "newsmessage", "knowledgeitem")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUSES = {"usable": "published", "withheld": "draft", "canceled": "unpublished", "cancelled": "unpublished"}
IMAGE_TYPES = ("image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/gif", "image/webp")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# Links from a text item to its pictures.
PICTURE_LINKS = ("seealso", "associatedwith", "depicts", "haspicture")
# Some agencies escape twice: the text then holds "&#39;" where an apostrophe was meant.
_ESCAPED_TWICE = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|quot|apos|amp|lt|gt);")


def parse(item: Input) -> Iterator[ArticleRecord | ItemError]:
    """Every text item of a NewsML-G2 document as an article; other items are reported with a reason."""
    root = parse_xml(item.read_bytes(), item.name)
    kind = local(root.tag).lower()
    if kind not in ROOTS:
        raise InputError(f"{item.name}: a <{local(root.tag)}> document, not NewsML-G2.")
    if kind == "newsmessage":
        items = [child for item_set in _all(root, "itemSet") for child in item_set if _is_element(child)]
        if not items:
            raise InputError(f"{item.name}: the newsMessage carries no items.")
    else:
        items = [root]
    parents = {child: parent for parent in root.iter() for child in parent}
    pictures = {
        element.get("guid"): element
        for element in items
        if local(element.tag) == "newsItem" and _item_class(element) in ("picture", "graphic")
    }
    attached = {guid for element in items for guid in _linked_guids(element) if guid in pictures}
    for number, element in enumerate(items, start=1):
        position = f"item {number}"
        if element.get("guid") in attached:
            continue  # imported as the photo of the text item that links to it
        try:
            yield _item(element, position, parents, pictures)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            yield ItemError(position, f"could not be read ({type(error).__name__}: {error})")


def _item(element: Element, position: str, parents: dict, pictures: dict) -> ArticleRecord | ItemError:
    kind = local(element.tag)
    if kind == "packageItem":
        return ItemError(position, "a package of references to other items: import the items themselves")
    if kind != "newsItem":
        return ItemError(position, f"a {kind}, not a news item: nothing to import as an article")
    item_class = _item_class(element)
    if item_class in ("picture", "graphic"):
        return ItemError(
            position,
            f"a {item_class} item with no article text; pictures are imported with the text item "
            "that links to them",
        )
    if item_class not in ("text", ""):
        return ItemError(position, f"a {item_class} item: nothing to import as an article")
    guid = (element.get("guid") or "").strip()
    if not guid:
        return ItemError(position, "it has no guid, so a later import could not find it again")

    content_meta = _first(element, "contentMeta")
    contents = _text_contents(element)
    declared = _attribute(_first(content_meta, "language"), "tag")
    versions: dict[str, VersionRecord] = {}
    photos: list[PhotoRecord] = []
    for content in contents or [None]:
        language = (content is not None and content.get(XML_LANG)) or declared or _lang(content, parents)
        language = language or _lang(_headline(content_meta, ""), parents) or _lang(element, parents)
        if language in versions:
            continue
        body, images = body_and_images(_body(content)) if content is not None else ("", [])
        headline = _text(_headline(content_meta, language)) or _nitf_headline(content) or _item_title(element)
        lead = _lead(content_meta, language)
        if not headline:
            return ItemError(position, "it has no headline")
        if not body and not lead:
            return ItemError(position, "it has a headline but no text (no body, no description)")
        versions[language] = VersionRecord(
            title=headline,
            lead=lead,
            body=body,
            byline=_byline(content_meta, content),
            published_at=_published_at(element),
            status=STATUSES.get(_qcode(_first(_first(element, "itemMeta"), "pubStatus"))),
        )
        photos += [photo for image in images if (photo := _body_photo(image, language))]

    language = next(iter(versions))
    associated = [_rendition_photo(element, language, own=True)]
    for linked in _linked_guids(element):
        if linked in pictures:
            associated.append(_rendition_photo(pictures[linked], language, own=False))
    associated += [_linked_photo(link, language) for link in _picture_links(element)]
    return ArticleRecord(
        external_id=_external_id(guid),
        versions=versions,
        tags=_tags(content_meta, language),
        source=_source(element, content_meta),
        photos=_unique([photo for photo in associated if photo] + photos),
        position=position,
    )


# Text


def _text_contents(element: Element) -> list[Element]:
    """The inlineXML / inlineData elements of the item that hold its text."""
    found = []
    for content_set in _all(element, "contentSet"):
        for child in content_set:
            if not _is_element(child) or local(child.tag) not in ("inlineXML", "inlineData"):
                continue
            content_type = (child.get("contenttype") or "").lower()
            if content_type.startswith(("image/", "video/", "audio/")):
                continue
            found.append(child)
    return found


def _body(content: Element) -> str:
    """The body HTML of an inlineXML (XHTML or NITF) or inlineData element."""
    content_type = (content.get("contenttype") or "").lower()
    if local(content.tag) == "inlineData":
        value = content.text or ""
        return value if "html" in content_type or looks_like_html(value) else text_to_html(value)
    container = content
    for child in content:
        if not _is_element(child):
            continue
        if local(child.tag) == "html":
            container = _first(child, "body")
        elif local(child.tag) == "nitf":
            container = _first(_first(child, "body"), "body.content")
        break
    if container is None:
        return ""
    if not any(_is_element(child) for child in container):
        return text_to_html(_unescape_once(container.text or ""))
    return _inner_html(container)


def _inner_html(element: Element) -> str:
    """An XML element's content as HTML: namespaces dropped, NITF pictures made into <img>."""
    parts = [html.escape(_unescape_once(element.text or ""), quote=False)]
    for child in element:
        if _is_element(child):
            parts.append(_element_html(child))
        parts.append(html.escape(_unescape_once(child.tail or ""), quote=False))
    return "".join(parts)


def _element_html(element: Element) -> str:
    tag = local(element.tag)
    if tag == "media" and (element.get("media-type") or "").lower() in ("image", "photo"):
        return _nitf_picture(element)
    attributes = "".join(
        f' {local(name) if name != XML_LANG else "lang"}="{html.escape(value, quote=True)}"'
        for name, value in element.attrib.items()
        if name == XML_LANG or not name.startswith("{")
    )
    if tag in ("br", "hr", "img"):
        return f"<{tag}{attributes}>"  # "<br></br>" would be two line breaks in HTML
    return f"<{tag}{attributes}>{_inner_html(element)}</{tag}>"


def _nitf_picture(media: Element) -> str:
    """NITF <media> as the <figure> body_and_images understands."""
    reference = _first(media, "media-reference")
    source = _attribute(reference, "source")
    if not source:
        return ""
    alt = html.escape(_attribute(reference, "alternate-text"), quote=True)
    caption = html.escape(_text(_first(media, "media-caption")), quote=False)
    return (
        f'<figure><img src="{html.escape(source, quote=True)}" alt="{alt}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _unescape_once(value: str) -> str:
    return _ESCAPED_TWICE.sub(lambda match: html.unescape(match.group(0)), value)


def _headline(content_meta: Element | None, language: str) -> Element | None:
    """The main headline, in the language wanted when several are given."""
    headlines = [
        headline
        for headline in _all(content_meta, "headline")
        if not headline.get("role") or headline.get("role").split(":")[-1].lower() in ("main", "headline")
    ] or list(_all(content_meta, "headline"))[:1]
    return _in_language(headlines, language)


def _lead(content_meta: Element | None, language: str) -> str:
    """A summary description; else a sub-headline. Captions describe pictures, not the story."""
    descriptions = [
        description
        for description in _all(content_meta, "description")
        if _role(description) in ("", "summary", "abstract", "teaser", "lead")
    ]
    lead = _text(_in_language(descriptions, language))
    if not lead:
        subheadlines = [h for h in _all(content_meta, "headline") if "sub" in _role(h)]
        lead = _text(_in_language(subheadlines, language))
    return lead


def _nitf_headline(content: Element | None) -> str:
    for element in content.iter() if content is not None else []:
        if local(element.tag) == "hl1":
            return _text(element)
    return ""


def _item_title(element: Element) -> str:
    return _text(_first(_first(element, "itemMeta"), "title"))


def _byline(content_meta: Element | None, content: Element | None) -> str:
    """The by-line as written, else the creators' names, else NITF's byline; without the leading "By"."""
    byline = _text(_first(content_meta, "by"))
    if not byline:
        names = [
            _text(_first(creator, "name"))
            for creator in _all(content_meta, "creator")
            if "photo" not in (creator.get("role") or "").lower()
        ]
        byline = ", ".join(name for name in names if name)
    if not byline and content is not None:
        byline = next((_text(e) for e in content.iter() if local(e.tag) == "byline"), "")
    return re.sub(r"^by\s+", "", byline, flags=re.I)


def _source(element: Element, content_meta: Element | None) -> str:
    """The credit line, else the info source, else the copyright holder."""
    credit = _text(_first(content_meta, "creditline")).strip(" -–—/")
    if credit:
        return credit
    for holder in [
        *_all(content_meta, "infoSource"),
        *_all(_first(element, "rightsInfo"), "copyrightHolder"),
    ]:
        name = _text(_first(holder, "name")) or (holder.get("literal") or "").strip()
        if name:
            return name
    return ""


def _tags(content_meta: Element | None, language: str) -> list[str]:
    """Named subjects (in the item's language when several names are given) and keywords."""
    names = [
        _text(_in_language(list(_all(subject, "name")), language))
        for subject in _all(content_meta, "subject")
    ]
    names += [_text(keyword) for keyword in _all(content_meta, "keyword")]
    return list(dict.fromkeys(name for name in names if name))


def _published_at(element: Element) -> datetime | None:
    """When the story was made (content, else first version, else this one); an embargo holds it back."""
    item_meta, content_meta = _first(element, "itemMeta"), _first(element, "contentMeta")
    found = (
        _date(_first(content_meta, "contentCreated"))
        or _date(_first(item_meta, "firstCreated"))
        or _date(_first(item_meta, "versionCreated"))
    )
    embargo = _date(_first(item_meta, "embargoed"))
    if embargo and (found is None or embargo > found):
        return embargo
    return found


def _date(element: Element | None) -> datetime | None:
    value = _text(element)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    # NewsML-G2 dates should carry their zone; one that does not is taken as UTC.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _external_id(guid: str) -> str:
    # The version is left out: a new version of the item updates the article.
    external_id = f"newsml:{guid}"
    return (
        external_id
        if len(external_id) <= 500
        else f"newsml:sha1:{hashlib.sha1(guid.encode(), usedforsecurity=False).hexdigest()}"
    )


# Pictures


def _rendition_photo(picture: Element, language: str, *, own: bool) -> PhotoRecord | None:
    """
    The best image rendition of an item as a photo: one inside the text item
    itself (``own``), or a picture item it links to, captioned and credited
    from that item's text.
    """
    renditions = [
        content
        for content_set in _all(picture, "contentSet")
        for content in content_set
        if _is_element(content) and local(content.tag) == "remoteContent" and _is_image_rendition(content)
    ]
    if not renditions:
        return None
    best = max(renditions, key=_resolution)
    href = (best.get("href") or best.get("residref") or "").strip()
    content_meta = _first(picture, "contentMeta")
    photo = _located(href, PhotoRecord(paragraph=0))
    if photo and not own:
        caption = _text(_in_language(list(_all(content_meta, "description")), language))
        caption = caption or _text(_headline(content_meta, language))
        photo.caption = {language: caption} if caption else {}
        photo.credit = _text(_first(content_meta, "creditline")) or _photographer(content_meta)
        photo.external_id = _external_id(picture.get("guid") or href)
    return photo


def _photographer(content_meta: Element | None) -> str:
    for creator in _all(content_meta, "creator"):
        if name := _text(_first(creator, "name")):
            return name
    return ""


def _linked_photo(link: Element, language: str) -> PhotoRecord | None:
    title = (link.get("title") or "").strip()
    photo = _located((link.get("href") or "").strip(), PhotoRecord(paragraph=0))
    if photo and title:
        photo.caption = {language: title}
    return photo


def _body_photo(image: BodyImage, language: str) -> PhotoRecord | None:
    photo = _located(image.src, PhotoRecord(paragraph=image.paragraph))
    if photo:
        photo.caption = {language: image.caption} if image.caption else {}
        photo.alt_text = {language: image.alt} if image.alt else {}
    return photo


def _located(href: str, photo: PhotoRecord) -> PhotoRecord | None:
    """An http(s) address is fetched (when asked); anything else names a file next to the input."""
    if not href:
        return None
    if href.lower().startswith(("http://", "https://")):
        photo.url = href
        return photo
    # "./x.jpg", "file:///./ x.jpg", "tag:agency,2017:x.jpg": only the file name is used.
    name = re.split(r"[/:\\]", href)[-1].strip()
    if not name.lower().endswith(IMAGE_SUFFIXES):
        return None
    photo.file_name = name
    photo.external_id = photo.external_id or f"newsml:{href}"
    return photo


def _linked_guids(element: Element) -> list[str]:
    """Items this one links to as its pictures (by guid, within the same message)."""
    return [
        link.get("residref")
        for link in _all(_first(element, "itemMeta"), "link")
        if link.get("residref") and _role(link, "rel") in PICTURE_LINKS
    ]


def _picture_links(element: Element) -> list[Element]:
    """Links to picture files (not to other items or web pages)."""
    return [
        link
        for link in _all(_first(element, "itemMeta"), "link")
        if link.get("href")
        and _role(link, "rel") in PICTURE_LINKS
        and _is_image(link.get("contenttype") or "", link.get("href"))
    ]


def _is_image_rendition(content: Element) -> bool:
    return _is_image(content.get("contenttype") or "", content.get("href") or content.get("residref") or "")


def _is_image(content_type: str, href: str) -> bool:
    if content_type:
        return content_type.lower().split(";")[0].strip() in IMAGE_TYPES
    return href.lower().split("?")[0].endswith(IMAGE_SUFFIXES)


def _resolution(content: Element) -> tuple[int, bool]:
    def number(name):
        value = (content.get(name) or "").strip()
        return int(value) if value.isdigit() else 0

    return number("width") * number("height"), "highres" in (content.get("rendition") or "").lower()


def _unique(photos: list[PhotoRecord]) -> list[PhotoRecord]:
    seen, unique = set(), []
    for photo in photos:
        key = photo.url or photo.external_id or photo.file_name
        if key not in seen:
            seen.add(key)
            unique.append(photo)
    return unique


# Elements


def _is_element(node) -> bool:
    return isinstance(node.tag, str)


def _first(element: Element | None, name: str) -> Element | None:
    return next(_all(element, name), None)


def _all(element: Element | None, name: str) -> Iterator[Element]:
    if element is None:
        return iter(())
    return (child for child in element if _is_element(child) and local(child.tag) == name)


def _attribute(element: Element | None, name: str) -> str:
    return (element.get(name) or "").strip() if element is not None else ""


def _text(element: Element | None) -> str:
    """An element's whole text with its white space (newlines, indentation) collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _qcode(element: Element | None) -> str:
    return _attribute(element, "qcode").split(":")[-1].lower()


def _role(element: Element, attribute: str = "role") -> str:
    return (element.get(attribute) or "").split(":")[-1].lower()


def _item_class(element: Element) -> str:
    """ "text", "picture", "video", "composite"... from ninat: or icls: codes."""
    return _qcode(_first(_first(element, "itemMeta"), "itemClass"))


def _lang(element: Element | None, parents: dict) -> str:
    """The xml:lang in force at an element: its own, else its nearest ancestor's."""
    while element is not None:
        if element.get(XML_LANG):
            return element.get(XML_LANG)
        element = parents.get(element)
    return ""


def _in_language(elements: list[Element], language: str) -> Element | None:
    """The element in that language, else one that names none, else the first."""
    wanted = language.split("-")[0].lower()
    for element in elements:
        if wanted and (element.get(XML_LANG) or "").split("-")[0].lower() == wanted:
            return element
    return next((e for e in elements if not e.get(XML_LANG)), elements[0] if elements else None)
