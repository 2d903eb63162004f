"""
Exports: our lossless JSON Lines (read back by ``import_articles --format
jsonl``) and IPTC ninjs 2.x for syndication partners.
"""

import json
from collections.abc import Iterable, Iterator
from typing import IO

from django.conf import settings
from django.db.models import Prefetch

from articles.models import Article, ArticlePhoto, Status
from newsroom.languages import LANGUAGE_CODES, localized, localized_text

from .parsers.jsonl import FORMAT_VERSION

NINJS_SCHEMA = "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"


def articles_for_export():
    """Every article with what an export line needs, fetched in a few queries per thousand."""
    return (
        Article.objects.select_related("category__parent__parent", "source", "hero_photo__credit")
        .prefetch_related(
            "tags",
            Prefetch("article_photos", queryset=ArticlePhoto.objects.select_related("photo__credit")),
        )
        .order_by("pk")
    )


def export_jsonl(stream: IO[str], articles: Iterable[Article] | None = None) -> int:
    """Write one JSON line per article; return how many."""
    count = 0
    for line in _lines(articles if articles is not None else articles_for_export().iterator(chunk_size=500)):
        stream.write(line)
        count += 1
    return count


def _lines(articles) -> Iterator[str]:
    for article in articles:
        yield json.dumps(article_to_json(article), ensure_ascii=False, separators=(",", ":")) + "\n"


def article_to_json(article: Article) -> dict:
    versions = {}
    for code in LANGUAGE_CODES:
        if not article.has_language(code):
            continue
        published_at = localized(article, "published_at", code)
        versions[code] = {
            field: localized_text(article, field, code)
            for field in ("title", "slug", "lead", "body", "byline")
        } | {
            "status": localized(article, "status", code),
            "published_at": published_at.isoformat() if published_at else None,
            "view_count": localized(article, "view_count", code) or 0,
        }
    photos = [
        _photo_json(item.photo, paragraph=item.paragraph, hero=item.photo_id == article.hero_photo_id)
        for item in article.article_photos.all()
    ]
    if article.hero_photo_id and not any(photo["hero"] for photo in photos):
        photos.append(_photo_json(article.hero_photo, paragraph=None, hero=True) | {"placed": False})
    return {
        "newsroom": FORMAT_VERSION,
        "kind": "article",
        "uid": str(article.uid),
        "external_id": article.external_id,
        "original_language": article.original_language,
        "format": article.format,
        "featured": article.featured,
        "video_url": article.video_url,
        "category": [_category_json(category) for category in _ancestry(article.category)],
        "tags": [
            {"names": _per_language(tag, "name"), "slugs": _per_language(tag, "slug")}
            for tag in article.tags.all()
        ],
        "source": _source_json(article.source),
        "versions": versions,
        "photos": photos,
    }


def _ancestry(category):
    chain = []
    while category is not None:
        chain.insert(0, category)
        category = category.parent
    return chain


def _category_json(category) -> dict:
    return {
        "names": _per_language(category, "name"),
        "slugs": _per_language(category, "slug"),
        "descriptions": _per_language(category, "description"),
    }


def _source_json(source) -> dict | None:
    if source is None:
        return None
    return {"slug": source.slug, "names": _per_language(source, "name"), "url": source.url}


def _photo_json(photo, *, paragraph, hero) -> dict:
    return {
        "uid": str(photo.uid),
        "external_id": photo.external_id,
        "file": photo.image.name or "",
        "url": photo.source_url,
        "caption": _per_language(photo, "caption"),
        "alt_text": _per_language(photo, "alt_text"),
        "credit": _source_json(photo.credit),
        "paragraph": paragraph,
        "hero": hero,
    }


def _per_language(obj, field: str) -> dict[str, str]:
    return {code: value for code in LANGUAGE_CODES if (value := localized_text(obj, field, code))}


# ninjs


