"""Reads that span models or need the reader's language. Every list starts from ``published()``."""

from dataclasses import dataclass, field
from itertools import zip_longest

from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.utils.safestring import SafeString, mark_safe

from categories.models import Category
from media.models import Photo
from newsroom import pagecache
from newsroom.languages import LANGUAGE_CODES, localized, localized_text
from newsroom.richtext import split_blocks

from . import reads
from .models import Article, ArticlePhoto, Format, TaggedArticle


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
    return list(_focus(language).with_card_data()[:limit])


def format_articles(*, language: str, format: str, limit: int = 4) -> list[Article]:
    """The newest articles of one format (Video, Photo...)."""
    return list(_of_format(language, format).with_card_data()[:limit])


def latest_by_section(*, language: str, per_section: int = 4) -> list[Section]:
    """
    Each top-level section of the menu with its newest articles, those of
    every section inside it included (``Category.objects.subtree``).
    """
    blocks = _section_blocks(language, per_section)
    return _sections(blocks, _newest_ids(blocks.queries), language, per_section)


def home_page(*, language: str) -> HomePage:
    """
    Everything the home page shows, in a fixed number of queries whatever the
    archive's size: the newest ids of every block in one query (each part
    an ordered index scan with a limit), then the cards of all of them.
    """
    sections = _section_blocks(language, HOME_PER_SECTION)
    queries = {
        "focus": _focus(language)[:HOME_FOCUS],
        "videos": _of_format(language, Format.VIDEO)[:HOME_STRIP],
        "photo_stories": _of_format(language, Format.PHOTO)[:HOME_STRIP],
        **sections.queries,
    }
    ids = _newest_ids(queries)
    cards = _card_rows({pk for block in ids.values() for pk in block})
    in_order = {key: _newest(cards, block, language) for key, block in ids.items()}
    return HomePage(
        focus=in_order["focus"],
        sections=_sections(sections, ids, language, HOME_PER_SECTION, cards=cards),
        videos=in_order["videos"],
        photo_stories=in_order["photo_stories"],
        most_read=pagecache.fragment("most-read-home", lambda: reads.most_read(language=language)),
    )


def related_articles(article: Article, *, language: str, tag_ids: list[int], limit: int = 5) -> list[Article]:
    """
    Articles sharing the most tags first, then the same section; never itself
    or another language's. Ranked among the newest that share a tag and the
    newest of the section (``RELATED_CANDIDATES`` each), so the cost stays
    the same however large the archive.
    """
    published = Article.objects.published(language).exclude(pk=article.pk)
    queries = {"section": published.filter(category_id=article.category_id).newest_first(language)}
    if tag_ids:
        queries["tags"] = published.filter(
            pk__in=TaggedArticle.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        ).newest_first(language)
    ids = _newest_ids({key: query[:RELATED_CANDIDATES] for key, query in queries.items()})
    candidates = {pk for block in ids.values() for pk in block}
    shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
    return list(
        Article.objects.filter(pk__in=candidates)
        .without_bodies()
        .select_related("category")
        .annotate(shared=shared)
        .order_by("-shared", f"-published_at_{language}", "-pk")[:limit]
    )


HOME_FOCUS = 5
HOME_STRIP = 4
HOME_PER_SECTION = 4
RELATED_CANDIDATES = 40


def _focus(language: str):
    return Article.objects.published(language).filter(featured=True).newest_first(language)


def _of_format(language: str, format: str):
    return Article.objects.published(language).filter(format=format).newest_first(language)


@dataclass
class _SectionBlocks:
    sections: list[Category]
    subtrees: dict[int, set[int]]
    queries: dict[tuple[int, int], object]


def _section_blocks(language: str, per_section: int) -> _SectionBlocks:
    """
    The menu's top-level sections and, for each section inside each, its
    newest ``per_section`` articles as a query of their own: one ordered
    index scan (``article_section_<lang>_idx``) each, a fixed number of rows.
    """
    sections = list(Category.objects.in_menu().top_level())
    subtrees = Category.objects.subtree_ids(sections) if sections else {}
    published = Article.objects.published(language).newest_first(language)
    queries = {
        (section.pk, category): published.filter(category_id=category)[:per_section]
        for section in sections
        for category in sorted(subtrees[section.pk])
    }
    return _SectionBlocks(sections, subtrees, queries)


def _sections(blocks, ids, language, per_section, *, cards=None) -> list[Section]:
    if cards is None:
        cards = _card_rows({pk for key in blocks.queries for pk in ids[key]})
    result = []
    for section in blocks.sections:
        found = [pk for key in blocks.queries if key[0] == section.pk for pk in ids[key]]
        if articles := _newest(cards, found, language)[:per_section]:
            result.append(Section(section, articles))
    return result


def _newest_ids(queries: dict) -> dict:
    """
    The ids each of several limited, ordered article queries finds, in one
    round trip: ``UNION ALL`` of the queries, each in a sub-select of its own
    (SQLite takes no LIMIT in a compound statement's parts otherwise).
    """
    ids = {key: [] for key in queries}
    if not queries:
        return ids
    keys = list(queries)
    parts, params = [], []
    for number, key in enumerate(keys):
        sql, part_params = queries[key].values_list("pk").query.sql_with_params()
        parts.append(f"SELECT {number} AS part, ids{number}.* FROM ({sql}) ids{number}")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, pk in cursor.fetchall():
            ids[keys[number]].append(pk)
    return ids


def _card_rows(ids) -> dict[int, Article]:
    """Teasers by id, with their sections, photos and renditions: two queries."""
    if not ids:
        return {}
    return Article.objects.filter(pk__in=ids).with_card_data().in_bulk()


def _newest(cards: dict[int, Article], ids, language: str) -> list[Article]:
    found = [cards[pk] for pk in dict.fromkeys(ids) if pk in cards]
    return sorted(found, key=lambda a: (localized(a, "published_at", language), a.pk), reverse=True)


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
