"""
Read API benchmark: the list endpoint (and one version in full) under load, on
PostgreSQL with Redis, against the ceiling the site benchmark uses.

    .venv/bin/python bench/api_bench.py                       # 1,000 generated articles
    .venv/bin/python bench/api_bench.py --sizes 1000,100000 --keep-db --duration 5

The database is the site benchmark's ``bench_site_<size>`` (made, or reused with
--keep-db, the same way: ``bench/site_bench.py``). Then, one server at a time
under gunicorn with production settings and 3 sync workers:

- the ceiling: the bare Django project in ``bench/reference/`` rendering a ~60 KB
  template (no database, no middleware), measured before and after the API;
- the API with the page cache off (every request builds its answer) and on (an
  answer kept under the content's generation), anonymous requests with the
  request limit counted in Redis as in production (its rate raised out of the way).

Each address is loaded with wrk (``-t2``, each --connections count, after a warm-up).
In-process, the queries of each address (its second request, page cache off), and
the time to serialise one page of 20 with DRF's serializers beside building the same
dicts by hand: the most any other serialisation library could save.

Nothing is installed: missing tools are named and the run stops (exit status 2).
"""

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_bench  # this folder, beside this script

ROOT = site_bench.ROOT
VENV_BIN = site_bench.VENV_BIN

