import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from articles.models import Article
from ingest.exports import export_jsonl
from ingest.inputs import Input, InputError
from ingest.run import detect_format

from ..factories import make_article
from .helpers import run_import, summary, write_temp

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title></item></channel></rss>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title></channel></rss>
"""


def exported_line(test) -> str:
    make_article(title_en="A story to fetch")
    stream = StringIO()
    export_jsonl(stream)
    Article.objects.all().delete()
    return stream.getvalue()


class DetectFormatTests(TestCase):
    def detect(self, content: bytes) -> str:
        path = write_temp(self, content)
        return detect_format(Input(name=str(path), path=path, base_dir=path.parent))

    def test_formats_are_told_by_content(self):
        cases = {
            b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>': "rss",
            b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel></channel></rss>': "wxr",
            b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>': "atom",
            b'<?xml-stylesheet href="x"?><!-- c -->'
            b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>': "newsml",
            b'{"newsroom": 1, "versions": {}}\n': "jsonl",
            b'{"uri": "http://example.org/1", "headline": "x"}': "ninjs",
            b"25/01/2026, 11:56 PM\n\nA headline\n\nA lead.": "page",
            "[Menu] Trang chủ | Thời sự\n31/01/2026 21:20\nTiêu đề\n".encode(): "page",
            b'[\n  {"uri": "urn:x", "headline": "x"}\n]': "ninjs",
        }
        for content, expected in cases.items():
            with self.subTest(expected):
                self.assertEqual(self.detect(content), expected)

    def test_binary_and_unknown_xml_are_refused_clearly(self):
        with self.assertRaisesMessage(InputError, "a binary file"):
            self.detect(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        with self.assertRaisesMessage(InputError, "<svg> root is none of the formats"):
            self.detect(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')


class CommandInputTests(TestCase):
    def test_an_unknown_format_is_refused(self):
        with self.assertRaises(CommandError):
            call_command("import_articles", "x.txt", "--format=docx", stdout=StringIO(), stderr=StringIO())

    def test_an_unknown_category_is_refused_before_anything_is_read(self):
        with self.assertRaisesMessage(CommandError, "No section has the slug 'nowhere'"):
            call_command("import_articles", "x.txt", category="nowhere", stdout=StringIO(), stderr=StringIO())

    def test_missing_empty_and_blank_files_fail_with_their_reason(self):
        empty = write_temp(self, b"")
        blank = write_temp(self, b"  \n\n \t\n")
        stdout, stderr = run_import("/no/such/file.xml", empty, blank, expect_failure=True)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 0, failed 3")
        self.assertIn("/no/such/file.xml: no such file.", stderr)
        self.assertIn(f"{empty}: the file is empty.", stderr)
        self.assertIn(f"{blank}: the file holds only blank space.", stderr)

    def test_only_http_and_https_addresses_are_fetched(self):
        _stdout, stderr = run_import("file:///etc/passwd", "ftp://example.org/feed.xml", expect_failure=True)
        self.assertIn("only http and https addresses can be imported, not file:", stderr)
        self.assertIn("not ftp:", stderr)
        self.assertEqual(Article.objects.count(), 0)

    def test_xml_with_entities_is_refused_and_imports_nothing(self):
        for content in (XXE, BILLION_LAUGHS):
            with self.subTest(content[:60]):
                stdout, stderr = run_import(write_temp(self, content, ".xml"), expect_failure=True)
                self.assertIn("refused: the XML declares a DTD or entities", stderr)
                self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 0, failed 1")
        self.assertEqual(Article.objects.count(), 0)

    def test_every_input_is_imported_even_when_one_fails(self):
        good = write_temp(self, exported_line(self), ".jsonl")
        stdout, _stderr = run_import(write_temp(self, XXE, ".xml"), good, expect_failure=True)
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 1")


class UrlImportTests(TestCase):
    """Imports from http(s): a local server stands in for the web."""

    def serve(self, folder: Path):
        handler = partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return f"http://127.0.0.1:{server.server_address[1]}"

    def test_a_file_is_imported_from_a_url(self):
        path = write_temp(self, exported_line(self), ".jsonl")
        base = self.serve(path.parent)
        stdout, _stderr = run_import(f"{base}/{path.name}")
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 0")

    def test_a_missing_url_fails_with_the_servers_answer(self):
        base = self.serve(write_temp(self, b"x").parent)
        _stdout, stderr = run_import(f"{base}/missing-feed.xml", expect_failure=True)
        self.assertIn("the server answered 404", stderr)

    @override_settings(NEWSROOM_IMPORT_MAX_BYTES=100)
    def test_an_answer_over_the_size_limit_is_refused(self):
        path = write_temp(self, exported_line(self), ".jsonl")
        base = self.serve(path.parent)
        _stdout, stderr = run_import(f"{base}/{path.name}", expect_failure=True)
        self.assertIn("100-byte limit", stderr)
        self.assertEqual(Article.objects.count(), 0)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
