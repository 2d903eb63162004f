"""
The neutral records every parser produces and the one writer consumes.

Languages are the source's own codes ("vi", "en-GB", "" when it does not
say); the writer maps them to the site's languages. Where a parser only
knows a name (a category, tag, source or credit), it gives a string; where
it knows more (our own JSON Lines export), it gives the structured record.
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class SourceRecord:
    slug: str
    names: dict[str, str]  # language -> name
    url: str = ""


@dataclass
class CategoryRecord:
    names: dict[str, str]  # language -> name
    slugs: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


@dataclass
class TagRecord:
    names: dict[str, str]
    slugs: dict[str, str] = field(default_factory=dict)


@dataclass
class PhotoRecord:
    caption: dict[str, str] = field(default_factory=dict)  # language -> caption text
    alt_text: dict[str, str] = field(default_factory=dict)
    credit: str | SourceRecord = ""  # "VNA", "Nguyen Van A/VNA"
    url: str = ""  # where the image can be fetched (http/https only)
    file_name: str = ""  # a file the source names, looked for next to the input ("lam2-4512.jpg")
    stored_file: str = ""  # a file already in our media storage (our own exports)
    paragraph: int | None = None  # shown after this body block; 0 = right after the lead
    hero: bool = False  # the article's main photo (else: the first at paragraph 0)
    placed: bool = True  # False: only the main photo, not among the article's photos
    external_id: str = ""  # stable identity across imports; defaults to the URL
    uid: str = ""  # our own photos' identity, carried by our exports


@dataclass
class VersionRecord:
    """One language version of an article (or page)."""

    title: str
    lead: str = ""
    body: str = ""  # HTML; sanitised by the writer
    byline: str = ""
    published_at: datetime | None = None
    status: str | None = None  # None when the source does not say
    slug: str = ""
    view_count: int | None = None


@dataclass
class ArticleRecord:
    external_id: str  # stable per source: re-imports update instead of duplicating
    versions: dict[str, VersionRecord]  # language -> version
    kind: str = "article"  # or "page" (WordPress pages become static pages)
    uid: str = ""  # our own articles' identity, carried by our exports
    category: list[str | CategoryRecord] = field(default_factory=list)  # a path, parent first
    tags: list[str | TagRecord] = field(default_factory=list)
    source: str | SourceRecord = ""  # "VNA"
    format: str = ""  # standard, photo, video, infographic, megastory; "" = standard
    featured: bool | None = None
    photos: list[PhotoRecord] = field(default_factory=list)
    video_url: str = ""
    original_language: str = ""
    position: str = ""  # where in the input: "item 3", "line 12"
    #: What the desk must see to before it goes live: codes of ingest.models.Flag
    #: ("date_needed", "title_needed"); the writer adds "language" itself.
    flags: list[str] = field(default_factory=list)


@dataclass
class ItemError:
    """An item a parser could not read: reported, counted as failed, the rest go on."""

    position: str
    reason: str
