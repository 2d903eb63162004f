"""
Site benchmark: the reader's pages under load, on PostgreSQL with Redis, at each
size of archive, against two yardsticks measured in the same run.

    .venv/bin/python bench/site_bench.py                            # 1,000 and 100,000 articles
    .venv/bin/python bench/site_bench.py --sizes 1000 --duration 5 --keep-db
    .venv/bin/python bench/site_bench.py --sizes 100000 --keep-db --skip-generate --pages article,home-vi

For each size, a database ``bench_site_<size>`` gets the demo (``load_demo``) and
that many generated articles (``generate_content``; with --keep-db an existing one
is reused and only topped up). Then, one server at a time:

- the ceiling: a bare Django project (``bench/reference/``: no database, no
  middleware) rendering a ~60 KB page from a template, under the same gunicorn
  settings as the site (3 sync workers);
- the limit of the box: nginx serving a saved copy of the article page as a file;
- the site under gunicorn with production settings, Redis as cache, 3 sync workers,
  with the page cache off (``NEWSROOM_PAGE_CACHE=0``) and on;
- the site behind ``deploy/nginx.conf`` (read now, with its upstream and paths made
  local), so through the compose file's nginx micro-cache when it has one.

Each page is loaded with wrk (``-t2``, each --connections count, a warm-up first,
``--latency``). SQL queries per page are counted in-process with Django's test
client (the second request of a page, so process caches are warm).

PostgreSQL: $BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
Redis: $BENCH_REDIS_URL (default redis://127.0.0.1:6379/13; that database is flushed).
Nothing is installed: missing tools are named and the run stops (exit status 2).
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKERS = 3

#: The pages loaded, by name; None: found in the database (see ``_resolve_pages``).
PAGES = {
    "home-vi": "/vi/",
    "home-en": "/en/",
    "section": None,
    "article": None,
    "bilingual": None,
    "tag": None,
    "search": "/vi/search/?q=hop+tac",
    "feed": "/vi/feed/",
    "sitemap": "/sitemap.xml",
}
MODES = {
    "uncached": "page cache off",
    "cached": "page cache on",
    "micro-cache": "behind deploy/nginx.conf",
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,100000", help="Generated articles per run (default 1000,100000)."
    )
    parser.add_argument(
        "--duration", type=int, default=10, help="Seconds of each measured wrk run (default 10)."
    )
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of warm-up before each (default 2).")
    parser.add_argument("--connections", default="8,32", help="wrk connection counts (default 8,32).")
    parser.add_argument(
        "--pages", default=",".join(PAGES), help=f"Pages to load (default all: {','.join(PAGES)})."
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="Reuse bench_site_<size> if it exists and keep it afterwards."
    )
    parser.add_argument(
        "--skip-generate", action="store_true", help="Do not generate articles: use the database as it is."
    )
    parser.add_argument("--inspect", metavar="JSON", help=argparse.SUPPRESS)  # the in-process part
    args = parser.parse_args()
    if args.inspect:
        inspect(Path(args.inspect))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    connections = [int(count) for count in args.connections.split(",")]
    pages = args.pages.split(",")
    if unknown := set(pages) - set(PAGES):
        sys.exit(f"Unknown pages: {', '.join(sorted(unknown))} (known: {', '.join(PAGES)}).")
    check_tools()

    work = Path(tempfile.mkdtemp(prefix="newsroom-site-bench-"))
    try:
        commit = _git("rev-parse", "--short", "HEAD")
        dirty = " (with uncommitted changes)" if _git("status", "--porcelain", "--untracked-files=no") else ""
        print(f"commit {commit}{dirty}, {time.strftime('%Y-%m-%d %H:%M %Z')}, nproc {os.cpu_count()}")
        print(
            f"wrk -t2 -c{'/'.join(map(str, connections))} -d{args.duration}s after {args.warmup} s of warm-up"
        )
        static_root = work / "static"
        env = _site_env("postgres", static_root, work / "media")
        _run([VENV_BIN / "python", "manage.py", "collectstatic", "--noinput", "-v0"], env)
        for size in sizes:
            bench_size(size, pages, connections, args, work, static_root)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# Checking what the run needs


def check_tools() -> None:
    missing = []
    for tool, package in (("wrk", "wrk"), ("nginx", "nginx-light")):
        if not _which(tool):
            missing.append(f"{tool}: not found (Debian: apt-get install {package})")
    try:
        import psycopg

        psycopg.connect(ADMIN_URL, connect_timeout=5).close()
    except Exception as error:
        missing.append(f"PostgreSQL at {ADMIN_URL}: {str(error).strip()}")
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_timeout=5).ping()
    except Exception as error:
        missing.append(f"Redis at {REDIS_URL}: {error}")
    if missing:
        print("The site benchmark cannot run; missing:", *missing, sep="\n  ", file=sys.stderr)
        sys.exit(2)


def _which(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")


# One size: the database, the servers, the table


def bench_size(
    size: int, pages: list[str], connections: list[int], args, work: Path, static_root: Path
) -> None:
    name = f"bench_site_{size}"
    media_root = ROOT / "var" / "bench-media" / name
    env = _site_env(name, static_root, media_root)
    prepare_database(name, size, env, args)
    print(f"\n## {size:,} generated articles (database {name}: {_article_count(name):,} articles in all)")

    # In-process: the addresses, the queries of each page, a copy of the article page.
    found = {}
    for mode, cache in (("uncached", "0"), ("cached", "1")):
        _flush_cache()
        out = work / f"inspect-{mode}.json"
        _run([VENV_BIN / "python", __file__, "--inspect", str(out)], env | {"NEWSROOM_PAGE_CACHE": cache})
        found[mode] = json.loads(out.read_text())
    urls = {page: found["uncached"]["urls"][page] for page in pages}
    queries = {mode: found[mode]["queries"] for mode in found}
    copy = work / "copy"
    copy.mkdir(exist_ok=True)
    (copy / "article.html").write_bytes(Path(found["uncached"]["article_file"]).read_bytes())
    print(
        "pages: "
        + ", ".join(
            f"{page} {url} ({found['uncached']['bytes'][page] // 1024} KB)" for page, url in urls.items()
        )
    )

    results: dict = {}
    yardsticks = [_yardsticks(env, copy, connections, args, work)]
    notes = []
    for mode in MODES:
        _flush_cache()
        app_port = _free_port()
        cache = "0" if mode == "uncached" else "1"
        with gunicorn(
            "newsroom.wsgi:application", app_port, env | {"NEWSROOM_PAGE_CACHE": cache}, "/healthz"
        ):
            if mode == "micro-cache":
                server, note = _deploy_server(app_port, media_root, static_root, work / "nginx-deploy")
                notes.append(note)
                with nginx(work / "nginx-deploy", server) as port:
                    results[mode] = {
                        p: {c: load(f"http://127.0.0.1:{port}{u}", c, args) for c in connections}
                        for p, u in urls.items()
                    }
            else:
                results[mode] = {
                    p: {c: load(f"http://127.0.0.1:{app_port}{u}", c, args) for c in connections}
                    for p, u in urls.items()
                }
    # The yardsticks again, after the site: on a shared machine the load changes during a run,
    # so each is measured twice and the better of the two is the one the site is compared with.
    yardsticks.append(_yardsticks(env, copy, connections, args, work))
    for name in ("reference", "nginx"):
        results[name] = {
            c: max((y[name][c] for y in yardsticks), key=lambda r: r["rps"]) for c in connections
        }
        results[name + "-runs"] = {c: [y[name][c]["rps"] for y in yardsticks] for c in connections}
    print_tables(size, urls, queries, results, connections)
    for note in notes:
        print(note)
    if not args.keep_db:
        _admin(f"DROP DATABASE {name}")
        shutil.rmtree(media_root, ignore_errors=True)


def _yardsticks(env: dict, copy: Path, connections: list[int], args, work: Path) -> dict:
    """The ceiling (the reference project under gunicorn) and the box's limit (nginx, a static copy)."""
    found = {}
    port = _free_port()
    reference_env = env | {"DJANGO_SETTINGS_MODULE": "bench.reference.settings"}
    with gunicorn("bench.reference.wsgi:application", port, reference_env, "/"):
        found["reference"] = {c: load(f"http://127.0.0.1:{port}/", c, args) for c in connections}
    with nginx(work / "nginx-static", _static_server(copy)) as port:
        found["nginx"] = {c: load(f"http://127.0.0.1:{port}/article.html", c, args) for c in connections}
    return found


