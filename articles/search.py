"""
Search that understands Vietnamese: diacritic-insensitive ("to lam" finds
"Tô Lâm", "dang" finds "Đảng"), ranked (title above lead above body, then
newest), per language, and always starting from ``published()``.

PostgreSQL: a tsvector per language (title weight A, lead B, body C) kept by
a trigger over text search configurations that unaccent (``newsroom_vi``:
no stemming; ``newsroom_en``: English stemming), GIN-indexed; typos are
caught by trigram similarity on the folded titles. SQLite: FTS5 tables per
language over the same folded text, kept by triggers too, ranked by bm25.
Both read the query the same way (``parse_query``) and highlight the same
way (``highlight``, in Python, with the text's diacritics intact).
"""

import difflib
import html
import re
import unicodedata
from dataclasses import dataclass, field, replace

from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

from newsroom.languages import LANGUAGE_CODES, check_language, localized_text
from newsroom.text import fold

from .models import Article
from .richtext import html_to_text

MAX_QUERY = 200
_QUOTED = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"-?\w+", re.UNICODE)
_ENGLISH_SUFFIXES = (
    "ations",
    "ation",
    "ings",
    "ing",
    "ions",
    "ion",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
    "e",
)


@dataclass
class ParsedQuery:
    """What a reader typed, cleaned: words and quoted phrases folded to plain letters."""

    text: str  # as typed, at most MAX_QUERY characters
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    shortened: bool = False

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases)

    @property
    def words(self) -> list[str]:
        """Every word to find, phrase words included."""
        return self.terms + [word for phrase in self.phrases for word in phrase]


def normalise(text: str) -> str:
    """Lower-case, no diacritics, đ as d: the form both index and query are compared in."""
    return fold(text).lower()


def parse_query(raw: str | None) -> ParsedQuery:
    """
    Read a query the way readers write it: words, "quoted phrases" and
    -excluded words. Operators and punctuation are ignored, never passed on.
    """
    text = unicodedata.normalize("NFC", (raw or "").replace("\x00", " ")).strip()
    shortened = len(text) > MAX_QUERY
    text = text[:MAX_QUERY]
    parsed = ParsedQuery(text=text, shortened=shortened)
    rest = _QUOTED.sub(" ", text)
    for phrase in _QUOTED.findall(text):
        words = _WORD.findall(normalise(phrase).replace("-", " "))
        if len(words) > 1:
            parsed.phrases.append(words)
        elif words:
            parsed.terms.append(words[0])
    for word in _WORD.findall(normalise(rest.replace('"', " "))):
        if word.startswith("-"):
            if word[1:]:
                parsed.excluded.append(word[1:])
        elif word not in parsed.terms:
            parsed.terms.append(word)
    return parsed


def search(raw: str | None, *, language: str) -> tuple[ParsedQuery, QuerySet, bool]:
    """
    Published articles of one language matching the query, best first.
    Returns (the parsed query, the results, whether they come from typo-tolerant matching).
    """
    check_language(language)
    query = parse_query(raw)
    published = Article.objects.published(language)
    if query.empty:
        return query, published.none(), False
    if language == "vi" and 2 <= len(query.terms) <= 3 and all(len(t) <= 7 for t in query.terms):
        # Two or three syllables typed together are most likely one Vietnamese
        # word ("to lam", "dang cong san"): match them side by side first.
        together = replace(query, terms=[], phrases=[query.terms, *query.phrases])
        results = _matching(published, together, language)
        if results.exists():
            return query, results, False
    results = _matching(published, query, language)
    # A quoted phrase asks for those words exactly: no near misses then.
    if connection.vendor == "postgresql" and not query.phrases and not results.exists():
        return query, _similar_titles(published, query, language), True
    return query, results, False


def matching_any_language(raw: str, queryset: QuerySet) -> QuerySet:
    """Articles whose text in either language matches (the editors' admin search: every status)."""
    query = parse_query(raw)
    if query.empty:
        return queryset.none()
    ids = set()
    for code in LANGUAGE_CODES:
        ids.update(_matching(Article.objects.all(), query, code).values_list("pk", flat=True))
    return queryset.filter(pk__in=ids)


def _matching(queryset: QuerySet, query: ParsedQuery, language: str) -> QuerySet:
    if connection.vendor == "postgresql":
        return _postgres(queryset, query, language)
    return _sqlite(queryset, query, language)


# PostgreSQL


def _postgres(queryset: QuerySet, query: ParsedQuery, language: str) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    config = f"newsroom_{language}"
    wanted = None
    if query.terms:
        wanted = SearchQuery(" ".join(query.terms), config=config, search_type="plain")
    for phrase in query.phrases:
        part = SearchQuery(" ".join(phrase), config=config, search_type="phrase")
        wanted = part if wanted is None else wanted & part
    for word in query.excluded:
        wanted &= ~SearchQuery(word, config=config, search_type="plain")
    vector = F(f"search_{language}")
    # Words typed next to each other count more where they stand next to each
    # other: "dang cong san" is one word of three syllables.
    together = SearchQuery(" ".join(query.words), config=config, search_type="phrase")
    weights = [0.05, 0.1, 0.4, 1.0]  # D, C, B, A: body (C) < lead (B) < title (A)
    return (
        queryset.filter(**{f"search_{language}": wanted})
        .annotate(
            rank=SearchRank(vector, wanted, weights=weights)
            + 2 * SearchRank(vector, together, weights=weights)
        )
        .order_by("-rank", f"-published_at_{language}", "-pk")
    )


