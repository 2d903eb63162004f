"""
Keeping the search index, which both databases maintain themselves with
triggers, so that every way of writing an article (admin, imports, bulk
inserts, raw SQL) is indexed at once.

PostgreSQL's part (unaccent and pg_trgm, the text search configurations,
the trigger and the GIN indexes) is created by migration 0004. SQLite's FTS5
tables and triggers are (re)created after every ``migrate`` instead: SQLite
rebuilds a table whenever a migration alters it, and that drops its triggers.
"""

from django.db import connection

SQLITE_TABLES = {
    "vi": "unicode61 remove_diacritics 2",
    # Porter stemming for English: "congratulate" finds "congratulations".
    "en": "porter unicode61 remove_diacritics 2",
}


def _sqlite_rows(language: str, row: str) -> str:
    return (
        f"SELECT {row}.id, newsroom_fold({row}.title_{language}), newsroom_fold({row}.lead_{language}), "
        f"newsroom_fold({row}.body_{language})"
    )


def install_sqlite_index(using_connection=connection) -> None:
    """Create the FTS5 tables and the triggers that fill them, if missing; fill new tables."""
    with using_connection.cursor() as cursor:
        for language, tokenizer in SQLITE_TABLES.items():
            table = f"articles_search_{language}"
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [table])
            new = cursor.fetchone() is None
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} "
                f"USING fts5(title, lead, body, tokenize = '{tokenizer}')"
            )
            if new:
                cursor.execute(
                    f"INSERT INTO {table} (rowid, title, lead, body) "
                    f"{_sqlite_rows(language, 'articles_article')} "
                    f"FROM articles_article WHERE coalesce(title_{language}, '') <> ''"
                )
        inserts = " ".join(
            f"INSERT INTO articles_search_{code} (rowid, title, lead, body) {_sqlite_rows(code, 'new')} "
            f"WHERE coalesce(new.title_{code}, '') <> '';"
            for code in SQLITE_TABLES
        )
        deletes = " ".join(
            f"DELETE FROM articles_search_{code} WHERE rowid = old.id;" for code in SQLITE_TABLES
        )
        columns = ", ".join(f"{name}_{code}" for code in SQLITE_TABLES for name in ("title", "lead", "body"))
        triggers = {
            "insert": f"AFTER INSERT ON articles_article BEGIN {inserts} END",
            "update": f"AFTER UPDATE OF {columns} ON articles_article BEGIN {deletes} {inserts} END",
            "delete": f"AFTER DELETE ON articles_article BEGIN {deletes} END",
        }
        for name, body in triggers.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS articles_search_{name} {body}")


def rebuild_index() -> int:
    """Recompute every article's index entries (after changes made around the triggers); return the count."""
    from articles.models import Article

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE articles_article SET "
                "search_vi = articles_article_search_vector(title_vi, lead_vi, body_vi, 'newsroom_vi'), "
                "search_en = articles_article_search_vector(title_en, lead_en, body_en, 'newsroom_en')"
            )
        else:
            for language in SQLITE_TABLES:
                cursor.execute(f"DROP TABLE IF EXISTS articles_search_{language}")
            for name in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS articles_search_{name}")
            install_sqlite_index()
    return Article.objects.count()