def prepare_database(name: str, size: int, env: dict, args) -> None:
    exists = _admin("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if args.skip_generate and not exists:
        sys.exit(f"--skip-generate: there is no database {name} to use (run once with --keep-db).")
    if exists and not (args.keep_db or args.skip_generate):
        _admin(f"DROP DATABASE {name}")
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
        exists = False
    if not exists:
        _admin(f"CREATE DATABASE {name}")
    python = VENV_BIN / "python"
    _run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    _run([python, "manage.py", "load_demo"], env, quiet=True)
    have = _scalar(name, "SELECT count(*) FROM articles_article WHERE external_id LIKE 'generated:%'")
    if have < size and not args.skip_generate:
        print(f"{name}: generating {size - have:,} articles ({have:,} there)", flush=True)
        _run(
            [python, "manage.py", "generate_content", "--articles", str(size - have), "--seed", str(have)],
            env,
        )
    _scalar(name, "VACUUM ANALYZE")


# The in-process part: addresses, query counts, the article's copy


def inspect(out: Path) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from articles.models import Article, Format, Tag
    from categories.models import Category

    urls = dict(PAGES)
    both = Article.objects.published("vi") & Article.objects.published("en")
    article = (
        both.filter(format=Format.STANDARD, hero_photo__isnull=False)
        .exclude(external_id__startswith="generated:")
        .first()
        or both.first()
    )
    urls["article"] = article.url_in("vi")
    urls["bilingual"] = urls["article"] + "bilingual/"
    urls["section"] = Category.objects.filter(parent__isnull=True).in_menu().first().url_in("vi")
    tag = Tag.objects.annotate(uses=Count("tagged_articles")).order_by("-uses", "pk").first()
    with translation.override("vi"):
        urls["tag"] = tag.get_absolute_url()

    client = Client(HTTP_HOST="localhost")
    queries, sizes = {}, {}
    for page, url in urls.items():
        client.get(url)  # process caches warm, and the page cache filled when it is on
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{page} {url} answered {response.status_code}")
        queries[page] = len(captured.captured_queries)
        sizes[page] = len(response.content)
        if page == "article":
            article_file = out.with_suffix(".article.html")
            article_file.write_bytes(response.content)
    out.write_text(
        json.dumps({"urls": urls, "queries": queries, "bytes": sizes, "article_file": str(article_file)})
    )


# Servers


class gunicorn:
    """The app (or the reference project) under gunicorn, 3 sync workers, until the block ends."""

    def __init__(self, app: str, port: int, env: dict, probe: str):
        self.command = [
            VENV_BIN / "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
            "--worker-class", "sync", "--log-level", "warning", "--chdir", str(ROOT),
        ]  # fmt: skip
        self.env, self.url = env, f"http://127.0.0.1:{port}{probe}"

    def __enter__(self):
        self.process = subprocess.Popen(self.command, env=self.env, cwd=ROOT, start_new_session=True)
        _wait_for(self.url, self.process)
        return self

    def __exit__(self, *exc):
        _stop(self.process)


class nginx:
    """nginx in the foreground with one server block, in a directory of its own."""

    def __init__(self, prefix: Path, server: str):
        self.prefix, self.server = prefix, server

    def __enter__(self) -> int:
        for sub in ("", "tmp", "cache"):
            (self.prefix / sub).mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        server = self.server.replace("LISTEN_PORT", str(self.port))
        tmp = self.prefix / "tmp"
        config = self.prefix / "nginx.conf"
        config.write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes auto;\npid {self.prefix}/nginx.pid;\n"
            + f"error_log {self.prefix}/error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            "  access_log off;\n  sendfile on;\n  tcp_nopush on;\n  keepalive_timeout 65;\n"
            + "".join(
                f"  {kind}_temp_path {tmp}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + server
            + "\n}\n"
        )
        command = [
            _which("nginx"),
            "-p",
            str(self.prefix),
            "-c",
            str(config),
            "-e",
            str(self.prefix / "error.log"),
        ]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if check.returncode:
            sys.exit(f"nginx refuses the configuration {config}:\n{check.stderr}")
        self.process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True)
        _wait_for(f"http://127.0.0.1:{self.port}/", self.process, any_status=True)
        return self.port

    def __exit__(self, *exc):
        _stop(self.process)


