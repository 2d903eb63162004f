"""Reads that span models or need the reader's language."""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from media.models import Photo
from newsroom.languages import localized_text

from .models import Article, ArticlePhoto
from .richtext import split_blocks


@dataclass(frozen=True)
class BodyBlock:
    """One piece of an article page's body: a block of text, or a photo."""

    html: SafeString | None = None
    photo: Photo | None = None


def article_photos(article: Article) -> list[ArticlePhoto]:
    """The article's photos in order, with their credits: one query."""
    return list(article.article_photos.select_related("photo", "photo__credit"))


def article_body(article: Article, *, language: str, photos: list[ArticlePhoto]) -> list[BodyBlock]:
    """
    The body of one language version with each photo after its paragraph.
    Photos without a paragraph, or past the last one, close the body.
    """
    blocks = split_blocks(localized_text(article, "body", language))
    placed: dict[int, list[Photo]] = {}
    for item in photos:
        if item.photo_id == article.hero_photo_id:
            continue
        at = item.paragraph if item.paragraph is not None else len(blocks)
        placed.setdefault(min(at, len(blocks)), []).append(item.photo)
    result = [BodyBlock(photo=photo) for photo in placed.get(0, [])]
    for number, block in enumerate(blocks, start=1):
        # Sanitised on every save: safe to show as HTML.
        result.append(BodyBlock(html=mark_safe(block)))
        result.extend(BodyBlock(photo=photo) for photo in placed.get(number, []))
    return result
