"""
Search benchmark on PostgreSQL: 100,000 generated published articles (half
Vietnamese-only, half English-only), then 20 realistic queries through the
real search view, printing p50/p95 latency, the index sizes and the plan of
the main query.

    .venv/bin/python bench/search_bench.py [--articles 100000] [--keep]

PostgreSQL is reached at $BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres);
a throwaway database is created (and dropped unless --keep).
"""

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("vi", "Đà Nẵng"),
    ("vi", "da nang"),
    ("vi", "hợp tác"),
    ("vi", "nguyen van an"),
    ("vi", "Nguyễn Thị Mai"),
    ("vi", '"bảo tồn di sản"'),
    ("vi", "nang luong tai tao"),
    ("vi", "hoc bong sinh vien nhat ban"),
    ("vi", "Quảng Trị rà phá bom mìn"),
    ("vi", "dai su quan cu ba"),
    ("vi", "thanh pho ket nghia han quoc"),
    ("vi", "bien doi khi hau ca mau"),
    ("vi", "chuyen doi soo"),
    ("en", "cooperation agreement"),
    ("en", "scholarships Japan"),
    ("en", '"mine clearance"'),
    ("en", "fishermen Quang Ngai"),
    ("en", "Nguyen Van An"),
    ("en", "renewable enrgy"),
    ("en", "Da Nang sister city"),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="Timed runs of each query (after one warm-up).")
    parser.add_argument(
        "--keep", action="store_true", help="Keep the database (to run again without generating)."
    )
    args = parser.parse_args()
    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = "bench_search"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY="benchmark-only",
        SECURE_COOKIES="0",
        ALLOWED_HOSTS="localhost",
        LOG_LEVEL="ERROR",
        DATABASE_URL=admin_url.rsplit("/", 1)[0] + f"/{name}",
    )
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f"CREATE DATABASE {name}")
    static_root = tempfile.mkdtemp(prefix="newsroom-bench-static-")
    atexit.register(shutil.rmtree, static_root, ignore_errors=True)
    os.environ["STATIC_ROOT"] = static_root
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from demo.generate import create_generated_articles
    from search.engine import search

    have = Article.objects.count()
    if have < args.articles:
        started = time.perf_counter()
        create_generated_articles(args.articles - have, seed=have, bilingual_share=0.0)
        print(f"generated {args.articles - have} articles in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")

    client = Client(HTTP_HOST="localhost")
    timings, rows = [], []
    for language, query in QUERIES:
        url = f"/{language}/search/"
        client.get(url, {"q": query})  # warm-up
        runs = []
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(url, {"q": query})
            runs.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        results = search(query, language=language)
        count = f"{len(results.ids)}{'+' if results.capped else ''}"
        rows.append((language, query, count, results.typo, statistics.median(runs)))
        timings += runs
    print(f"\n{'lang':4} {'query':38} {'results':>8} {'typo':>5} {'median ms':>10}")
    for language, query, count, typo, median in rows:
        print(f"{language:4} {query:38} {count:>8} {'yes' if typo else '':>5} {median:>10.1f}")
    quantiles = statistics.quantiles(timings, n=100)
    p50, p95 = quantiles[49], quantiles[94]
    print(f"\n{len(timings)} requests through the search view: p50 {p50:.1f} ms, p95 {p95:.1f} ms")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, pg_size_pretty(pg_relation_size(oid)) FROM pg_class "
            "WHERE relname LIKE 'articles_article_%%gin' OR relname LIKE 'articles_article_%%trgm' "
            "ORDER BY relname"
        )
        print("\nindexes:", ", ".join(f"{name} {size}" for name, size in cursor.fetchall()))
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('articles_article'))")
        print("articles table with indexes:", cursor.fetchone()[0])

    from search.engine import RANKED, _matching, _planner
    from search.query import parse_query

    matches, rank = _matching(Article.objects.published("vi"), parse_query('"da nang"'), "vi")
    ranked = matches.annotate(rank=rank).order_by("-rank", "-published_at_vi", "-pk").values("pk")[:1000]
    print("\nEXPLAIN ANALYZE, a place name, “da nang”: every match ranked, through the GIN index")
    print(ranked.explain(analyze=True))
    matches, rank = _matching(Article.objects.published("vi"), parse_query('"hop tac"'), "vi")
    newest = matches.annotate(rank=rank).order_by("-published_at_vi").values("pk", "rank")[:RANKED]
    print(f"\nEXPLAIN ANALYZE, a common word, “hop tac”: its newest {RANKED} matches, along the date index")
    with _planner(enable_seqscan="off", enable_bitmapscan="off"):
        print(newest.explain(analyze=True))
    if not args.keep:
        connection.close()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name}")


if __name__ == "__main__":
    main()
