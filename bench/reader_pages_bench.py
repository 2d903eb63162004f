"""
Reader's pages at archive scale: for each public page type, the number of SQL
queries of an uncached render, the server time (median of several renders)
and, on PostgreSQL, the slowest query's execution time from
``EXPLAIN (ANALYZE, BUFFERS)``, with a warning for any sort that spills to disk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_scale \\
        .venv/bin/python bench/reader_pages_bench.py

Fill the database first (``load_demo``, then ``generate_content --articles 100000``).
``--explain`` prints each query's plan; ``--runs`` sets how many renders are timed.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pages(language: str) -> list[tuple[str, str]]:
    from django.db.models import Count
    from django.utils import translation

    from articles.models import Article, Format, Tag
    from categories.models import Category

    with translation.override(language):
        published = Article.objects.published(language)
        both = published.in_every_language().filter(tagged_items__isnull=False)
        article = both.newest_first(language).first()
        tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
        section = (
            Category.objects.in_menu()
            .top_level()
            .annotate(n=Count("children"))
            .order_by("-n", "menu_order")
            .first()
        )
        from django.urls import reverse

        section_url = section.url_in(language)
        return [
            ("home", f"/{language}/"),
            ("section", section_url),
            ("section page 2", section_url + "?page=2"),
            ("section page 50", section_url + "?page=50"),
            ("article", article.url_in(language)),
            ("bilingual", article.url_in(language) + "bilingual/"),
            ("tag", tag.get_absolute_url()),
            ("format listing", reverse(f"articles:format-{Format.VIDEO}")),
            ("feed", reverse("articles:feed")),
            ("section feed", reverse("articles:category-feed", kwargs={"category": section.slug})),
        ]


def explain(sql: str) -> tuple[float, bool, str]:
    """Execution time in ms, whether a sort went to disk, and the plan."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    ms = float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))
    return ms, "external" in plan or "Disk:" in plan, plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--language", default="vi")
    parser.add_argument("--explain", action="store_true", help="print every query's plan")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    os.environ["NEWSROOM_PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    client = Client(
        HTTP_HOST="localhost", HTTP_USER_AGENT="reader-pages-bench-bot"
    )  # a robot: no read counted
    on_postgres = connection.vendor == "postgresql"
    print(f"{Article.objects.count()} articles on {connection.vendor}, {args.runs} renders a page")
    print(f"{'page':18} {'queries':>7} {'median ms':>10} {'slowest query ms':>17}")
    for label, url in pages(args.language):
        response = client.get(url)  # the first render may make renditions
        if response.status_code == 404:
            print(f"{label:18} (no such page with this many articles)")
            continue
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        slowest, spilled = "", ""
        if on_postgres:
            selects = [q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
            plans = [explain(q["sql"]) for q in selects]
            worst = max(plans, key=lambda p: p[0]) if plans else (0.0, False, "")
            slowest = f"{worst[0]:.2f}"
            spilled = "  SORT ON DISK" if any(p[1] for p in plans) else ""
            if args.explain:
                for (ms, _disk, plan), query in zip(plans, selects, strict=True):
                    print(f"--- {ms:.2f} ms\n{query['sql'][:600]}\n{plan}\n")
        count, median = len(captured.captured_queries), statistics.median(times)
        print(f"{label:18} {count:>7} {median:>10.1f} {slowest:>17}{spilled}")


if __name__ == "__main__":
    main()
