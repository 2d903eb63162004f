"""
Import benchmark: generate a WordPress export (WXR) and a JSON Lines file of
realistic bilingual articles, import each into a fresh database, print
items per second and the importing process's peak memory.

    .venv/bin/python bench/import_bench.py                      # 10,000 items, SQLite and PostgreSQL
    .venv/bin/python bench/import_bench.py --items 100000 --databases postgres --formats jsonl

PostgreSQL is reached at $BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres);
a throwaway database is created and dropped for each run.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = [
    ("hoa-binh-huu-nghi", "Hòa bình - Hữu nghị", "peace-friendship", "Peace - Friendship"),
    ("ngoai-giao", "Ngoại giao và Hội nhập", "diplomacy", "Diplomacy and Integration"),
    ("bien-dao", "Biển đảo", "seas-islands", "Seas and Islands"),
    ("kinh-te", "Kinh tế", "economy", "Economy"),
]


# Generating the inputs


def write_jsonl(path: Path, items: int, rng: random.Random) -> None:
    from demo.generate import generate_article

    start = datetime(2026, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        for n in range(items):
            article = generate_article(rng)
            slug_vi, name_vi, slug_en, name_en = rng.choice(CATEGORIES)
            when = (start + timedelta(minutes=37 * n)).isoformat()
            line = {
                "newsroom": 1,
                "kind": "article",
                "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "external_id": f"bench:{n}",
                "original_language": "vi",
                "format": "standard",
                "featured": n % 50 == 0,
                "category": [
                    {"names": {"vi": name_vi, "en": name_en}, "slugs": {"vi": slug_vi, "en": slug_en}}
                ],
                "tags": [{"names": {"vi": vi, "en": en}} for vi, en in article.tags],
                "source": {"slug": "vna", "names": {"vi": "TTXVN", "en": "VNA"}},
                "versions": {
                    code: {
                        "title": article.title[code],
                        "lead": article.lead[code],
                        "body": "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs[code]),
                        "byline": "Minh Anh",
                        "status": "published",
                        "published_at": when,
                    }
                    for code in ("vi", "en")
                },
                "photos": [
                    {
                        "url": f"https://media.example.org/{n}.jpg",
                        "caption": {"vi": f"Ảnh minh họa số {n}", "en": f"Illustration number {n}"},
                        "credit": {"slug": "vna", "names": {"vi": "TTXVN", "en": "VNA"}},
                        "paragraph": 0,
                    }
                ],
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def write_wxr(path: Path, items: int, rng: random.Random) -> None:
    """A Polylang-style bilingual export: posts in pairs, a Vietnamese one and its English translation."""
    from demo.generate import generate_article

    start = datetime(2026, 1, 1, tzinfo=UTC)
    pairs = (items + 1) // 2
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
            "<channel><title>Bench</title><link>https://bench.example.org</link><language>vi</language>"
            "<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example.org</wp:base_site_url>\n"
            "<wp:author><wp:author_login>minhanh</wp:author_login>"
            "<wp:author_display_name><![CDATA[Minh Anh]]></wp:author_display_name></wp:author>\n"
        )
        term_id = 1
        for slug_vi, name_vi, slug_en, name_en in CATEGORIES:
            for slug, name in ((slug_vi, name_vi), (slug_en, name_en)):
                out.write(
                    f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{slug}"
                    f"</wp:category_nicename><wp:category_parent></wp:category_parent>"
                    f"<wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>\n"
                )
                term_id += 1
        for code, name in (("vi", "Tiếng Việt"), ("en", "English")):
            out.write(
                f"<wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy>"
                f"<wp:term_slug>{code}</wp:term_slug><wp:term_name><![CDATA[{name}]]></wp:term_name></wp:term>\n"
            )
            term_id += 1
        for n in range(pairs):
            vi_id, en_id = 2 * n + 1, 2 * n + 2
            description = f'a:2:{{s:2:"vi";i:{vi_id};s:2:"en";i:{en_id};}}'
            out.write(
                f"<wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy>post_translations"
                f"</wp:term_taxonomy><wp:term_slug>pll_{n}</wp:term_slug><wp:term_name>pll_{n}</wp:term_name>"
                f"<wp:term_description><![CDATA[{description}]]></wp:term_description></wp:term>\n"
            )
            term_id += 1
        written = 0
        for n in range(pairs):
            article = generate_article(rng)
            category = rng.choice(CATEGORIES)
            when = start + timedelta(minutes=37 * n)
            for offset, code in enumerate(("vi", "en")):
                if written == items:
                    break
                post_id = 2 * n + 1 + offset
                slug, name = (category[0], category[1]) if code == "vi" else (category[2], category[3])
                content = "\n\n".join(article.paragraphs[code])
                tags = "".join(
                    f'<category domain="post_tag" nicename="t{hash(tag) % 1000}"><![CDATA[{tag}]]></category>'
                    for tag in (pair[offset] for pair in article.tags)
                )
                out.write(
                    f"<item><title><![CDATA[{article.title[code]}]]></title>"
                    f"<link>https://bench.example.org/?p={post_id}</link>"
                    f"<dc:creator><![CDATA[minhanh]]></dc:creator>"
                    f"<content:encoded><![CDATA[{content}]]></content:encoded>"
                    f"<excerpt:encoded><![CDATA[{article.lead[code]}]]></excerpt:encoded>"
                    f"<wp:post_id>{post_id}</wp:post_id>"
                    f"<wp:post_date>{when:%Y-%m-%d %H:%M:%S}</wp:post_date>"
                    f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                    f"<wp:post_name>{code}-bench-{n}</wp:post_name><wp:status>publish</wp:status>"
                    f"<wp:post_type>post</wp:post_type>"
                    f'<category domain="category" nicename="{slug}"><![CDATA[{name}]]></category>'
                    f'<category domain="language" nicename="{code}"><![CDATA[{code}]]></category>'
                    f'<category domain="post_translations" nicename="pll_{n}"><![CDATA[pll_{n}]]></category>'
                    f"{tags}</item>\n"
                )
                written += 1
        out.write("</channel></rss>\n")


# Running one import in a child process, in a fresh database


def child(path: str, fmt: str) -> None:
    """Runs inside the measured process: set Django up, import, print timing as JSON."""
    import django

    django.setup()
    from ingest.run import import_articles

    started = time.perf_counter()
    report = import_articles([path], format=fmt)
    elapsed = time.perf_counter() - started
    for problem in report.problems[:3]:
        print(f"failed: {problem}", file=sys.stderr)
    print(json.dumps({"seconds": elapsed, "summary": report.summary(), "failed": report.failed}))


def run(database: str, fmt: str, path: Path, items: int, workdir: Path) -> dict:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY="benchmark-only",
        SECURE_COOKIES="0",
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="ERROR",
    )
    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"bench_import_{os.getpid()}_{fmt}"
    if database == "postgres":
        _psql(admin_url, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = admin_url.rsplit("/", 1)[0] + f"/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / (name + '.sqlite3')}"
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(path), "--child-format", fmt],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
        )
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        if status:
            raise SystemExit(f"import failed in {database}/{fmt}")
        result = json.loads(output.decode().strip().splitlines()[-1])
    finally:
        if database == "postgres":
            _psql(admin_url, f"DROP DATABASE IF EXISTS {name}")
    return {
        "database": database,
        "format": fmt,
        "items": items,
        "seconds": result["seconds"],
        "items_per_second": items / result["seconds"],
        "peak_mb": usage.ru_maxrss / 1024,
        "summary": result["summary"],
    }


def _psql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, nargs="+", default=[10_000])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--formats", default="jsonl,wxr")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-format", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.child_format)
        return
    print(f"{'database':10} {'format':6} {'items':>8} {'seconds':>8} {'items/s':>8} {'peak MB':>8}  result")
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        workdir = Path(folder)
        for items in args.items:
            for fmt in args.formats.split(","):
                path = workdir / f"bench-{items}.{fmt}"
                (write_jsonl if fmt == "jsonl" else write_wxr)(path, items, random.Random(items))
                for database in args.databases.split(","):
                    row = run(database, fmt, path, items, workdir)
                    print(
                        f"{row['database']:10} {row['format']:6} {row['items']:>8} {row['seconds']:>8.1f} "
                        f"{row['items_per_second']:>8.0f} {row['peak_mb']:>8.0f}  {row['summary']}",
                        flush=True,
                    )
                path.unlink()


if __name__ == "__main__":
    main()
