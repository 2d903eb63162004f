"""
The reader's search, diacritic-insensitive in both languages: PostgreSQL
full-text search with a SQLite FTS5 fallback, highlighting and suggestions.
"""
