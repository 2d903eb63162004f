"""
Read-count benchmark: what a read costs on the beacon's request, with Redis and
without, and what ``flush_reads`` costs for many articles at once.

    .venv/bin/python bench/reads_bench.py [--articles 1000] [--beacons 2000]

A fresh SQLite database (or $BENCH_DATABASE_URL, which is migrated and written to)
gets ``generate_content``; Redis at $BENCH_REDIS_URL (default
redis://127.0.0.1:6379/14) is used under a key prefix of the run's own, removed after.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = r"""
import os, re, sys, time, uuid
import django
django.setup()
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from articles import reads
from articles.models import Article

beacons, redis_url = int(sys.argv[1]), sys.argv[2]
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
ids = list(Article.objects.published("vi").values_list("pk", flat=True))
with translation.override("vi"):
    urls = [reverse("articles:read", kwargs={"pk": pk}) for pk in ids]
client = Client(HTTP_HOST="localhost")

class Statements:
    # Counts the statements run, and the writes among them.

    def __enter__(self):
        self.all = self.writes = 0
        self.wrapper = connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)

    def __call__(self, execute, sql, params, many, context):
        self.all += 1
        self.writes += bool(re.match(r"\s*(INSERT|UPDATE|WITH)", sql))
        return execute(sql, params, many, context)

def run(label):
    with Statements() as statements:
        started = time.perf_counter()
        for n in range(beacons):
            address = f"10.0.{n // 250}.{n % 250}"
            client.post(urls[n % len(urls)], headers={"user-agent": AGENT}, REMOTE_ADDR=address)
        elapsed = time.perf_counter() - started
    each = statements.writes / beacons
    print(f"  {label:34} {elapsed / beacons * 1000:6.2f} ms a beacon, {each:.1f} database writes each")

run("beacon, no Redis (written at once)")
prefix = f"bench-reads-{uuid.uuid4().hex}:"
with override_settings(NEWSROOM_READS_REDIS_URL=redis_url, NEWSROOM_READS_KEY_PREFIX=prefix):
    store = reads.read_store()
    try:
        run("beacon, Redis")
        pending = store.redis.hlen(store.pending)
        with Statements() as statements:
            started = time.perf_counter()
            written = reads.flush_reads()
            elapsed = time.perf_counter() - started
        took = f"{elapsed * 1000:.0f} ms, {statements.all} statements"
        print(f"  flush_reads: {written} reads of {pending} versions in {took}")
    finally:
        for key in store.redis.scan_iter(prefix + "*"):
            store.redis.delete(key)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--beacons", type=int, default=2000)
    args = parser.parse_args()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        env = {
            **{key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "CACHE_URL")},
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "NEWSROOM_READS_REDIS_URL": "",
            "NEWSROOM_PAGE_CACHE": "0",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [*manage, "generate_content", "--articles", str(args.articles)],
            env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        measure = [sys.executable, "-c", MEASURE, str(args.beacons), redis_url]
        subprocess.run(measure, env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
