"""
SQLite's matching: FTS5 tables per language over the same folded text, kept by
triggers (see ``search.index``) that fold with ``sqlite_fold``, ranked by bm25.
"""

from django.db.models import FloatField, QuerySet
from django.db.models.expressions import RawSQL

from newsroom.richtext import html_to_text

from ..query import ParsedQuery, normalise


def _fts_match(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression of the parsed words, each quoted: nothing the reader typed is syntax."""
    parts = [f'"{word}"' for word in query.terms] + ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    expression = " AND ".join(parts)
    for word in query.excluded:
        expression += f' NOT "{word}"'
    return expression


def matching(queryset: QuerySet, query: ParsedQuery, language: str):
    """(the matching articles, an expression ranking them: higher is better)."""
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
