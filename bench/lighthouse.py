"""
Lighthouse (mobile) on the demo site: a fresh SQLite database with load_demo,
collectstatic, gunicorn with the production settings, then Lighthouse 12
(from npm, see package.json) in Debian's Chromium on home, a section, an
article and its bilingual view. Prints LCP, CLS, bytes, requests and the four
category scores per page.

    .venv/bin/python bench/lighthouse.py [--runs 1] [--port 8765] [--keep-reports DIR]

Needs `npm ci` (Lighthouse) and chromium (apt-get install chromium, or CHROME_PATH).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def serve(folder: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "SECRET_KEY": "lighthouse-bench-only",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("CELERY_BROKER_URL", None)
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    # nginx serves the uploads in production (deploy/nginx.conf); here WhiteNoise stands in
    # for it, rescanning so that renditions made on first use are found.
    (folder / "bench_wsgi.py").write_text(
        "from whitenoise import WhiteNoise\n"
        "from newsroom.wsgi import application as django\n"
        f"application = WhiteNoise(django, root={str(folder / 'media')!r},"
        " prefix='media/', autorefresh=True)\n"
    )
    server = subprocess.Popen(
        [
            ROOT / ".venv" / "bin" / "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--pythonpath",
            f"{ROOT},{folder}",
            "bench_wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def pages(base: str) -> dict[str, str]:
    """Home, the first section of the menu, the first article with a bilingual view, and that view."""
    home = urllib.request.urlopen(base + "/vi/").read().decode()
    menu = home[home.index('class="site-menu"') :]
    section = re.search(r'href="(/vi/[^"/]+/)"', menu).group(1)
    for link in dict.fromkeys(re.findall(r'href="(/vi/[^"/]+/[^"/]+/)"', home)):
        article = urllib.request.urlopen(base + link).read().decode()
        if 'bilingual/"' in article:
            return {"home": "/vi/", "section": section, "article": link, "bilingual": link + "bilingual/"}
    raise SystemExit("no bilingual article on the home page")


def lighthouse(url: str) -> dict:
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    result = subprocess.run(
        [
            LIGHTHOUSE,
            url,
            "--form-factor=mobile",
            "--output=json",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def figures(report: dict) -> dict:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "LCP s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "KB": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(requests),
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--runs", type=int, default=1, help="Runs per page; the median LCP run is shown.")
    parser.add_argument("--keep-reports", type=Path, help="Write each JSON report into this folder.")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci`.")
    with tempfile.TemporaryDirectory() as folder:
        server = serve(Path(folder), args.port)
        try:
            base = f"http://127.0.0.1:{args.port}"
            rows = {}
            for name, path in pages(base).items():
                runs = []
                for _run in range(args.runs):
                    report = lighthouse(base + path)
                    runs.append(figures(report))
                    if args.keep_reports:
                        args.keep_reports.mkdir(parents=True, exist_ok=True)
                        (args.keep_reports / f"{name}.json").write_text(json.dumps(report))
                rows[name] = sorted(runs, key=lambda row: row["LCP s"])[len(runs) // 2]
                print(f"{name}: {path}", file=sys.stderr)
        finally:
            server.terminate()
            server.wait()
    columns = ["page", "LCP s", "CLS", "KB", "requests", *CATEGORIES]
    print(" | ".join(f"{c:>14}" for c in columns))
    for name, row in rows.items():
        cells = [name, f"{row['LCP s']:.2f}", f"{row['CLS']:.3f}", f"{row['KB']:.0f}", str(row["requests"])]
        cells += [str(row[c]) for c in CATEGORIES]
        print(" | ".join(f"{c:>14}" for c in cells))


if __name__ == "__main__":
    main()
