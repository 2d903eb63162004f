"""
First-request benchmark: a fresh SQLite database and media folder, ``migrate``
and ``load_demo`` as ``make run`` does, then a new process that times the first
and second requests to the home page and to an article, and counts the
renditions made before and during them.

    .venv/bin/python bench/first_request_bench.py
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BROKER = "CELERY_BROKER_URL"  # unset: tasks run inline, as with ``make run``

MEASURE = """
import time
started = time.perf_counter()
import django
django.setup()
from django.test import Client
from articles.models import Article
from media.models import Rendition
print(f"  django.setup                {time.perf_counter() - started:7.3f} s")
article = Article.objects.published("vi").filter(hero_photo__isnull=False).order_by("-published_at").first()
client = Client(HTTP_HOST="localhost")
before = Rendition.objects.count()
for label, url in (("/vi/", "/vi/"), ("article", article.url_in("vi"))):
    for attempt in ("first", "second"):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        print(f"  {attempt:6} request to {label:8} {elapsed:7.3f} s")
print(f"  renditions before the requests: {before}, made during them: {Rendition.objects.count() - before}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as folder:
        env = {
            **{key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", BROKER)},
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "NEWSROOM_PAGE_CACHE": "0",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        started = time.perf_counter()
        subprocess.run([*manage, "load_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"  load_demo                   {time.perf_counter() - started:7.3f} s")
        subprocess.run([sys.executable, "-c", MEASURE], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
