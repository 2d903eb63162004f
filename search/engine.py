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
import functools
import html
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.db import connection, transaction
from django.db.models import F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from newsroom.languages import LANGUAGE_CODES, check_language, localized_text
from newsroom.richtext import html_to_text
from newsroom.text import fold

MAX_QUERY = 200
#: Results listed at most; and, for words too common to rank every match, how many of the newest are ranked.
MAX_RESULTS = 1000
RANKED = 1000
#: A query is common when at least this share of the SAMPLE newest articles match it.
SAMPLE = 1000
DENSE = 0.2
#: How much of a body the snippet is looked for in.
SNIPPET_SOURCE = 6000
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


@dataclass
class SearchResults:
    query: ParsedQuery
    ids: list[int]  # best first, at most MAX_RESULTS
    typo: bool = False  # found by typo-tolerant matching
    capped: bool = False  # so common that only the newest RANKED matches were ranked


def search(raw: str | None, *, language: str, within: QuerySet | None = None) -> SearchResults:
    """
    Published articles of one language matching the query, best first;
    ``within`` narrows them (a section, dates), and is itself from ``published()``.
    """
    check_language(language)
    query = parse_query(raw)
    published = within if within is not None else Article.objects.published(language)
    if query.empty:
        return SearchResults(query, [])
    if language == "vi" and 2 <= len(query.terms) <= 3 and all(len(t) <= 7 for t in query.terms):
        # Two or three syllables typed together are most likely one Vietnamese
        # word ("to lam", "dang cong san"): match them side by side first.
        together = replace(query, terms=[], phrases=[query.terms, *query.phrases])
        ids, capped = _ranked(published, together, language)
        if ids:
            return SearchResults(query, ids, capped=capped)
    ids, capped = _ranked(published, query, language)
    # A quoted phrase asks for those words exactly: no near misses then.
    if not ids and connection.vendor == "postgresql" and not query.phrases:
        ids, capped = _ranked(published, query, language, similar=True)
        return SearchResults(query, ids, typo=bool(ids), capped=capped)
    return SearchResults(query, ids, capped=capped)


def matching_any_language(raw: str, queryset: QuerySet) -> QuerySet:
    """Articles whose text in either language matches (the editors' admin search: every status)."""
    query = parse_query(raw)
    if query.empty:
        return queryset.none()
    ids = set()
    for code in LANGUAGE_CODES:
        matches, _rank = _matching(Article.objects.all(), query, code)
        ids.update(matches.values_list("pk", flat=True))
    return queryset.filter(pk__in=ids)


def _ranked(queryset: QuerySet, query: ParsedQuery, language: str, *, similar: bool = False):
    """(the ids of the best matches, whether the query was too common to rank every match)."""
    if similar:
        matches, rank = _similar_titles(queryset, query, language)
    else:
        matches, rank = _matching(queryset, query, language)
    ranked = matches.annotate(rank=rank).order_by("-rank", f"-published_at_{language}", "-pk")
    if connection.vendor != "postgresql" or similar:
        return list(ranked.values_list("pk", flat=True)[:MAX_RESULTS]), False
    # PostgreSQL guesses a text query's matches badly (hundreds where there
    # are tens of thousands, or the reverse), so the plan is chosen here,
    # always through an index. Ranking every match costs in proportion to
    # their number: right for most queries. A word in most of the archive
    # ("hợp tác") instead has its newest RANKED matches read along the date
    # index, which costs in proportion to RANKED divided by how densely the
    # newest articles match.
    with _planner(enable_seqscan="off"):
        if not _more_than(matches, RANKED) or not _dense(queryset, matches, language):
            return list(ranked.values_list("pk", flat=True)[:MAX_RESULTS]), False
        with _planner(enable_bitmapscan="off"):
            by_date = matches.annotate(rank=rank).order_by(f"-published_at_{language}")  # the index's order
            rows = list(by_date.values_list("pk", "rank")[:RANKED])
    rows.sort(key=lambda row: -row[1])  # stable: equal ranks stay newest first
    return [pk for pk, _rank in rows[:MAX_RESULTS]], True


def _dense(published: QuerySet, matches: QuerySet, language: str) -> bool:
    """Whether at least DENSE of the SAMPLE newest articles match: a few milliseconds."""
    newest = published.order_by(f"-published_at_{language}").values("pk")[:SAMPLE]
    with _planner(enable_bitmapscan="off"):  # test those rows; never walk the word index for them
        return matches.filter(pk__in=newest).count() >= DENSE * SAMPLE


