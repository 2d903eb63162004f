"""
Turns an empty database into a browsable demo site. Everything is keyed
(categories by English slug, articles and photos by external id), so a
second run finds what the first made and changes nothing. The articles are
imported as records through the importers' writer, their drawn photos through
the upload checks, as an editor's would be.
"""

import html
import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from articles.models import Article, DailyReads, Source, Status
from categories.models import Category
from ingest.records import ArticleRecord, CategoryRecord, PhotoRecord, SourceRecord, TagRecord, VersionRecord
from ingest.writer import ArticleWriter, ImportOptions
from media.models import Photo
from media.services import photo_set_image
from newsroom.text import slugify_vi
from pages.models import Page, SiteSettings

from .pictures import draw_picture

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("vi", "en")


def load_demo(*, now=None) -> dict[str, int]:
    """Create whatever of the demo is missing; return how many rows of each kind were created."""
    now = now or timezone.now()
    site = json.loads((DATA / "site.json").read_text(encoding="utf-8"))
    created = {"categories": 0, "sources": 0, "pages": 0, "articles": 0, "photos": 0}
    with transaction.atomic():
        _categories(site["categories"], created)
        _sources(site["sources"], created)
        _site_settings(site["site"])
        _pages(site["pages"], created)
    items = [
        item for path in sorted(DATA.glob("articles_*.json")) for item in json.loads(path.read_text("utf-8"))
    ]
    existing = set(
        Article.objects.filter(external_id__in=[_key(item) for item in items]).values_list(
            "external_id", flat=True
        )
    )
    new = [item for item in items if _key(item) not in existing]
    _write_articles(new, site=site, now=now)
    created["articles"] = len(new)
    _spread_reads(new, now=now)
    created["photos"] = _draw_photos(items)  # all: a run stopped half-way left some undrawn
    return created


def _categories(items, created) -> None:
    categories: dict[str, Category] = {}
    for order, item in enumerate(items):
        category = Category.objects.filter(slug_en=item["key"]).first()
        if category is None:
            category = Category.objects.create(
                name_vi=item["vi"],
                name_en=item["en"],
                slug_en=item["key"],
                parent=categories.get(item.get("parent")),
                menu_order=order * 10,
            )
            created["categories"] += 1
        categories[item["key"]] = category


def _sources(items, created) -> None:
    for item in items:
        _source, was_created = Source.objects.get_or_create(
            slug=item["key"], defaults={"name_vi": item["vi"], "name_en": item["en"], "url": item["url"]}
        )
        created["sources"] += was_created


def _site_settings(item) -> None:
    if SiteSettings.objects.exists():
        return
    fields = {"phone": item["phone"], "email": item["email"]}
    for name in ("organisation_name", "address", "copyright"):
        fields |= {f"{name}_{code}": item[name][code] for code in LANGUAGES}
    SiteSettings.objects.create(**fields)


def _pages(items, created) -> None:
    for order, item in enumerate(items):
        if Page.objects.filter(slug_en=item["key"]).exists():
            continue
        fields = {f"title_{code}": item["title"][code] for code in LANGUAGES}
        fields |= {f"body_{code}": _paragraphs(item["body"][code]) for code in LANGUAGES}
        Page.objects.create(slug_en=item["key"], menu_order=order, **fields)
        created["pages"] += 1


def _write_articles(items, *, site, now) -> None:
    """Write the demo articles through the importers' writer, as records naming their sections and sources."""
    names = {
        "sections": {
            section["key"]: CategoryRecord(
                names={code: section[code] for code in LANGUAGES}, slugs={"en": section["key"]}
            )
            for section in site["categories"]
        },
        "sources": {
            source["key"]: SourceRecord(
                slug=source["key"], names={code: source[code] for code in LANGUAGES}, url=source["url"]
            )
            for source in site["sources"]
        },
    }
    records = [_record(item, names=names, now=now) for item in items]
    for record, result in zip(records, ArticleWriter(ImportOptions()).write_batch(records), strict=True):
        if isinstance(result, Exception):  # the demo's own data: a bug to fix, not an item to skip
            raise RuntimeError(f"The demo article {record.external_id} could not be written: {result}")


def _key(item) -> str:
    return f"demo:{item['key']}"


def _record(item, *, names: dict[str, dict], now) -> ArticleRecord:
    """One demo article as the record an importer would give the writer."""
    published_at = now - timedelta(hours=item["hours_ago"])
    statuses = item.get("status") or {}
    versions = {
        code: VersionRecord(
            title=version["title"],
            lead=version["lead"],
            body=_paragraphs(version["body"]),
            byline=item.get("byline", ""),
            published_at=published_at,
            status=statuses.get(code, Status.PUBLISHED),
            view_count=item.get("views", {}).get(code, 0),
        )
        for code in LANGUAGES
        if (version := item.get(code))
    }
    photos = [
        PhotoRecord(
            external_id=f"{_key(item)}:{position}",
            caption=spec.get("caption", {}),
            alt_text=spec.get("caption", {}),
            credit=names["sources"].get(spec.get("credit"), ""),
            paragraph=spec.get("after_paragraph") or None,
            # The first photo, standing right after the lead, is the main one.
            hero=position == 0 and not spec.get("after_paragraph"),
        )
        for position, spec in enumerate(item.get("photos", []))
    ]
    tags = [
        TagRecord(names=tag, slugs={code: slugify_vi(name) for code, name in tag.items() if name})
        for tag in item.get("tags", [])
    ]
    return ArticleRecord(
        external_id=_key(item),
        versions=versions,
        category=[names["sections"][item["category"]]],
        tags=tags,
        source=names["sources"][item["source"]],
        format=item["format"],
        featured=item["featured"],
        photos=photos,
        video_url=item.get("video_url", ""),
        original_language="vi" if item.get("vi") else "en",
    )


def _spread_reads(items, *, now) -> None:
    """Spread the demo's reads over the last week, so that "Interested" has a ranking."""
    articles = Article.objects.in_bulk([_key(item) for item in items], field_name="external_id")
    rows = []
    for item in items:
        article = articles[_key(item)]
        days = min(7, max(1, item["hours_ago"] // 24 + 1))
        for code, count in item.get("views", {}).items():
            if count and article.has_language(code):
                rows += [
                    DailyReads(
                        article=article,
                        language=code,
                        day=(now - timedelta(days=day)).date(),
                        count=count // days,
                    )
                    for day in range(days)
                ]
    DailyReads.objects.bulk_create(rows)


def _draw_photos(items) -> int:
    """Draw the pictures of the photos that have none yet and upload them; return how many."""
    palettes = {
        f"{_key(item)}:{position}": spec.get("palette", "dawn")
        for item in items
        for position, spec in enumerate(item.get("photos", []))
    }
    drawn = 0
    for photo in Photo.objects.filter(external_id__in=list(palettes), image=""):
        picture = draw_picture(photo.external_id, palettes[photo.external_id])
        photo_set_image(photo=photo, data=picture, name=photo.external_id.replace(":", "-") + ".jpg")
        drawn += 1
    return drawn


def _paragraphs(items: list[str]) -> str:
    """Plain demo text to body HTML: "## " starts a subheading."""
    blocks = []
    for text in items:
        if text.startswith("## "):
            blocks.append(f"<h2>{html.escape(text[3:])}</h2>")
        else:
            blocks.append(f"<p>{html.escape(text)}</p>")
    return "\n".join(blocks)
