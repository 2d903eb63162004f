"""
Search on PostgreSQL: unaccent and pg_trgm, text search configurations that
fold diacritics (unaccent maps đ to d as well), a per-language tsvector kept
by a trigger (title A, lead B, body C), GIN indexes on the vectors and a
trigram index on the folded titles. SQLite's index is kept by
articles.search_index after every migrate; the vector columns stay empty there.
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = r"""
CREATE TEXT SEARCH CONFIGURATION newsroom_vi (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION newsroom_vi
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
CREATE TEXT SEARCH CONFIGURATION newsroom_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION newsroom_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE FUNCTION newsroom_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE FUNCTION articles_article_search_vector(title text, lead text, body text, config regconfig)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(config, coalesce(title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(lead, '')), 'B')
        || setweight(to_tsvector(config, regexp_replace(regexp_replace(coalesce(body, ''),
               '<[^>]*>', ' ', 'g'), '&[#a-zA-Z0-9]+;', ' ', 'g')), 'C')
$$;

CREATE FUNCTION articles_article_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vi := articles_article_search_vector(NEW.title_vi, NEW.lead_vi, NEW.body_vi, 'newsroom_vi');
    NEW.search_en := articles_article_search_vector(NEW.title_en, NEW.lead_en, NEW.body_en, 'newsroom_en');
    RETURN NEW;
END
$$;

-- Keep the vectors in the row (compressed) rather than in a TOAST table:
-- checking phrase matches reads them, and that is then one page, not several.
ALTER TABLE articles_article ALTER COLUMN search_vi SET STORAGE MAIN, ALTER COLUMN search_en SET STORAGE MAIN;

CREATE TRIGGER articles_article_search
    BEFORE INSERT OR UPDATE OF title_vi, lead_vi, body_vi, title_en, lead_en, body_en
    ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_article_search_trigger();

UPDATE articles_article SET
    search_vi = articles_article_search_vector(title_vi, lead_vi, body_vi, 'newsroom_vi'),
    search_en = articles_article_search_vector(title_en, lead_en, body_en, 'newsroom_en');

CREATE INDEX articles_article_search_vi_gin ON articles_article USING gin (search_vi);
CREATE INDEX articles_article_search_en_gin ON articles_article USING gin (search_en);
CREATE INDEX articles_article_title_vi_trgm ON articles_article USING gin (newsroom_fold(title_vi) gin_trgm_ops);
CREATE INDEX articles_article_title_en_trgm ON articles_article USING gin (newsroom_fold(title_en) gin_trgm_ops);
"""

BACKWARD = r"""
DROP INDEX IF EXISTS articles_article_title_en_trgm;
DROP INDEX IF EXISTS articles_article_title_vi_trgm;
DROP INDEX IF EXISTS articles_article_search_en_gin;
DROP INDEX IF EXISTS articles_article_search_vi_gin;
DROP TRIGGER IF EXISTS articles_article_search ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_trigger();
DROP FUNCTION IF EXISTS articles_article_search_vector(text, text, text, regconfig);
DROP FUNCTION IF EXISTS newsroom_fold(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_en;
DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_vi;
"""


class RunOnPostgres(migrations.RunSQL):
    """Raw SQL that only PostgreSQL runs."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_daily_reads"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.AddField(
            model_name="article",
            name="search_en",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vi",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        RunOnPostgres(FORWARD, BACKWARD),
    ]
