"""
The search's entry points, ``search()`` for readers and ``matching_any_language()``
for the editors, and the ranking that chooses how each query is read from the index.

Search that understands Vietnamese: diacritic-insensitive ("to lam" finds
"Tô Lâm", "dang" finds "Đảng"), ranked (title above lead above body, then
newest), per language, and always starting from ``published()``.

Each database matches its own way (``backends.postgres``: full-text search
and trigrams; ``backends.sqlite``: FTS5). Both read the query the same way
(``query.parse_query``) and highlight the same way (``highlight.highlight``,
in Python, with the text's diacritics intact).
"""

from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.db.models import QuerySet

from articles.models import Article
from newsroom.languages import LANGUAGE_CODES, check_language

from .backends import postgres, sqlite
from .query import ParsedQuery, parse_query

#: Results listed at most; and, for words too common to rank every match, how many of the newest are ranked.
MAX_RESULTS = 1000
RANKED = 1000
#: A query is common when at least this share of the SAMPLE newest articles match it.
SAMPLE = 1000
DENSE = 0.2


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
        matches, rank = postgres.similar_titles(queryset, query, language)
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
        return postgres.matching(queryset, query, language)
    return sqlite.matching(queryset, query, language)