@contextmanager
def _planner(**settings):
    """PostgreSQL planner settings for the queries inside, put back afterwards."""
    with transaction.atomic(), connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"SET LOCAL {name} = {value}")
        try:
            yield
        finally:
            for name in settings:
                cursor.execute(f"SET LOCAL {name} = DEFAULT")


def _more_than(matches: QuerySet, count: int) -> bool:
    # Stops reading at count + 1 matches, however many there are (unordered:
    # the model's default ordering would make it read and sort every match).
    return len(matches.order_by().values_list("pk", flat=True)[: count + 1]) > count


def _matching(queryset: QuerySet, query: ParsedQuery, language: str):
    """(the matching articles, an expression ranking them: higher is better)."""
    if connection.vendor == "postgresql":
        return _postgres(queryset, query, language)
    return _sqlite(queryset, query, language)


# PostgreSQL


def _postgres(queryset: QuerySet, query: ParsedQuery, language: str):
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
    weights = [0.05, 0.1, 0.4, 1.0]  # D, C, B, A: body (C) < lead (B) < title (A)
    rank = SearchRank(vector, wanted, weights=weights)
    if query.terms and len(query.words) > 1:
        # Words typed next to each other count more where they stand next to each
        # other: "dang cong san" is one word of three syllables.
        together = SearchQuery(" ".join(query.words), config=config, search_type="phrase")
        rank = rank + 2 * SearchRank(vector, together, weights=weights)
    return queryset.filter(**{f"search_{language}": wanted}), rank


def _similar_titles(queryset: QuerySet, query: ParsedQuery, language: str):
    """Titles close to the query despite a typo ("to lamm"), by trigram similarity of the folded text."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    folded = Func(F(f"title_{language}"), function="newsroom_fold")
    typed = " ".join(query.words)
    matches = queryset.annotate(folded_title=folded).filter(folded_title__trigram_word_similar=typed)
    return matches, TrigramWordSimilarity(typed, folded)


# SQLite


def _fts_match(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression of the parsed words, each quoted: nothing the reader typed is syntax."""
    parts = [f'"{word}"' for word in query.terms] + ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    expression = " AND ".join(parts)
    for word in query.excluded:
        expression += f' NOT "{word}"'
    return expression


def _sqlite(queryset: QuerySet, query: ParsedQuery, language: str):
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
    return queryset.filter(pk__in=ids), rank


def sqlite_fold(value: str | None) -> str:
    """The SQLite function ``newsroom_fold``: plain text of any field, folded for the FTS5 index."""
    return normalise(html_to_text(value)) if value else ""


# Highlighting and suggestions


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return normalise(char) or " "


def _folded_with_positions(text: str) -> tuple[str, "list[int] | range"]:
    """The folded text and, for each of its characters, where it came from in ``text``."""
    whole = normalise(text)
    if len(whole) == len(text):  # every letter folded to one: positions are unchanged
        return whole, range(len(text))
    folded, positions = [], []
    for index, char in enumerate(text):
        pieces = _fold_char(char)
        folded.append(pieces)
        positions.extend([index] * len(pieces))
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
    body = localized_text(article, "body", language)[:SNIPPET_SOURCE]
    for text in (localized_text(article, "lead", language), html_to_text(body)):
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
    typed = " ".join(re.findall(r"\w+", query.text))
    windows = []
    for article in articles:
        for text in (localized_text(article, "title", language), localized_text(article, "lead", language)):
            words = re.findall(r"\w+", text)
            folded = [normalise(word) for word in words]
            for start in range(len(words) - len(wanted) + 1):
                windows.append((words[start : start + len(wanted)], folded[start : start + len(wanted)]))
    # The same words, with the diacritics the reader left out: no fuzzy matching needed.
    for words, folded in windows:
        if folded == wanted:
            best = " ".join(words)
            return "" if best.casefold() == typed.casefold() else best
    if not typo:
        return ""
    best, best_score = "", 0.0
    for words, folded in windows:
        score = sum(difflib.SequenceMatcher(None, a, b).ratio() for a, b in zip(folded, wanted, strict=True))
        score /= len(wanted)
        if score > best_score:
            best, best_score = " ".join(words), score
    return best if best_score >= 0.75 and best.casefold() != typed.casefold() else ""