def _static_server(root: Path) -> str:
    return f"server {{\n  listen 127.0.0.1:LISTEN_PORT;\n  root {root};\n}}\n"


def _deploy_server(app_port: int, media_root: Path, static_root: Path, prefix: Path) -> tuple[str, str]:
    """deploy/nginx.conf as it is now, its upstream, paths and port made local."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    text = text.replace("web:8000", f"127.0.0.1:{app_port}")
    text = text.replace("/data/media", str(media_root)).replace("/data/static", str(static_root))
    text = re.sub(
        r"(proxy_cache_path\s+)(\S+)", lambda m: f"{m[1]}{prefix / 'cache' / Path(m[2]).name}", text
    )
    listens = iter(range(1_000_000))
    text = re.sub(
        r"^(\s*)listen\s+[^;]+;",
        lambda m: (
            f"{m[1]}listen 127.0.0.1:LISTEN_PORT;"
            if next(listens) == 0
            else f"{m[1]}# (second listen dropped)"
        ),
        text,
        flags=re.M,
    )
    if "proxy_cache " in text or "proxy_cache\t" in text:
        note = "micro-cache: deploy/nginx.conf caches (proxy_cache) in front of the app, page cache on."
    else:
        note = (
            "micro-cache: deploy/nginx.conf has no proxy_cache yet: measured as a plain proxy, page cache on."
        )
    return text, note


def _wait_for(url: str, process: subprocess.Popen, *, any_status: bool = False, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server for {url} stopped (status {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            if any_status:
                return
        except OSError:
            pass
        time.sleep(0.3)
    _stop(process)
    sys.exit(f"{url} did not answer within {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Load


def load(url: str, connections: int, args) -> dict:
    """
    One warm-up then one measured wrk run: req/s, p50 and p99 in ms, errors. A page
    that does not answer one request in time (gunicorn gives up at 30 s) is not loaded.
    """
    try:
        _get(url)
    except OSError as error:
        return {"rps": 0.0, "p50": NAN, "p99": NAN, "cache": "", "errors": f"no answer ({error})"}
    wrk = [_which("wrk"), f"-t{min(2, connections)}", f"-c{connections}", "--timeout", "30s"]
    if args.warmup:
        subprocess.run([*wrk, f"-d{args.warmup}s", url], capture_output=True, check=True)
    try:
        cached = _get(url)  # what the caches do once warm
    except OSError:
        cached = ""
    run = subprocess.run(
        [*wrk, f"-d{args.duration}s", "--latency", url], capture_output=True, text=True, check=True
    )
    return parse_wrk(run.stdout) | {"cache": cached}


def _get(url: str) -> str:
    """One request (an error status raises): the cache's header, if any."""
    with urllib.request.urlopen(url, timeout=35) as response:
        return response.headers.get("X-Cache-Status") or response.headers.get("X-Page-Cache") or ""


