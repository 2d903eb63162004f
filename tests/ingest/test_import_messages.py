"""What import_articles says about inputs that are broken, mislabelled or in another encoding."""

import codecs
import json
import unicodedata

from django.test import TestCase

from articles.models import Article

from .helpers import run_import, summary, write_temp


def article_line(n: int, title: str = "") -> str:
    """One good line of our JSON Lines."""
    version = {"title": title or f"Bài số {n}", "status": "published"}
    return json.dumps(
        {"newsroom": 1, "uid": f"00000000-0000-4000-8000-{n:012d}", "versions": {"vi": version}},
        ensure_ascii=False,
    )


def rss(title: str, *, declaration: str = '<?xml version="1.0" encoding="utf-8"?>', extra: str = "") -> str:
    """A one-item RSS feed."""
    return (
        f'{declaration}{extra}<rss version="2.0"><channel><title>Feed</title><language>vi</language>'
        f"<item><title>{title}</title><link>https://example.org/a/1</link><guid>urn:a:1</guid>"
        "<description>Summary.</description><pubDate>Mon, 26 Jan 2026 08:00:00 +0700</pubDate>"
        "</item></channel></rss>"
    )


def cp1258(text: str) -> bytes:
    """Text as Vietnamese Windows writes it: a base letter, then a combining tone mark where need be."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            out += unicodedata.normalize("NFC", decomposed[:-1]).encode("cp1258")
            out += decomposed[-1].encode("cp1258")
    return out


class JsonLinesMessageTests(TestCase):
    def test_a_broken_first_line_is_reported_as_json_not_as_a_page_dump(self):
        broken = ["{newsroom: 1, versions: {}}", "{'newsroom': 1, 'versions': {}}"]  # hostile inputs: 2
        for first in broken:
            with self.subTest(first):
                content = "\n".join([first, article_line(1)])
                _stdout, stderr = run_import(write_temp(self, content, ".jsonl"), expect_failure=True)
                self.assertNotIn("page dump", stderr)
                self.assertIn(
                    "line 1: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
                    stderr,
                )
                self.assertEqual(Article.objects.get().title_vi, "Bài số 1")

    def test_a_line_that_is_not_an_object_fails_alone(self):
        lines = [
            article_line(1),
            '["newsroom", 1]',  # hostile inputs: 5
            '"newsroom"',
            "42",
            "null",
            "[" * 100_000 + "]" * 100_000,
            article_line(2),
        ]
        for format in ("jsonl", "auto"):
            with self.subTest(format):
                Article.objects.all().delete()
                path = write_temp(self, "\n".join(lines), ".jsonl")
                stdout, stderr = run_import(path, format=format, expect_failure=True)
                self.assertNotIn("AttributeError", stderr)
                self.assertIn("line 2: expected a JSON object, found an array", stderr)
                self.assertIn("line 3: expected a JSON object, found a string", stderr)
                self.assertIn("line 4: expected a JSON object, found a number", stderr)
                self.assertIn("line 5: expected a JSON object, found null", stderr)
                self.assertIn("line 6: not usable JSON: nested too deeply", stderr)
                self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 5")


class FeedMessageTests(TestCase):
    def test_an_html_page_served_as_a_feed_is_called_one(self):
        pages = [  # hostile inputs: 3
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>Bad</body></html>",
            "\n<!doctype HTML>\n<html lang=vi><body>Lỗi</body></html>",
            "<html><body>Login</body></html>",
        ]
        for page in pages:
            for format in ("auto", "rss"):
                with self.subTest(page=page[:20], format=format):
                    path = write_temp(self, page, ".xml")
                    _stdout, stderr = run_import(path, format=format, expect_failure=True)
                    self.assertIn("an HTML page, not a feed", stderr)
                    self.assertNotIn("DTD", stderr)

    def test_a_utf16_feed_with_a_byte_order_mark_is_read(self):
        feed = rss("Xuất khẩu gạo tăng", declaration='<?xml version="1.0" encoding="UTF-16"?>')
        for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
            with self.subTest(codec):
                Article.objects.all().delete()
                run_import(write_temp(self, bom + feed.encode(codec), ".xml"))
                self.assertEqual(Article.objects.get().title_vi, "Xuất khẩu gạo tăng")

    def test_a_utf16_feed_declaring_a_dtd_is_still_refused(self):
        extra = (
            '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'  # hostile inputs: 1, in two formats
        )
        feed = rss("&x;", declaration='<?xml version="1.0" encoding="UTF-16"?>', extra=extra)
        for format in ("auto", "rss"):
            with self.subTest(format):
                path = write_temp(self, codecs.BOM_UTF16_LE + feed.encode("utf-16-le"), ".xml")
                _stdout, stderr = run_import(path, format=format, expect_failure=True)
                self.assertIn("refused: the XML declares a DTD or entities", stderr)
                self.assertFalse(Article.objects.exists())

    def test_a_windows_1258_feed_comes_out_as_composed_vietnamese(self):
        title = "Xuất khẩu gạo đạt kỷ lục, người nông dân phấn khởi"
        feed = rss(title, declaration='<?xml version="1.0" encoding="windows-1258"?>')
        data = cp1258(feed)
        self.assertIn("\u0301".encode("cp1258"), data, "the fixture uses combining marks, as Windows does")
        run_import(write_temp(self, data, ".xml"))
        article = Article.objects.get()
        self.assertEqual(article.title_vi, title)
        self.assertTrue(unicodedata.is_normalized("NFC", article.title_vi))

    def test_an_iso_8859_1_feed_is_read(self):
        feed = rss("Café au lait", declaration='<?xml version="1.0" encoding="iso-8859-1"?>')
        run_import(write_temp(self, feed.encode("latin-1"), ".xml"))
        self.assertEqual(Article.objects.get().title_vi, "Café au lait")

    def test_an_unknown_declared_encoding_is_named(self):
        for encoding in ("x-klingon", "base64"):  # hostile inputs: 2
            with self.subTest(encoding):
                feed = rss("Title", declaration=f'<?xml version="1.0" encoding="{encoding}"?>')
                _stdout, stderr = run_import(write_temp(self, feed, ".xml"), expect_failure=True)
                self.assertIn(f"the XML declares the encoding '{encoding}', which is not one", stderr)
