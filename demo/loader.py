"""
Turns an empty database into a browsable demo site. Everything is keyed
(categories by English slug, articles and photos by external id), so a
second run finds what the first made and changes nothing.
"""

import html
import json
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticlePhoto, DailyReads, Source, Status, Tag
from articles.services import article_save
from categories.models import Category
from media.models import Photo
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
        categories = _categories(site["categories"], created)
        sources = _sources(site["sources"], created)
        _site_settings(site["site"])
        _pages(site["pages"], created)
    for path in sorted(DATA.glob("articles_*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            with transaction.atomic():
                _article(item, categories=categories, sources=sources, now=now, created=created)
    return created


def _categories(items, created) -> dict[str, Category]:
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
    return categories


def _sources(items, created) -> dict[str, Source]:
    sources = {}
    for item in items:
        source, was_created = Source.objects.get_or_create(
            slug=item["key"], defaults={"name_vi": item["vi"], "name_en": item["en"], "url": item["url"]}
        )
        created["sources"] += was_created
        sources[item["key"]] = source
    return sources


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


def _article(item, *, categories, sources, now, created) -> None:
    external_id = f"demo:{item['key']}"
    if Article.objects.filter(external_id=external_id).exists():
        return
    published_at = now - timedelta(hours=item["hours_ago"])
    article = Article(
        external_id=external_id,
        category=categories[item["category"]],
        format=item["format"],
        featured=item["featured"],
        source=sources[item["source"]],
        video_url=item.get("video_url", ""),
        original_language="vi" if item.get("vi") else "en",
    )
    statuses = item.get("status", {})
    for code in LANGUAGES:
        version = item.get(code)
        if not version:
            continue
        setattr(article, f"title_{code}", version["title"])
        setattr(article, f"lead_{code}", version["lead"])
        setattr(article, f"body_{code}", _paragraphs(version["body"]))
        setattr(article, f"byline_{code}", item.get("byline", ""))
        setattr(article, f"status_{code}", statuses.get(code, Status.PUBLISHED))
        setattr(article, f"published_at_{code}", published_at)
        setattr(article, f"view_count_{code}", item.get("views", {}).get(code, 0))
    article_save(article=article)
    # Spread the demo's reads over the last week, so that "Interested" has a ranking.
    for code, count in item.get("views", {}).items():
        if count and article.has_language(code):
            days = min(7, max(1, item["hours_ago"] // 24 + 1))
            DailyReads.objects.bulk_create(
                DailyReads(
                    article=article,
                    language=code,
                    day=(now - timedelta(days=day)).date(),
                    count=count // days,
                )
                for day in range(days)
            )
    created["articles"] += 1

    for position, spec in enumerate(item.get("photos", [])):
        photo = _photo(f"{external_id}:{position}", spec, sources=sources, created=created)
        ArticlePhoto.objects.create(
            article=article,
            photo=photo,
            position=position,
            paragraph=spec.get("after_paragraph") or None,
        )
        if position == 0 and spec.get("after_paragraph", 0) == 0:
            article.hero_photo = photo
    article.save(update_fields=["hero_photo"])
    article.tags.set([_tag(names) for names in item.get("tags", [])])


def _photo(external_id: str, spec, *, sources, created) -> Photo:
    photo = Photo.objects.filter(external_id=external_id).first()
    if photo:
        return photo
    photo = Photo(external_id=external_id, credit=sources.get(spec.get("credit")))
    for code in LANGUAGES:
        caption = spec.get("caption", {}).get(code, "")
        setattr(photo, f"caption_{code}", caption)
        setattr(photo, f"alt_text_{code}", caption)
    name = external_id.replace(":", "-") + ".jpg"
    picture = ContentFile(draw_picture(external_id, spec.get("palette", "dawn")), name=name)
    photo.image.save(name, picture, save=False)
    photo.save()
    created["photos"] += 1
    return photo


def _tag(names: dict[str, str]) -> Tag:
    for code in LANGUAGES:
        if names.get(code):
            tag = Tag.objects.filter(**{f"name_{code}__iexact": names[code]}).first()
            if tag:
                return tag
    return Tag.objects.create(**{f"name_{code}": names.get(code, "") for code in LANGUAGES})


def _paragraphs(items: list[str]) -> str:
    """Plain demo text to body HTML: "## " starts a subheading."""
    blocks = []
    for text in items:
        if text.startswith("## "):
            blocks.append(f"<h2>{html.escape(text[3:])}</h2>")
        else:
            blocks.append(f"<p>{html.escape(text)}</p>")
    return "\n".join(blocks)