NAN = float("nan")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> dict:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return float(match[1]) * UNITS[match[2]] if match else NAN

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = []
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors.append(f"{match[1]} non-2xx")
    if match := re.search(r"Socket errors: (.*)", output):
        errors.append(f"socket errors {match[1]}")
    return {
        "rps": float(rps[1]) if rps else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": "; ".join(errors),
    }


# The table


def print_tables(size: int, urls: dict, queries: dict, results: dict, connections: list[int]) -> None:
    for c in connections:
        ceiling, limit = results["reference"][c], results["nginx"][c]
        runs = {
            name: " and ".join(f"{rps:,.0f}" for rps in results[name + "-runs"][c])
            for name in ("reference", "nginx")
        }
        print(f"\n### {size:,} articles, {c} connections\n")
        print(
            f"(yardsticks measured before and after the site: ceiling {runs['reference']} req/s, "
            f"nginx {runs['nginx']} req/s; the better of each is used)\n"
        )
        print(
            f"Ceiling (bare Django, 60 KB template): {ceiling['rps']:,.0f} req/s, "
            f"p50 {ceiling['p50']:.1f} ms, "
            f"p99 {ceiling['p99']:.1f} ms. nginx static copy of the article: {limit['rps']:,.0f} req/s, "
            f"p50 {limit['p50']:.2f} ms, p99 {limit['p99']:.2f} ms.\n"
        )
        head = ["page", "SQL off/on"]
        for mode in MODES:
            head += [f"{mode} req/s", "p50 ms", "p99 ms"] + (
                ["× nginx"] if mode == "micro-cache" else ["× ceiling", "× nginx"]
            )
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("---" if i == 0 else "--:" for i in range(len(head))) + "|")
        errors = []
        for page in urls:
            row = [page, f"{queries['uncached'][page]}/{queries['cached'][page]}"]
            for mode in MODES:
                r = results[mode][page][c]
                row += [f"{r['rps']:,.0f}", f"{r['p50']:.1f}", f"{r['p99']:.1f}"]
                if mode != "micro-cache":
                    row.append(f"{r['rps'] / ceiling['rps']:.2f}" if ceiling["rps"] else "-")
                row.append(f"{r['rps'] / limit['rps']:.3f}" if limit["rps"] else "-")
                if r["errors"]:
                    errors.append(f"{page} {mode}: {r['errors']}")
            print("| " + " | ".join(row) + " |")
        for mode in ("cached", "micro-cache"):
            seen = ", ".join(f"{page} {results[mode][page][c]['cache'] or '-'}" for page in urls)
            print(f"\n{mode}, a request after the warm-up (X-Page-Cache / X-Cache-Status): {seen}")
        for name in ("reference", "nginx"):
            if results[name][c]["errors"]:
                errors.append(f"{name}: {results[name][c]['errors']}")
        if errors:
            print("\nerrors: " + "; ".join(errors))