#: Addresses loaded; {pk} is a version published in both languages.
ADDRESSES = {
    "list-vi": "/api/v1/vi/articles/",
    "list-en": "/api/v1/en/articles/",
    "list-100": "/api/v1/vi/articles/?page_size=100",
    "list-section": None,  # the first top-level section's, found in the database
    "item": "/api/v1/vi/articles/{pk}/",
    "ninjs": "/api/v1/vi/articles/{pk}/ninjs/",
    "search": "/api/v1/vi/search/?q=hop+tac",
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000", help="Generated articles per run (default 1000).")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of each wrk run (default 10).")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of warm-up before each (default 2).")
    parser.add_argument("--connections", default="8,32", help="wrk connection counts (default 8,32).")
    parser.add_argument("--keep-db", action="store_true", help="Reuse bench_site_<size> and keep it.")
    parser.add_argument("--skip-generate", action="store_true", help="Use the database as it is.")
    parser.add_argument("--inspect", metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inspect:
        inspect(Path(args.inspect))
        return
    site_bench.check_tools()
    connections = [int(count) for count in args.connections.split(",")]
    work = Path(tempfile.mkdtemp(prefix="newsroom-api-bench-"))
    try:
        commit = site_bench._git("rev-parse", "--short", "HEAD")
        dirty = (
            " (with uncommitted changes)"
            if site_bench._git("status", "--porcelain", "--untracked-files=no")
            else ""
        )
        print(f"commit {commit}{dirty}, {time.strftime('%Y-%m-%d %H:%M %Z')}")
        print(
            f"wrk -t2 -c{'/'.join(map(str, connections))} -d{args.duration}s after {args.warmup} s of warm-up"
        )
        for size in (int(size) for size in args.sizes.split(",")):
            bench_size(size, connections, args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _env(name: str, work: Path) -> dict:
    env = site_bench._site_env(name, work / "static", ROOT / "var" / "bench-media" / name)
    # Plain HTTP on the loopback; the anonymous limit out of the way of the load (still counted).
    return env | {"NEWSROOM_HTTPS": "0", "NEWSROOM_API_ANONYMOUS_RATE": "1000000000/min"}


def bench_size(size: int, connections: list[int], args, work: Path) -> None:
    name = f"bench_site_{size}"
    env = _env(name, work)
    site_bench._run([VENV_BIN / "python", "manage.py", "collectstatic", "--noinput", "-v0"], env)
    site_bench.prepare_database(name, size, env, args)
    print(f"\n## {size:,} generated articles ({site_bench._article_count(name):,} articles in all)")
    out = work / "inspect.json"
    site_bench._run(
        [VENV_BIN / "python", __file__, "--inspect", str(out)], env | {"NEWSROOM_PAGE_CACHE": "0"}
    )
    found = json.loads(out.read_text())
    urls = found["urls"]
    print(
        "addresses: "
        + ", ".join(f"{key} {url} ({found['bytes'][key] // 1024} KB)" for key, url in urls.items())
    )
    timing = found["serialise"]
    print(
        f"a page of 20, median of {timing['runs']}: DRF's serializers {timing['drf_ms']:.1f} ms, "
        f"the same JSON built by hand {timing['dicts_ms']:.1f} ms; "
        f"the whole request in-process {timing['request_ms']:.1f} ms"
    )
    results, ceilings = {}, []
    ceilings.append(_ceiling(env, connections, args))
    for mode, cache in (("uncached", "0"), ("cached", "1")):
        site_bench._flush_cache()
        port = site_bench._free_port()
        with site_bench.gunicorn(
            "newsroom.wsgi:application", port, env | {"NEWSROOM_PAGE_CACHE": cache}, "/healthz"
        ):
            results[mode] = {
                key: {c: site_bench.load(f"http://127.0.0.1:{port}{url}", c, args) for c in connections}
                for key, url in urls.items()
            }
    ceilings.append(_ceiling(env, connections, args))
    for c in connections:
        ceiling = max((run[c] for run in ceilings), key=lambda r: r["rps"])
        print(f"\n### {size:,} articles, {c} connections\n")
        runs = " and ".join(f"{run[c]['rps']:,.0f}" for run in ceilings)
        print(
            f"Ceiling (bare Django, 60 KB template, as in bench/site_bench.py): {ceiling['rps']:,.0f} req/s "
            f"(runs: {runs}), p50 {ceiling['p50']:.1f} ms.\n"
        )
        head = ["address", "SQL", "uncached req/s", "p50 ms", "p99 ms", "× ceiling"]
        head += ["cached req/s", "p50 ms", "p99 ms", "× ceiling"]
        print("| " + " | ".join(head) + " |")
        print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        errors = []
        for key in urls:
            row = [key, str(found["queries"][key])]
            for mode in ("uncached", "cached"):
                r = results[mode][key][c]
                row += [
                    f"{r['rps']:,.0f}",
                    f"{r['p50']:.1f}",
                    f"{r['p99']:.1f}",
                    f"{r['rps'] / ceiling['rps']:.2f}",
                ]
                if r["errors"]:
                    errors.append(f"{key} {mode}: {r['errors']}")
            print("| " + " | ".join(row) + " |")
        seen = ", ".join(f"{key} {results['cached'][key][c]['cache'] or '-'}" for key in urls)
        print(f"\ncached, a request after the warm-up (X-Page-Cache): {seen}")
        if errors:
            print("errors: " + "; ".join(errors))
    if not args.keep_db:
        site_bench._admin(f"DROP DATABASE {name}")
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)


def _ceiling(env: dict, connections: list[int], args) -> dict:
    port = site_bench._free_port()
    reference = env | {"DJANGO_SETTINGS_MODULE": "bench.reference.settings"}
    with site_bench.gunicorn("bench.reference.wsgi:application", port, reference, "/"):
        return {c: site_bench.load(f"http://127.0.0.1:{port}/", c, args) for c in connections}


def inspect(out: Path) -> None:
    """In-process: the addresses, their queries, and what serialising a page costs."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    from api.serializers import ArticleSerializer
    from api.views import articles_for_lists
    from articles.models import Article
    from categories.models import Category

    both = Article.objects.published("vi") & Article.objects.published("en")
    pk = (
        both.filter(hero_photo__isnull=False)
        .order_by("-published_at_vi")
        .values_list("pk", flat=True)
        .first()
    )
    section = Category.objects.filter(parent__isnull=True).in_menu().first()
    urls = {key: (url or "").format(pk=pk) for key, url in ADDRESSES.items()}
    urls["list-section"] = f"/api/v1/vi/articles/?section={section.slug_vi}"
    client = Client(HTTP_HOST="localhost")
    queries, sizes = {}, {}
    for key, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{key} {url} answered {response.status_code}")
        queries[key], sizes[key] = len(captured.captured_queries), len(response.content)

    request = RequestFactory(HTTP_HOST="localhost").get("/api/v1/vi/articles/")
    page = list(articles_for_lists("vi").newest_first("vi")[:20])
    context = {"request": request, "language": "vi"}

    def by_hand():
        return [_by_hand(article, request) for article in page]

    drf = ArticleSerializer(page, many=True, context=context).data
    if json.loads(json.dumps(drf)) != json.loads(json.dumps(by_hand())):
        sys.exit("the hand-built JSON differs from the serializers': fix _by_hand")

    def median_ms(work, runs=15):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            work()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    serialise = {
        "runs": 15,
        "drf_ms": median_ms(lambda: ArticleSerializer(page, many=True, context=context).data),
        "dicts_ms": median_ms(by_hand),
        "request_ms": median_ms(lambda: client.get("/api/v1/vi/articles/")),
    }
    out.write_text(json.dumps({"urls": urls, "queries": queries, "bytes": sizes, "serialise": serialise}))


def _by_hand(article, request) -> dict:
    """What ``ArticleSerializer`` answers, written out: the floor for any serialisation library."""
    from rest_framework.fields import DateTimeField

    when = DateTimeField().to_representation
    origin = request.build_absolute_uri("/").rstrip("/")

    def here(path):
        return origin + path

    photo = article.hero_photo
    other = article.is_published("en")
    return {
        "id": article.pk,
        "language": "vi",
        "title": article.title_vi or "",
        "slug": article.slug_vi or "",
        "url": here(article.url_in("vi")),
        "api_url": here(f"/api/v1/vi/articles/{article.pk}/"),
        "lead": article.lead_vi or "",
        "byline": article.byline_vi or "",
        "published": when(article.published_at_vi),
        "updated": when(article.updated_at),
        "format": article.format,
        "featured": article.featured,
        "section": {
            "id": article.category_id,
            "name": article.category.name_vi or "",
            "slug": article.category.slug_vi or "",
            "url": here(article.category.url_in("vi")),
        },
        "tags": [
            {
                "id": tag.pk,
                "name": tag.name_vi,
                "slug": tag.slug_vi or "",
                "url": here(f"/vi/tag/{tag.slug_vi}/"),
            }
            for tag in article.tags.all()
            if tag.name_vi
        ],
        "source": {
            "slug": article.source.slug,
            "name": article.source.name_vi,
            "url": article.source.url or None,
        }
        if article.source_id
        else None,
        "main_photo": {
            "id": photo.pk,
            "caption": photo.caption_vi or "",
            "alt_text": photo.alt_text_vi or "",
            "credit": (photo.credit.name_vi or photo.credit.slug) if photo.credit_id else None,
            "width": photo.width,
            "height": photo.height,
            "url": here(photo.image.url) if photo.image else None,
            "renditions": [
                {"width": r.width, "height": r.height, "format": r.format, "url": here(r.file.url)}
                for r in sorted(photo.renditions.all(), key=lambda r: (r.format, r.width))
            ],
        }
        if photo
        else None,
        "translation": {
            "language": "en",
            "id": article.pk,
            "url": here(article.url_in("en")),
            "api_url": here(f"/api/v1/en/articles/{article.pk}/"),
        }
        if other
        else None,
    }


if __name__ == "__main__":
    main()
