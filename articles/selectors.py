"""Reads that span models or need the reader's language. Every list starts from ``published()``."""

from dataclasses import dataclass, field
from itertools import zip_longest

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, When, Window
from django.db.models.functions import RowNumber
from django.utils.safestring import SafeString, mark_safe

from categories.models import Category
from media.models import Photo
from newsroom.languages import LANGUAGE_CODES, localized_text
from newsroom.richtext import split_blocks

from . import reads
from .models import Article, ArticlePhoto, Format


@dataclass(frozen=True)
class BodyBlock:
    """One piece of an article page's body: a block of text, or a photo."""

    html: SafeString | None = None
    photo: Photo | None = None


@dataclass
class Section:
    """A top-level section on the home page with its newest articles."""

    category: Category
    articles: list[Article] = field(default_factory=list)


@dataclass
class HomePage:
    focus: list[Article]
    sections: list[Section]
    videos: list[Article]
    photo_stories: list[Article]
    most_read: list[Article]


def focus_articles(*, language: str, limit: int = 5) -> list[Article]:
    """Featured articles, newest first: the Focus block."""
    articles = Article.objects.published(language).filter(featured=True)
    return list(articles.with_card_data().newest_first(language)[:limit])


def format_articles(*, language: str, format: str, limit: int = 4) -> list[Article]:
    """The newest articles of one format (Video, Photo...)."""
    articles = Article.objects.published(language).filter(format=format)
    return list(articles.with_card_data().newest_first(language)[:limit])


def latest_by_section(*, language: str, per_section: int = 4) -> list[Section]:
    """
    Each top-level section of the menu with its newest articles, those of
    every section inside it included (``Category.objects.subtree``): one
    query for all sections' articles, whatever their number.
    """
    sections = list(Category.objects.in_menu().top_level())
    if not sections:
        return []
    subtrees = Category.objects.subtree_ids(sections)
    section_of = Case(
        *(When(category_id__in=subtrees[s.pk], then=s.pk) for s in sections), output_field=IntegerField()
    )
    rows = (
        Article.objects.published(language)
        .annotate(section=section_of)
        .filter(section__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section"),
                order_by=[F(f"published_at_{language}").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .with_card_data()
        .order_by("section", "rank")
    )
    by_section = {s.pk: Section(s) for s in sections}
    for article in rows:
        by_section[article.section].articles.append(article)
    return [section for section in by_section.values() if section.articles]


def home_page(*, language: str) -> HomePage:
    """Everything the home page shows, in a fixed number of queries."""
    return HomePage(
        focus=focus_articles(language=language),
        sections=latest_by_section(language=language),
        videos=format_articles(language=language, format=Format.VIDEO),
        photo_stories=format_articles(language=language, format=Format.PHOTO),
        most_read=reads.most_read(language=language),
    )


def related_articles(article: Article, *, language: str, tag_ids: list[int], limit: int = 5) -> list[Article]:
    """Articles sharing the most tags first, then the same section; never itself or another language's."""
    shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
    return list(
        Article.objects.published(language)
        .exclude(pk=article.pk)
        .annotate(shared=shared)
        .filter(Q(shared__gt=0) | Q(category_id=article.category_id))
        .with_card_data()
        .order_by("-shared", f"-published_at_{language}", "-pk")[:limit]
    )


def article_photos(article: Article) -> list[ArticlePhoto]:
    """The article's photos in order, with credits and renditions: two queries."""
    return list(
        article.article_photos.select_related("photo", "photo__credit").prefetch_related(
            Prefetch("photo__renditions")
        )
    )


def article_body(article: Article, *, language: str, photos: list[ArticlePhoto]) -> list[BodyBlock]:
    """
    The body of one language version with each photo after its paragraph.
    Photos without a paragraph, or past the last one, close the body.
    """
    blocks = split_blocks(localized_text(article, "body", language))
    placed = _placed_photos(article, photos, len(blocks))
    result = [BodyBlock(photo=photo) for photo in placed.get(0, [])]
    for number, block in enumerate(blocks, start=1):
        # Sanitised on every save: safe to show as HTML.
        result.append(BodyBlock(html=mark_safe(block)))
        result.extend(BodyBlock(photo=photo) for photo in placed.get(number, []))
    return result


def _placed_photos(article: Article, photos: list[ArticlePhoto], paragraphs: int) -> dict[int, list[Photo]]:
    placed: dict[int, list[Photo]] = {}
    for item in photos:
        if item.photo_id == article.hero_photo_id or not item.photo.image:
            continue
        at = item.paragraph if item.paragraph is not None else paragraphs
        placed.setdefault(min(at, paragraphs), []).append(item.photo)
    return placed


@dataclass(frozen=True)
class Pair:
    """One row of the bilingual view: the same piece in both languages."""

    anchor: str
    kind: str  # "title", "lead", "block", "photo"
    texts: dict[str, SafeString | str]  # language -> text (blocks as HTML)
    photo: Photo | None = None


def bilingual_pairs(
    article: Article, *, languages: tuple[str, str], photos: list[ArticlePhoto]
) -> list[Pair]:
    """
    The two versions side by side: title, lead, then each body block paired
    with its counterpart, photos (with both captions) where the body places
    them. Anchors (p1, p2...) number the body blocks, so a link can open both
    languages at one paragraph.
    """
    first, second = languages
    pairs = [
        Pair("title", "title", {code: localized_text(article, "title", code) for code in languages}),
        Pair("lead", "lead", {code: localized_text(article, "lead", code) for code in languages}),
    ]
    if article.hero_photo_id and article.hero_photo.image:
        pairs.append(_photo_pair("photo-0", article.hero_photo, languages))
    bodies = {code: split_blocks(localized_text(article, "body", code)) for code in languages}
    placed = _placed_photos(article, photos, max(len(b) for b in bodies.values()))
    for photo in placed.get(0, []):
        pairs.append(_photo_pair(f"photo-{photo.pk}", photo, languages))
    for number, (left, right) in enumerate(zip_longest(bodies[first], bodies[second], fillvalue=""), start=1):
        pairs.append(Pair(f"p{number}", "block", {first: mark_safe(left), second: mark_safe(right)}))
        for photo in placed.get(number, []):
            pairs.append(_photo_pair(f"photo-{photo.pk}", photo, languages))
    return pairs


def _photo_pair(anchor: str, photo: Photo, languages) -> Pair:
    return Pair(anchor, "photo", {code: localized_text(photo, "caption", code) for code in languages}, photo)


def published_elsewhere(slug: str, *, language: str) -> tuple[Article, str] | None:
    """
    The article a slug names in another language, when that version is
    published: for the page saying "not in this language, read it in that one".
    """
    for other in LANGUAGE_CODES:
        if other == language:
            continue
        published = Article.objects.published(other).select_related("category")
        article = (
            published.filter(**{f"slug_{other}": slug}).first()
            or published.filter(slug_redirects__language=other, slug_redirects__slug=slug).first()
        )
        if article:
            return article, other
    return None