# Helpers


def _site_env(database: str, static_root: Path, media_root: Path) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "site-benchmark-only-not-secret",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "NEWSROOM_HTTPS": "0",  # plain HTTP on the loopback: no redirect to HTTPS
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "LOG_LEVEL": "ERROR",
        "DATABASE_URL": ADMIN_URL.rsplit("/", 1)[0] + f"/{database}",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "CACHE_URL": REDIS_URL,
    }


def _run(command: list, env: dict, *, quiet: bool = False) -> None:
    result = subprocess.run(
        [str(part) for part in command], cwd=ROOT, env=env, capture_output=quiet, text=True
    )
    if result.returncode:
        sys.exit(f"{' '.join(map(str, command))} failed ({result.returncode}){result.stderr or ''}")


def _admin(sql: str, params: list | None = None):
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        cursor = admin.execute(sql, params)
        return cursor.fetchone() if cursor.description else None


def _scalar(database: str, sql: str):
    import psycopg

    with psycopg.connect(ADMIN_URL.rsplit("/", 1)[0] + f"/{database}", autocommit=True) as db:
        cursor = db.execute(sql)
        return cursor.fetchone()[0] if cursor.description else None


def _article_count(database: str) -> int:
    return _scalar(database, "SELECT count(*) FROM articles_article")


def _flush_cache() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