def _similar_titles(queryset: QuerySet, query: ParsedQuery, language: str) -> QuerySet:
    """Titles close to the query despite a typo ("to lamm"), by trigram similarity of the folded text."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    folded = Func(F(f"title_{language}"), function="newsroom_fold")
    typed = " ".join(query.words)
    return (
        queryset.annotate(folded_title=folded, rank=TrigramWordSimilarity(typed, folded))
        .filter(folded_title__trigram_word_similar=typed)
        .order_by("-rank", f"-published_at_{language}", "-pk")
    )


# SQLite


def _fts_match(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression of the parsed words, each quoted: nothing the reader typed is syntax."""
    parts = [f'"{word}"' for word in query.terms] + ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    expression = " AND ".join(parts)
    for word in query.excluded:
        expression += f' NOT "{word}"'
    return expression


def _sqlite(queryset: QuerySet, query: ParsedQuery, language: str) -> QuerySet:
    table = f"articles_search_{language}"
    match = _fts_match(query)
    together = '"' + " ".join(query.words) + '"'
    # bm25 is lower for better matches; column weights favour title over lead over body.
    rank = RawSQL(
        f"-(SELECT bm25({table}, 10.0, 4.0, 1.0) FROM {table} WHERE {table}.rowid = articles_article.id "
        f"AND {table} MATCH %s) + 2 * coalesce((SELECT -bm25({table}, 10.0, 4.0, 1.0) FROM {table} "
        f"WHERE {table}.rowid = articles_article.id AND {table} MATCH %s), 0)",
        [match, together],
        output_field=FloatField(),
    )
    ids = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])
    return (
        queryset.filter(pk__in=ids).annotate(rank=rank).order_by("-rank", f"-published_at_{language}", "-pk")
    )


def sqlite_fold(value: str | None) -> str:
    """The SQLite function ``newsroom_fold``: plain text of any field, folded for the FTS5 index."""
    return normalise(html_to_text(value)) if value else ""


# Highlighting and suggestions


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, where it came from in ``text``."""
    folded, positions = [], []
    for index, char in enumerate(text):
        for piece in normalise(char) or " ":
            folded.append(piece)
            positions.append(index)
    return "".join(folded), positions


def _stem(word: str) -> str:
    for suffix in _ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _spans(text: str, query: ParsedQuery, language: str) -> list[tuple[int, int]]:
    folded, positions = _folded_with_positions(text)
    spans = []
    for match in re.finditer(r"\w+", folded):
        word = match.group()
        for term in query.words:
            if word == term or (language == "en" and len(term) >= 4 and word.startswith(_stem(term))):
                spans.append((positions[match.start()], positions[match.end() - 1] + 1))
                break
    return spans


def highlight(text: str, query: ParsedQuery, *, language: str) -> SafeString:
    """The text, escaped, with each matching word (found without diacritics, shown with them) in <mark>."""
    out, last = [], 0
    for start, end in _spans(text, query, language):
        out += [html.escape(text[last:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        last = end
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))


def snippet(article: Article, query: ParsedQuery, *, language: str, words: int = 40) -> SafeString:
    """A passage of the lead or body around the first match, highlighted."""
    for text in (
        localized_text(article, "lead", language),
        html_to_text(localized_text(article, "body", language)),
    ):
        text = " ".join(text.split())
        spans = _spans(text, query, language)
        if spans:
            start = text.rfind(" ", 0, max(0, spans[0][0] - 80)) + 1
            passage = " ".join(text[start:].split()[:words])
            prefix = "… " if start else ""
            suffix = " …" if len(passage) < len(text) - start else ""
            return mark_safe(prefix + highlight(passage, query, language=language) + suffix)
    lead = localized_text(article, "lead", language)
    return highlight(" ".join(lead.split()[:words]), query, language=language)


def suggestion(query: ParsedQuery, articles: list[Article], *, language: str, typo: bool = False) -> str:
    """
    The query as the articles write it: with its diacritics ("to lam" →
    "Tô Lâm") or, when the results came from typo-tolerant matching, with its
    spelling corrected ("to lamm" → "Tô Lâm"). Empty when there is nothing better.
    """
    wanted = query.words
    if not wanted:
        return ""
    best, best_score = "", 0.0
    for article in articles:
        for text in (localized_text(article, "title", language), localized_text(article, "lead", language)):
            words = re.findall(r"\w+", text)
            folded = [normalise(word) for word in words]
            for start in range(len(words) - len(wanted) + 1):
                window = folded[start : start + len(wanted)]
                score = sum(
                    difflib.SequenceMatcher(None, a, b).ratio() for a, b in zip(window, wanted, strict=True)
                )
                score /= len(wanted)
                if score > best_score:
                    best, best_score = " ".join(words[start : start + len(wanted)]), score
    typed = " ".join(re.findall(r"\w+", query.text))
    if best_score < 0.75 or best.casefold() == typed.casefold():
        return ""
    if normalise(best) == normalise(typed):
        return best  # the same words, with the diacritics the reader left out
    return best if typo else ""