def export_ninjs(stream: IO[str], *, base_url: str, articles: Iterable[Article] | None = None) -> int:
    """
    Write the published language versions as ninjs 2.x documents, one JSON
    object per line (each version is its own item, as ninjs items have one
    language). ``base_url`` ("https://news.example.org") makes links absolute.
    """
    count = 0
    for article in articles if articles is not None else articles_for_export().iterator(chunk_size=500):
        for code in LANGUAGE_CODES:
            if article.is_published(code):
                document = article_to_ninjs(article, code, base_url=base_url)
                stream.write(json.dumps(document, ensure_ascii=False) + "\n")
                count += 1
    return count


def article_to_ninjs(article: Article, language: str, *, base_url: str) -> dict:
    base_url = base_url.rstrip("/")
    published_at = localized(article, "published_at", language)
    item = {
        "$schema": NINJS_SCHEMA,
        "uri": f"urn:newsroom:article:{article.uid}:{language}",
        "type": "text",
        "representationtype": "complete",
        "version": "1",
        "firstcreated": article.created_at.isoformat(),
        "versioncreated": article.updated_at.isoformat(),
        "contentcreated": published_at.isoformat() if published_at else None,
        "pubstatus": "usable" if localized(article, "status", language) == Status.PUBLISHED else "withheld",
        "language": language,
        "headlines": [{"role": "main", "value": localized_text(article, "title", language)}],
        "descriptions": [
            {
                "role": "summary",
                "contenttype": "text/plain",
                "value": localized_text(article, "lead", language),
            }
        ],
        "bodies": [
            {"role": "main", "contenttype": "text/html", "value": localized_text(article, "body", language)}
        ],
        "by": localized_text(article, "byline", language),
        "subjects": [
            {"name": name, "rel": "about"}
            for tag in article.tags.all()
            if (name := localized_text(tag, "name", language))
        ],
        "genres": [{"name": article.get_format_display(), "code": article.format}],
        "renditions": [
            {"name": "html", "href": base_url + article.url_in(language), "contenttype": "text/html"}
        ],
        "altids": [{"role": "external", "value": article.external_id}] if article.external_id else [],
        "associations": [
            _ninjs_picture(
                item.photo,
                language,
                base_url,
                name="featureimage" if item.photo_id == article.hero_photo_id else f"image{index}",
            )
            for index, item in enumerate(article.article_photos.all(), start=1)
            if item.photo.image
        ],
    }
    if article.source_id:
        item["infosources"] = [{"name": localized_text(article.source, "name", language), "role": "source"}]
    if article.category_id:
        item["subjects"].append(
            {
                "name": localized_text(article.category, "name", language),
                "rel": "inCategory",
                "uri": base_url + article.category.url_in(language),
            }
        )
    return {key: value for key, value in item.items() if value not in (None, "", [])}


def _ninjs_picture(photo, language: str, base_url: str, *, name: str) -> dict:
    caption = localized_text(photo, "caption", language)
    picture = {
        "name": name,
        "uri": f"urn:newsroom:photo:{photo.uid}",
        "type": "picture",
        "headlines": [{"role": "main", "value": caption}] if caption else [],
        "descriptions": [{"role": "caption", "contenttype": "text/plain", "value": caption}]
        if caption
        else [],
        "renditions": [
            {
                "name": "original",
                "href": base_url + photo.image.url,
                "contenttype": _content_type(photo.image.name),
                "width": photo.width,
                "height": photo.height,
            }
        ],
    }
    if photo.credit_id:
        picture["by"] = localized_text(photo.credit, "name", language)
    return {key: value for key, value in picture.items() if value not in (None, "", [])}


def _content_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "webp": "image/webp",
        "gif": "image/gif",
    }.get(extension, "application/octet-stream")


def default_base_url() -> str:
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h not in ("*", "localhost", "127.0.0.1", "[::1]")), "localhost"
    )
    return f"https://{host.lstrip('.')}"
