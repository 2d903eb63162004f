"""
WordPress eXtended RSS (WXR), the file Tools → Export writes: posts become
articles, pages static pages, attachments the photos they show. Translations
kept by Polylang or WPML become one bilingual article.

The file is streamed twice and never held whole. A first pass indexes what
items refer to — terms, authors, attachments (which may come after the posts
showing them) and translation groups; the second turns items into records.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from hashlib import sha1
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.utils import timezone

from newsroom.richtext import html_to_text

from ..bodies import BodyImage, ImageCutter, body_and_images
from ..inputs import Input, InputError
from ..records import ArticleRecord, CategoryRecord, ItemError, PhotoRecord, TagRecord, VersionRecord
from ..xmlsafe import iterparse_xml, local

#: The export namespace of every WXR version (1.0 to 1.2), over http or https.
WXR_NAMESPACE = re.compile(rb"https?://wordpress\.org/export/1\.\d+/")

#: WordPress post status -> ours. "inherit" belongs to revisions and attachments, which take
#: their parent's status; on a post it says nothing about whether it was live, so: draft.
#: Any status we do not know is a draft too: an import never publishes by guesswork.
_STATUSES = {
    "publish": "published",
    "future": "published",  # with its future date: scheduled
    "draft": "draft",
    "auto-draft": "draft",
    "pending": "review",
    "private": "unpublished",
    "inherit": "draft",
}
_FORMATS = {"post-format-video": "video", "post-format-gallery": "photo", "post-format-image": "photo"}
#: WordPress's default category (English and Vietnamese installs) says nothing about a post.
_DEFAULT_CATEGORIES = {"uncategorized", "chua-phan-loai", "chưa phân loại"}
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com")
#: Shortcodes removed even when written without attributes or a closing tag. Any other
#: bracketed word ("[top]", "[sic]") is ordinary text and stays.
_KNOWN_SHORTCODES = {"audio", "caption", "embed", "gallery", "more", "playlist", "video", "wp_caption"}
_SERIALIZED_LIMIT = 100_000  # bytes of a PHP-serialised value we agree to read


def looks_like(head: bytes) -> bool:
    """True for an RSS document that declares the WordPress export namespace."""
    return WXR_NAMESPACE.search(head) is not None


def parse(item: Input) -> Iterator[ArticleRecord | ItemError]:
    """One record per post or page; attachments, menus, revisions and the like are skipped."""
    index = _build_index(item)
    seen: dict[str, int] = {}  # post id -> the item that used it
    slugs: set[tuple[str, str, str]] = set()
    number = 0
    with item.open() as stream:
        try:
            for element in _channel_children(stream, item.name):
                if local(element.tag) != "item":
                    continue
                number += 1
                position = f"item {number}"
                entry = _Entry.of(element)
                if not _wanted(entry):
                    continue
                post_id = entry.get("post_id")
                if post_id in seen:
                    yield ItemError(
                        position,
                        f"post id {post_id} was already used by item {seen[post_id]}: "
                        "skipped, as WordPress's own importer does",
                    )
                    continue
                if post_id:
                    seen[post_id] = number
                try:
                    record = _record(entry, index, position)
                except _Unreadable as error:
                    yield ItemError(position, str(error))
                    continue
                for language, version in record.versions.items():
                    # WordPress keeps slugs unique; a hand-edited file may not. A repeat is
                    # dropped so that the writer makes one from the title.
                    key = (record.kind, language, version.slug)
                    if version.slug and key in slugs:
                        version.slug = ""
                    slugs.add(key)
                yield record
        except InputError as error:
            if not number:
                raise
            ending = (
                "" if "truncated" in str(error) or _ends_whole(item) else " The file stops short of </rss>."
            )
            raise InputError(
                f"{error}{ending} The {number} items before the break were read; the rest was not."
            ) from None


def _ends_whole(item: Input) -> bool:
    with item.open() as stream:
        stream.seek(max(item.path.stat().st_size - 256, 0))
        return stream.read().rstrip().endswith(b"</rss>")


class _Unreadable(ValueError):
    """One item cannot become a record; the message says why."""


# Reading the file


def _channel_children(stream, name: str) -> Iterator:
    """Each complete child of <channel>, cleared once the caller is done with it."""
    depth, channel = 0, None
    for event, element in iterparse_xml(stream, name):
        if event == "start":
            depth += 1
            if depth == 1 and local(element.tag) != "rss":
                raise InputError(
                    f"{name}: not a WordPress export: its root is <{local(element.tag)}>, not <rss>."
                )
            if depth == 2:
                channel = element
            continue
        depth -= 1
        if depth == 2 and channel is not None:
            yield element
            channel.clear()  # drops the finished child: memory stays flat however long the file


@dataclass
class _Entry:
    """The parts of one <item> the parser reads, taken off the element before it is cleared."""

    values: dict[str, str]  # local name -> text ("title", "post_id", "content", "excerpt"...)
    terms: list[tuple[str, str, str]]  # (domain, nicename, name) of each <category>
    meta: dict[str, str]  # postmeta key -> its first value

    @classmethod
    def of(cls, element) -> "_Entry":
        values, terms, meta = {}, [], {}
        for child in element:
            name = local(child.tag)
            if name == "category":
                # Old exports (WXR 1.0) give categories without a domain.
                domain = child.get("domain") or "category"
                terms.append((domain, (child.get("nicename") or "").strip(), (child.text or "").strip()))
            elif name == "postmeta":
                pair = {local(part.tag): part.text or "" for part in child}
                meta.setdefault(pair.get("meta_key", "").strip(), pair.get("meta_value", ""))
            elif name == "encoded":
                values["excerpt" if "excerpt" in child.tag else "content"] = child.text or ""
            elif name != "comment":
                values.setdefault(name, child.text or "")
        return cls(values, terms, meta)

    def get(self, name: str) -> str:
        return (self.values.get(name) or "").strip()

    def term(self, domain: str) -> str:
        return next((slug for kind, slug, _name in self.terms if kind == domain and slug), "")

    @property
    def post_type(self) -> str:
        return self.get("post_type") or "post"


def _wanted(entry: _Entry) -> bool:
    """Posts and pages; not trashed ones, nor WPML duplicates (a copy of the original's text)."""
    return (
        entry.post_type in ("post", "page")
        and entry.get("status") != "trash"
        and not entry.meta.get("_icl_lang_duplicate_of", "").strip()
    )


# The first pass: what items refer to


@dataclass
class _Term:
    id: str
    slug: str
    name: str
    parent: str = ""  # the parent's slug


@dataclass
class _Attachment:
    url: str
    caption: str
    alt: str
    credit: str


@dataclass
class _Shared:
    """What the translations of one article have in common: one section, tag set, format."""

    categories: list[tuple[str, str]]  # (slug, name) in the item's order
    primary: str  # Yoast's primary category (a term id), when set
    tags: list[tuple[str, str, str]]  # (slug, name, language of the post naming it)
    sticky: bool | None
    format: str
    language: str  # the language the categories are named in

    @classmethod
    def of(cls, entry: _Entry, language: str) -> "_Shared":
        sticky = entry.get("is_sticky")
        return cls(
            categories=[(slug, name) for kind, slug, name in entry.terms if kind == "category"],
            primary=entry.meta.get("_yoast_wpseo_primary_category", "").strip(),
            tags=[(slug, name, language) for kind, slug, name in entry.terms if kind in ("post_tag", "tag")],
            sticky=sticky == "1" if sticky else None,
            format=_FORMATS.get(entry.term("post_format"), ""),
            language=language,
        )


@dataclass
class _Group:
    """Posts that translate each other: one article, named by the smallest post id among them."""

    smallest: int | None = None
    lead: int | None = None  # the member in the file with the smallest id: its section and format win
    shared: _Shared | None = None
    tags: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # every member's tags
    source_language: str = ""  # WPML names the language translations were made from

    def add(self, post_id: int, shared: _Shared, source_language: str) -> None:
        self.smallest = post_id if self.smallest is None else min(self.smallest, post_id)
        for tag in shared.tags:
            self.tags.setdefault(tag[0] or tag[1], tag)
        if self.lead is None or post_id < self.lead:
            self.lead, self.shared = post_id, shared
        self.source_language = self.source_language or source_language

    @property
    def original_language(self) -> str:
        return self.source_language or (self.shared.language if self.shared else "")


@dataclass
class _Index:
    site: str = ""  # the site's address without scheme: part of every external id
    language: str = ""  # the channel's <language>, for items that do not name theirs
    base_url: str = ""  # for relative image addresses
    offset: timedelta | None = None  # site time minus UTC, learnt from items giving both
    authors: dict[str, str] = field(default_factory=dict)  # login -> display name
    categories: dict[str, _Term] = field(default_factory=dict)  # slug -> term
    tags: dict[str, _Term] = field(default_factory=dict)
    terms: dict[str, _Term] = field(default_factory=dict)  # term id -> category or tag
    languages: dict[str, str] = field(default_factory=dict)  # Polylang language slug -> locale
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # term id -> {language: term id}
    groups: dict[str, _Group] = field(default_factory=dict)  # "pll:<slug>" / "wpml:<group>"
    attachments: dict[str, _Attachment] = field(default_factory=dict)  # post id -> attachment
    children: dict[str, list[str]] = field(default_factory=dict)  # post id -> its attachments' ids
    channel: dict[str, str] = field(default_factory=dict)

    def code(self, language: str) -> str:
        """A Polylang language slug as its locale ("vn" -> "vi"); any other code unchanged."""
        return self.languages.get(language) or language


def _build_index(item: Input) -> _Index:
    index = _Index()
    with item.open() as stream:
        try:
            for element in _channel_children(stream, item.name):
                _index_element(index, element)
        except InputError:
            pass  # the second pass meets the same break at the same place, and reports it there
    channel = index.channel
    address = channel.get("base_blog_url") or channel.get("base_site_url") or channel.get("link") or ""
    # WordPress.com gives every blog the same base_site_url: the blog's own address tells them apart.
    # The scheme is left out so that a site moved to https keeps its articles' identity.
    parts = urlsplit(address)
    index.site = f"{parts.netloc.lower()}{parts.path.rstrip('/')}" or channel.get("title", "")
    index.base_url = address if parts.scheme in ("http", "https") else ""
    index.language = channel.get("language", "")
    return index


def _index_element(index: _Index, element) -> None:
    name = local(element.tag)
    if name == "item":
        _index_item(index, _Entry.of(element))
    elif name in ("category", "tag", "term"):
        _index_term(index, name, element)
    elif name == "author":
        values = {local(child.tag): (child.text or "").strip() for child in element}
        login = values.get("author_login", "")
        if login:
            index.authors[login] = values.get("author_display_name") or login
    elif len(element) == 0:
        index.channel.setdefault(name, (element.text or "").strip())


def _index_term(index: _Index, kind: str, element) -> None:
    values, meta = {}, {}
    for child in element:
        if local(child.tag) == "termmeta":
            pair = {local(part.tag): (part.text or "").strip() for part in child}
            meta[pair.get("meta_key", "")] = pair.get("meta_value", "")
        else:
            values[local(child.tag)] = (child.text or "").strip()
    term_id = values.get("term_id", "")
    if kind == "category":
        taxonomy, slug, name = "category", values.get("category_nicename"), values.get("cat_name")
        parent = values.get("category_parent", "")
    elif kind == "tag":
        taxonomy, slug, name, parent = "post_tag", values.get("tag_slug"), values.get("tag_name"), ""
    else:
        taxonomy, slug, name = values.get("term_taxonomy"), values.get("term_slug"), values.get("term_name")
        parent = values.get("term_parent", "")
    slug, name, description = slug or "", name or "", values.get("term_description", "")
    if taxonomy in ("category", "post_tag") and slug:
        term = _Term(term_id, slug, name or slug, parent)
        (index.categories if taxonomy == "category" else index.tags).setdefault(slug, term)
        if term_id:
            index.terms.setdefault(term_id, term)
        language, group = meta.get("_wpml_import_language_code"), meta.get("_wpml_import_translation_group")
        if term_id and language and group:
            # Members of one WPML group share one dict, so each sees the others as they come.
            members = index.translations.setdefault(f"wpml:{taxonomy}:{group}", {})
            members[language] = term_id
            index.translations[term_id] = members
    elif taxonomy == "language" and slug:
        locale = (_php_array(description) or {}).get("locale")
        index.languages[slug] = locale if isinstance(locale, str) and locale else slug
    elif taxonomy == "term_translations":
        members = {language: str(term) for language, term in _translation_map(description).items()}
        for term in members.values():
            index.translations[term] = members
    elif taxonomy == "post_translations" and slug:
        ids = _translation_map(description).values()
        index.groups.setdefault(f"pll:{slug}", _Group(smallest=min(ids, default=None)))


def _index_item(index: _Index, entry: _Entry) -> None:
    post_id = entry.get("post_id")
    if entry.post_type == "attachment" and post_id:
        metadata = _php_array(entry.meta.get("_wp_attachment_metadata", "")) or {}
        image_meta = metadata.get("image_meta")
        credit = image_meta.get("credit") if isinstance(image_meta, dict) else ""
        url, title = entry.get("attachment_url") or entry.get("guid"), entry.get("title")
        # Most titles are the uploaded file's name, which describes nothing: only another is alt text.
        named_after_file = _letters(title) == _letters(PurePosixPath(urlsplit(url).path).stem)
        index.attachments[post_id] = _Attachment(
            url=url,
            caption=entry.get("excerpt"),
            alt=entry.meta.get("_wp_attachment_image_alt", "").strip() or ("" if named_after_file else title),
            credit=credit if isinstance(credit, str) else "",
        )
        parent = entry.get("post_parent")
        if parent and parent != "0":
            index.children.setdefault(parent, []).append(post_id)
        return
    if not _wanted(entry):
        return
    if index.offset is None:
        index.offset = _learn_offset(entry)
    key = _group_key(entry)
    if key and post_id.isdigit():
        language = _language(entry, index)
        group = index.groups.setdefault(key, _Group())
        group.add(int(post_id), _Shared.of(entry, language), _source_language(entry))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _learn_offset(entry: _Entry) -> timedelta | None:
    """The site's UTC offset, from an item giving its date both in site time and in UTC."""
    local_time = _wp_datetime(entry.get("post_date"))
    utc = _wp_datetime(entry.get("post_date_gmt")) or _rfc822(entry.get("pubDate"))
    if local_time is None or utc is None:
        return None
    offset = local_time - utc.replace(tzinfo=None)
    return offset if abs(offset) <= timedelta(hours=14) else None


def _group_key(entry: _Entry) -> str:
    if slug := entry.term("post_translations"):
        return f"pll:{slug}"
    if group := entry.meta.get("_wpml_import_translation_group", "").strip():
        return f"wpml:{group}"
    return ""


def _language(entry: _Entry, index: _Index) -> str:
    """The item's language: Polylang's, WPML's, else the site's."""
    if slug := entry.term("language"):
        return index.code(slug)
    return entry.meta.get("_wpml_import_language_code", "").strip() or index.language


def _source_language(entry: _Entry) -> str:
    return entry.meta.get("_wpml_import_source_language_code", "").strip()


def _multilingual(entry: _Entry) -> bool:
    return bool(entry.term("language") or entry.meta.get("_wpml_import_language_code", "").strip())


def _short(code: str) -> str:
    """ "en_US" -> "en": the key structured category and tag names take."""
    return code.replace("_", "-").split("-")[0].lower()


# The second pass: one item, one record


def _record(entry: _Entry, index: _Index, position: str) -> ArticleRecord:
    language = _language(entry, index)
    key = _group_key(entry)
    group = index.groups.get(key) if key else None
    external_id = _external_id(entry, index, group, key)
    shared = _Shared.of(entry, language)
    if group and group.shared:
        shared = replace(group.shared, tags=list(group.tags.values()))
    body, photos, video_url = _body(entry, index, language, external_id)
    version = VersionRecord(
        title=entry.get("title"),
        lead=entry.get("excerpt"),
        body=body,
        byline=index.authors.get(entry.get("creator"), entry.get("creator")),
        published_at=_published_at(entry, index),
        status=_status(entry),
        slug=unquote(entry.get("post_name")),
    )
    record = ArticleRecord(
        external_id=external_id,
        versions={language: version},
        original_language=group.original_language if group else "",
        position=position,
    )
    if entry.post_type == "page":
        record.kind = "page"
        return record
    structured = _multilingual(entry)
    record.category = _category(shared, index, structured)
    record.tags = _tags(shared, index, structured)
    record.format = shared.format
    record.featured = shared.sticky
    record.video_url = video_url
    featured = index.attachments.get(entry.meta.get("_thumbnail_id", "").strip())
    hero = [_photo(featured.url, featured, language, hero=True)] if featured else []
    record.photos = _unique(hero + photos)
    return record


def _unique(photos: list[PhotoRecord]) -> list[PhotoRecord]:
    """One record per image, at its first place: the writer makes one photo of an address, with
    one caption per language, so a repeat would only rewrite that caption on every import."""
    found: dict[str, PhotoRecord] = {}
    for photo in photos:
        first = found.get(photo.url)
        if first is None:
            found[photo.url] = photo
        elif first.placed:
            # Shown again: the first place stays, taking any text it lacked (and so its identity).
            if (photo.caption and not first.caption) or (photo.alt_text and not first.alt_text):
                first.caption = first.caption or photo.caption
                first.alt_text = first.alt_text or photo.alt_text
                first.external_id = first.external_id or photo.external_id
        else:
            # The featured image shown in the body too: one photo, placed where the body shows it.
            photo.hero = True
            photo.caption = photo.caption or first.caption
            photo.alt_text = photo.alt_text or first.alt_text
            photo.credit = photo.credit or first.credit
            del found[photo.url]
            found[photo.url] = photo
    return list(found.values())


def _external_id(entry: _Entry, index: _Index, group: _Group | None, key: str) -> str:
    # A group is named by its smallest post id: a post exported before it was translated
    # keeps its article once its translation joins it.
    if group and group.smallest is not None:
        return f"wxr:{index.site}:{group.smallest}"
    if key:
        return f"wxr:{index.site}:{key}"
    identity = entry.get("post_id") or entry.get("guid") or entry.get("link")
    if not identity:
        raise _Unreadable("it has no wp:post_id, guid or link to tell it apart on a later import")
    return f"wxr:{index.site}:{identity}"[:500]


def _status(entry: _Entry) -> str | None:
    raw = entry.get("status").lower()
    if not raw:
        return None
    status = _STATUSES.get(raw, "draft")
    if status == "published" and entry.get("post_password"):
        # Behind a password in WordPress; we have no such thing, so it is not made public.
        return "unpublished"
    return status


def _published_at(entry: _Entry, index: _Index) -> datetime | None:
    """post_date_gmt; else post_date in the site's time (drafts carry no GMT date); else pubDate."""
    if utc := _wp_datetime(entry.get("post_date_gmt")):
        return utc.replace(tzinfo=UTC)
    if site_time := _wp_datetime(entry.get("post_date")):
        if index.offset is not None:
            return (site_time - index.offset).replace(tzinfo=UTC)
        return site_time.replace(tzinfo=timezone.get_default_timezone())
    return _rfc822(entry.get("pubDate"))


def _wp_datetime(value: str) -> datetime | None:
    """ "2024-05-02 08:30:00", or None for WordPress's "0000-00-00 00:00:00" and anything unreadable."""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _rfc822(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None or parsed.year < 1000:  # drafts say "Mon, 30 Nov -0001 00:00:00"
        return None
    return parsed


# Sections and tags


def _category(shared: _Shared, index: _Index, structured: bool) -> list:
    """The primary category as a path, parent first: Yoast's choice, else the first but the default."""
    named = [(slug, name) for slug, name in shared.categories if (slug or name)]
    primary = index.terms.get(shared.primary)
    chosen = next((pair for pair in named if primary and pair[0] == primary.slug), None)
    chosen = chosen or next(
        (
            pair
            for pair in named
            if pair[0] not in _DEFAULT_CATEGORIES and pair[1].lower() not in _DEFAULT_CATEGORIES
        ),
        None,
    )
    if chosen is None:
        return []
    slug, name = chosen
    chain, term = [], index.categories.get(slug)
    while term is not None and term not in chain and len(chain) < 10:
        chain.append(term)
        term = index.categories.get(term.parent) if term.parent else None
    chain.reverse()
    chain = chain or [_Term("", slug, name)]
    if not structured:
        return [term.name for term in chain]
    return [_structured(term, index, shared.language, CategoryRecord) for term in chain]


def _tags(shared: _Shared, index: _Index, structured: bool) -> list:
    found: dict[str, str | TagRecord] = {}
    for slug, name, language in shared.tags:
        if structured:
            term = index.tags.get(slug) or _Term("", slug, name)
            tag = _structured(term, index, language, TagRecord)
            found.setdefault(repr(sorted(tag.slugs.items()) or tag.names), tag)
        elif name:
            found.setdefault(name.casefold(), name)
    return list(found.values())


def _structured(term: _Term, index: _Index, language: str, kind):
    """A term named in every language it was translated into (one alone takes its post's language)."""
    members = index.translations.get(term.id) or {language: term.id}
    names, slugs = {}, {}
    for member_language, term_id in members.items():
        member = index.terms.get(term_id) or (term if term_id == term.id else None)
        if member is not None:
            code = _short(index.code(member_language))
            names.setdefault(code, member.name)
            slugs.setdefault(code, member.slug)
    return kind(names=names, slugs={code: slug for code, slug in slugs.items() if slug})


# Bodies and photos


def _body(entry: _Entry, index: _Index, language: str, article: str) -> tuple[str, list[PhotoRecord], str]:
    """Body HTML in paragraphs, its photos placed by paragraph, and a video address found in it."""
    content = (entry.values.get("content") or "").replace(_PRE_NEWLINE, "").replace("\r\n", "\n")
    if not content.strip():
        return "", [], ""
    # WordPress paragraphs classic posts when showing them (wpautop) but never block-editor ones.
    block_editor = "<!-- wp:" in content
    content = _shortcodes(content, entry, index)
    if not block_editor:
        content = _autop(content)
    cutter = _Cutter(index)
    body, images = body_and_images(content, cutter)
    photos = [_body_photo(image, language, article) for image in images]
    return body, photos, cutter.video_url or cutter.video_line


_PRE_NEWLINE = "\ue002"  # stands for a newline inside <pre> while _autop works

_CAPTION = re.compile(r"\[(?:wp_)?caption\b([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.S | re.I)
_CAPTIONED_IMAGE = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", re.S | re.I)
_GALLERY = re.compile(r"\[gallery\b([^\]]*)\]", re.I)
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_VIDEO = re.compile(r"\[video\b([^\]]*)\](?:\s*\[/video\])?", re.I)
_SHORTCODE = re.compile(r"\[(/?)([^\W\d][\w-]*)((?:\s[^\[\]]*)?)\]")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")


def _attributes(text: str) -> dict[str, str]:
    return {m[1].lower(): next(v for v in m.groups()[1:] if v is not None) for m in _ATTRIBUTE.finditer(text)}


def _shortcodes(content: str, entry: _Entry, index: _Index) -> str:
    """[caption] and [gallery] become figures the photo extractor reads; [embed] and [video] a
    bare address (an oEmbed line); any other shortcode loses its brackets, keeping what it wraps."""

    def caption(match: re.Match) -> str:
        found = _CAPTIONED_IMAGE.fullmatch(match[2])
        if not found:
            return match[2]
        text = found[2].strip() or _attributes(match[1]).get("caption", "")
        return f"\n\n<figure>{found[1]}<figcaption>{text}</figcaption></figure>\n\n"

    def gallery(match: re.Match) -> str:
        attributes = _attributes(match[1])
        ids = re.findall(r"\d+", attributes.get("ids") or attributes.get("include") or "")
        # Without ids WordPress shows every image attached to the post.
        ids = ids or index.children.get(entry.get("post_id"), [])
        images = "".join(f'<img class="wp-image-{i}">' for i in ids if i in index.attachments)
        return f"\n\n<figure>{images}</figure>\n\n" if images else ""

    def video(match: re.Match) -> str:
        attributes = _attributes(match[1])
        address = next((attributes[k] for k in ("src", "mp4", "m4v", "webm", "ogv") if attributes.get(k)), "")
        return f"\n\n{address}\n\n" if address else ""

    content = _CAPTION.sub(caption, content)
    content = _GALLERY.sub(gallery, content)
    content = _EMBED.sub(lambda match: f"\n\n{match[1].strip()}\n\n", content)
    content = _VIDEO.sub(video, content)
    closed = {name.lower() for name in re.findall(r"\[/([^\W\d][\w-]*)\]", content)}

    def other(match: re.Match) -> str:
        name, attributes = match[2].lower(), match[3]
        if match[1] or name in closed or name in _KNOWN_SHORTCODES or "=" in attributes or "_" in name:
            return ""
        return match[0]

    return _SHORTCODE.sub(other, content)


# WordPress's block-level tags (wpautop's list): never wrapped in a paragraph.
_BLOCK = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area"
    r"|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header"
    r"|footer|nav|figure|figcaption|details|menu|summary)"
)
_BLOCK_OPEN = re.compile(rf"<{_BLOCK}(?=[\s/>])[^>]*>", re.I)
_BLOCK_CLOSE = re.compile(rf"</{_BLOCK}\s*>", re.I)
_TRAILING_CLOSE = re.compile(rf"</{_BLOCK}\s*>$", re.I)
_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def _autop(content: str) -> str:
    """WordPress's wpautop() in short: blank lines part paragraphs, single newlines are line
    breaks, and block-level elements are left as they are."""
    content = _PRE.sub(lambda match: match[0].replace("\n", _PRE_NEWLINE), content)
    content = _TAG.sub(lambda match: match[0].replace("\n", " "), content)
    content = _BLOCK_OPEN.sub(lambda match: f"\n\n{match[0]}", content)
    content = _BLOCK_CLOSE.sub(lambda match: f"{match[0]}\n\n", content)
    content = re.sub(r"(<hr\b[^>]*>)", "\\1\n\n", content, flags=re.I)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", content):
        chunk = chunk.strip()
        if not chunk:
            continue
        # Splitting at every block tag leaves at most one opening tag first and one closing tag last.
        opening = _BLOCK_OPEN.match(chunk)
        head = opening[0] if opening else ""
        closing = _TRAILING_CLOSE.search(chunk, len(head))
        tail = closing[0] if closing else ""
        middle = chunk[len(head) : len(chunk) - len(tail)].strip()
        middle = re.sub(r"\s*\n\s*", "<br>\n", middle)
        if middle and not (head and tail):
            middle = f"<p>{middle}</p>"
        paragraphs.append(f"{head}{middle}{tail}")
    return "\n".join(paragraphs).replace(_PRE_NEWLINE, "\n")


_ATTACHMENT_CLASS = re.compile(r"\bwp-image-(\d+)\b")


#: Block elements the body's allow-list lacks, renamed so that their text keeps its own
#: paragraph (or heading) instead of running into its neighbours' once their tags are stripped.
_RENAMED = {
    "h1": "h2", "h5": "h4", "h6": "h4", "div": "p", "pre": "p", "figcaption": "p",
    "dt": "p", "dd": "p", "summary": "p", "address": "p",
}  # fmt: skip


@dataclass
class _Image(BodyImage):
    attachment: _Attachment | None = None  # the upload it shows, when the export has it


class _Cutter(ImageCutter):
    """
    Cuts the images out of WordPress HTML, resolving each to its attachment by its ``wp-image-<id>``
    class (which [caption] and [gallery] images carry too). On the way, block tags the allow-list
    lacks are renamed, <pre> keeps its line breaks, and the first YouTube or Vimeo player, or
    address alone in a paragraph, is taken as the video.
    """

    def __init__(self, index: _Index):
        super().__init__()
        self.index = index
        self.video_url = ""  # a player's (<iframe>, <video>...)
        self.video_line = ""  # an address alone in its paragraph (an oEmbed line)
        self._preformatted = 0  # inside <pre>: its newlines are line breaks

    def image(self, attributes: dict[str, str]) -> _Image | None:
        found = _ATTACHMENT_CLASS.search(attributes.get("class", ""))
        attachment = self.index.attachments.get(found[1] if found else attributes.get("data-id", ""))
        address = (
            attachment.url if attachment else urljoin(self.index.base_url, attributes.get("src", "").strip())
        )
        if not address.lower().startswith(("http://", "https://")):
            return None  # data: and script addresses, or a relative one with no site to resolve it
        return _Image(address, alt=attributes.get("alt", "").strip(), attachment=attachment)

    def start(self, tag: str, attributes: dict[str, str]) -> str:
        if tag == "pre":
            self._preformatted += 1
        elif tag in ("iframe", "embed", "video", "source"):
            address = attributes.get("src", "").strip()
            if not self.video_url and _is_video(address):
                self.video_url = address
        return f"<{_RENAMED[tag]}>" if tag in _RENAMED else super().start(tag, attributes)

    def end(self, tag: str) -> str:
        if tag == "pre":
            self._preformatted = max(self._preformatted - 1, 0)
        return f"</{_RENAMED.get(tag, tag)}>"

    def text(self, data: str) -> str:
        escaped = super().text(data)
        return escaped.replace("\n", "<br>") if self._preformatted else escaped

    def block(self, block: str) -> str:
        """Empty paragraphs left by broken markup go; a lone video address is the video, any other a link."""
        text = html_to_text(block).strip()
        if not text and not block.startswith("<hr"):
            return ""
        if "<a " in block or not re.fullmatch(r"https?://\S+", text):
            return block
        if not self.video_line and _is_video(text):
            self.video_line = text
            return ""
        return f'<p><a href="{html.escape(text)}">{html.escape(text)}</a></p>'


def _body_photo(image: _Image, language: str, article: str) -> PhotoRecord:
    """A photo in the body: the caption written with it beats its attachment's, which beats its gallery's."""
    shared = image.attachment or _Attachment(url="", caption="", alt="", credit="")
    caption = "" if image.gallery_caption and shared.caption else image.caption
    photo = _photo(image.src, shared, language, alt=image.alt)
    photo.paragraph = image.paragraph
    if caption:
        photo.caption = {language: caption}
    if (caption and caption != shared.caption) or (image.alt and image.alt != shared.alt):
        # This use of the image has its own caption or alt text: it becomes the article's own photo.
        # Shared by address, the post using the image last would rewrite that text on every import,
        # and each article would show another's caption.
        own = f"{article}#{image.src}"
        photo.external_id = (
            own
            if len(own) <= 500
            else f"{article[:400]}#{sha1(image.src.encode(), usedforsecurity=False).hexdigest()}"
        )
    return photo


def _photo(
    address: str, attachment: _Attachment | None, language: str, *, alt: str = "", hero: bool = False
) -> PhotoRecord:
    caption = attachment.caption if attachment else ""
    alt = alt or (attachment.alt if attachment else "")
    return PhotoRecord(
        url=address,
        file_name=PurePosixPath(unquote(urlsplit(address).path)).name,
        caption={language: caption} if caption else {},
        alt_text={language: alt} if alt else {},
        credit=attachment.credit if attachment else "",
        hero=hero,
        placed=not hero,  # a featured image leads the article; it is not one of its inline photos
    )


def _is_video(address: str) -> bool:
    """A YouTube or Vimeo address short enough for the article's video field."""
    if len(address) > 200 or not address.lower().startswith(("http://", "https://")):
        return False
    host = (urlsplit(address).hostname or "").lower()
    return any(host == known or host.endswith(f".{known}") for known in _VIDEO_HOSTS)


# PHP's serialize() format, read without unserialize(): the file comes from another site.

_PHP_TOKENS = {
    b"N": re.compile(rb"N;"),
    b"b": re.compile(rb"b:([01]);"),
    b"i": re.compile(rb"i:(-?\d{1,19});"),
    b"d": re.compile(rb"d:(-?[0-9.Ee+-]{1,40}|NAN|-?INF);"),
    b"s": re.compile(rb's:(\d{1,9}):"'),
    b"a": re.compile(rb"a:(\d{1,6}):\{"),
}


def _php_array(value: str) -> dict | None:
    """A serialised PHP array of scalars and nested arrays; None for anything else (objects too)."""
    data = value.strip().encode("utf-8")
    if not data.startswith(b"a:") or len(data) > _SERIALIZED_LIMIT:
        return None
    try:
        result, end = _php_value(data, 0, 0)
    except ValueError:
        return None
    return result if end == len(data) else None


def _php_value(data: bytes, at: int, depth: int):
    kind = data[at : at + 1]
    token = _PHP_TOKENS.get(kind)
    match = token.match(data, at) if token else None
    if match is None:
        raise ValueError(f"not a serialised scalar or array at byte {at}")
    at = match.end()
    if kind == b"N":
        return None, at
    if kind == b"b":
        return match[1] == b"1", at
    if kind == b"i":
        return int(match[1]), at
    if kind == b"d":
        return float(match[1]), at
    if kind == b"s":
        end = at + int(match[1])  # a length in bytes, not characters
        if data[end : end + 2] != b'";':
            raise ValueError("a string of the wrong length")
        return data[at:end].decode("utf-8", "replace"), end + 2
    count = int(match[1])
    if depth >= 8 or count > 10_000:
        raise ValueError("nested too deep or too long")
    result = {}
    for _ in range(count):
        key, at = _php_value(data, at, depth + 1)
        if type(key) not in (int, str):
            raise ValueError("an array key must be a number or a string")
        result[key], at = _php_value(data, at, depth + 1)
    if data[at : at + 1] != b"}":
        raise ValueError("an array not closed")
    return result, at + 1


def _translation_map(description: str) -> dict[str, int]:
    """A Polylang group (language slug -> post or term id), Polylang Pro's "sync" key and such left out."""
    return {
        language: value
        for language, value in (_php_array(description) or {}).items()
        if isinstance(language, str)
        and re.fullmatch(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?", language, re.I)
        and type(value) is int
        and value > 0
    }
