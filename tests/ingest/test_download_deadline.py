"""A URL import is bounded in time as a whole, not only per read: a trickling server is cut off."""

import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import TestCase, override_settings

from articles.models import Article

from .helpers import run_import

#: What the server sends, a byte at a time: a valid feed, were it ever finished.
FEED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Slow</title></channel></rss>'
)


class TricklingHandler(BaseHTTPRequestHandler):
    """Answers at once, then sends one byte every half second (well inside any per-read timeout)."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        for byte in FEED[:24]:  # ~12 s in all: long enough to show the limit, short enough to end
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return  # the importer hung up
            time.sleep(0.5)

    def log_message(self, format, *args):
        pass


def leftover_downloads() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("newsroom-import-*"))


class DownloadDeadlineTests(TestCase):
    def setUp(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), TricklingHandler)
        self.server.daemon_threads = True
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(thread.join, 5)
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        self.url = f"http://127.0.0.1:{self.server.server_port}/feed.xml"

    @override_settings(NEWSROOM_IMPORT_DOWNLOAD_TIMEOUT=1, NEWSROOM_IMPORT_TIMEOUT=30)
    def test_a_trickling_server_is_cut_off_at_the_limit_with_a_clear_message(self):
        before = leftover_downloads()
        started = time.monotonic()
        stdout, stderr = run_import(self.url, expect_failure=True)
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, 5, "the whole download is bounded, not each read")
        self.assertIn(f"failed: {self.url}: the download took longer than the 1-second limit", stderr)
        self.assertIn("created 0, updated 0, unchanged 0, failed 1", stdout)
        self.assertEqual(leftover_downloads() - before, set(), "no partial download is left behind")
        self.assertFalse(Article.objects.exists())
