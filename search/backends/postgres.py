"""
PostgreSQL's matching: full-text search, and trigram similarity for typos.

A tsvector per language (title weight A, lead B, body C) kept by a trigger over
text search configurations that unaccent (``newsroom_vi``: no stemming;
``newsroom_en``: English stemming), GIN-indexed; typos are caught by trigram
similarity on the folded titles.
"""

from django.db.models import F, Func, QuerySet

from ..query import ParsedQuery


def matching(queryset: QuerySet, query: ParsedQuery, language: str):
    """(the matching articles, an expression ranking them: higher is better)."""
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


def similar_titles(queryset: QuerySet, query: ParsedQuery, language: str):
    """Titles close to the query despite a typo ("to lamm"), by trigram similarity of the folded text."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    folded = Func(F(f"title_{language}"), function="newsroom_fold")
    typed = " ".join(query.words)
    matches = queryset.annotate(folded_title=folded).filter(folded_title__trigram_word_similar=typed)
    return matches, TrigramWordSimilarity(typed, folded)
