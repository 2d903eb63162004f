"""
``import_articles --dry-run`` says what an import would do and does none of it: in every format
it reads, with a photo file beside the source or behind an address it may fetch, no row is
saved, no file is written to the media folder and nothing is downloaded.

Each test then imports the same source for real, to show that it does name a photo the
import would store: without that, "no file written" would prove nothing.
"""

import json
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import TestCase, override_settings

from articles.models import Article, ArticlePhoto, Source, Tag
from categories.models import Category
from media.models import Photo
from pages.models import Page

from ..factories import image_bytes
from .helpers import run_import, summary

#: The photo every source names, as a file beside it or at the test server's address.
PHOTO_NAME = "cau-hu-nghi.jpg"
PHOTO_SIZE = (40, 30)
#: Every table an import writes to.
MODELS = (Article, Photo, ArticlePhoto, Tag, Category, Source, Page)


class PhotoServer(BaseHTTPRequestHandler):
    """Serves one generated JPEG at any address and counts the requests."""

    requests: list[str] = []
    photo = image_bytes(size=PHOTO_SIZE)

    def do_GET(self):
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(self.photo)))
        self.end_headers()
        self.wfile.write(self.photo)

    def log_message(self, format, *args):
        pass


def page_dump(photo: str) -> str:
    return f"""Trang chủ
Thời sự
Quốc tế

Cầu hữu nghị mới nối đôi bờ sông biên giới

14/03/2026 - 09:15

Sáng 14/3, cây cầu hữu nghị thứ ba giữa hai nước đã chính thức thông xe sau hai năm xây dựng.

Hàng nghìn người dân hai bên biên giới đã đến dự lễ thông xe từ sáng sớm.

{photo}

Người dân đi bộ qua cầu trong ngày thông xe. (Ảnh: TTXVN)

Cây cầu dài 400 mét, rút ngắn quãng đường giao thương giữa hai tỉnh còn một nửa.

Nguồn: TTXVN

Tin liên quan
"""


def html_page(photo: str) -> str:
    """The same page saved as HTML and read as a page dump: its tags are dropped line by line."""
    lines = [f"<p>{line}</p>" if line else "" for line in page_dump(photo).splitlines()]
    return "<html><head><title>Cầu hữu nghị</title></head><body>\n" + "\n".join(lines) + "\n</body></html>"


def rss(photo: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tin hữu nghị</title><link>https://huunghi.example.vn/</link>
<language>vi</language>
<item><title>Cầu hữu nghị mới nối đôi bờ sông biên giới</title>
<link>https://huunghi.example.vn/cau-huu-nghi.html</link><guid isPermaLink="false">dry-rss-1</guid>
<pubDate>Sat, 14 Mar 2026 09:15:00 +0700</pubDate><category>Thời sự</category>
<description><![CDATA[<p>Cây cầu thứ ba giữa hai nước đã thông xe.</p>
<figure><img src="{photo}" alt="Cầu mới"><figcaption>Người dân đi qua cầu.</figcaption></figure>
<p>Cây cầu dài 400 mét.</p>]]></description></item>
<item><title>Hai tỉnh biên giới ký kết hợp tác du lịch</title>
<link>https://huunghi.example.vn/du-lich.html</link><guid isPermaLink="false">dry-rss-2</guid>
<pubDate>Sat, 14 Mar 2026 10:00:00 +0700</pubDate>
<description>Hai tỉnh sẽ mở tuyến du lịch chung từ tháng sau.</description></item>
</channel></rss>
"""


def atom(photo: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Friendship news</title><id>urn:dry:feed</id><updated>2026-03-14T09:15:00Z</updated>
<entry><title>A third friendship bridge opens on the border river</title><id>urn:dry:atom:1</id>
<link href="https://news.example.org/bridge"/><updated>2026-03-14T09:15:00Z</updated>
<category term="World"/><category term="Bridges"/>
<content type="html">&lt;p&gt;The bridge opened on Saturday after two years of work.&lt;/p&gt;
&lt;figure&gt;&lt;img src="{photo}" alt="The bridge"/&gt;
&lt;figcaption&gt;Walking across.&lt;/figcaption&gt;&lt;/figure&gt;
&lt;p&gt;It is 400 metres long.&lt;/p&gt;</content></entry>
</feed>
"""


def wxr(photo: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
<channel><title>Hữu nghị</title><link>https://huunghi.example.vn</link><language>vi</language>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title><![CDATA[Cầu hữu nghị mới nối đôi bờ sông biên giới]]></title>
<dc:creator><![CDATA[bientap]]></dc:creator><guid isPermaLink="false">https://huunghi.example.vn/?p=71</guid>
<content:encoded><![CDATA[<p>Cây cầu thứ ba giữa hai nước đã thông xe sau hai năm xây dựng.</p>
<figure class="wp-block-image"><img src="{photo}" alt="Cầu mới"/>
<figcaption>Người dân đi qua cầu.</figcaption></figure>
<p>Cây cầu dài 400 mét.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>71</wp:post_id>
<wp:post_date_gmt><![CDATA[2026-03-14 02:15:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[cau-huu-nghi]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="thoi-su"><![CDATA[Thời sự]]></category>
<category domain="post_tag" nicename="cau"><![CDATA[Cầu]]></category>
</item>
<item><title><![CDATA[Giới thiệu]]></title><guid isPermaLink="false">https://huunghi.example.vn/?page_id=2</guid>
<content:encoded><![CDATA[<p>Trang giới thiệu.</p>]]></content:encoded><wp:post_id>2</wp:post_id>
<wp:post_name><![CDATA[gioi-thieu]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[page]]></wp:post_type></item>
</channel></rss>
"""


def jsonl(photo: str) -> str:
    line = {
        "newsroom": 1,
        "kind": "article",
        "uid": "6f1d0c9e-2b7a-4c38-9d51-0a4e8b7c3f12",
        "external_id": None,
        "original_language": "vi",
        "category": [{"names": {"vi": "Thời sự", "en": "News"}, "slugs": {"vi": "thoi-su", "en": "news"}}],
        "tags": [{"names": {"vi": "Cầu", "en": "Bridges"}, "slugs": {"vi": "cau", "en": "bridges"}}],
        "source": {"slug": "ttxvn", "names": {"vi": "TTXVN", "en": "VNA"}, "url": ""},
        "versions": {
            "vi": {"title": "Cầu hữu nghị mới nối đôi bờ sông", "status": "published", "body": "<p>Cầu.</p>"},
            "en": {"title": "A third friendship bridge opens", "status": "draft", "body": "<p>Bridge.</p>"},
        },
        "photos": [
            {
                "uid": "0b8e5d4a-7c61-4f2e-8a93-5d2c1e6f4b70",
                "file": f"photos/2026/03/{PHOTO_NAME}",  # not in the (empty) media folder
                "url": photo,
                "caption": {"vi": "Người dân đi qua cầu."},
                "paragraph": 0,
                "hero": True,
            }
        ],
    }
    return json.dumps(line, ensure_ascii=False) + "\n"


def newsml(photo: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:dry:cau-huu-nghi"
    version="1" standard="NewsML-G2" standardversion="2.33" xml:lang="vi">
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:TTXVN"/>
    <versionCreated>2026-03-14T09:15:00+07:00</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><creditline>TTXVN</creditline><keyword>cầu hữu nghị</keyword>
    <headline>Cầu hữu nghị mới nối đôi bờ sông biên giới</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><body>
      <p>Cây cầu thứ ba giữa hai nước đã thông xe sau hai năm xây dựng.</p>
      <figure><img src="{photo}" alt="Cầu mới"/><figcaption>Người dân đi qua cầu.</figcaption></figure>
      <p>Cây cầu dài 400 mét.</p>
    </body></html>
  </inlineXML></contentSet>
</newsItem>
"""


def ninjs(photo: str) -> str:
    document = {
        "uri": "urn:dry:ninjs:bridge",
        "type": "text",
        "language": "en",
        "versioncreated": "2026-03-14T09:15:00Z",
        "pubstatus": "usable",
        "headlines": [{"role": "main", "value": "A third friendship bridge opens on the border river"}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>It opened on Saturday.</p>"}],
        "subjects": [{"name": "bridges"}],
        "associations": [
            {
                "name": "featureimage",
                "uri": "urn:dry:ninjs:bridge-photo",
                "type": "picture",
                "descriptions": [{"role": "caption", "value": "Walking across the bridge."}],
                "renditions": [{"name": "web", "href": photo, "contenttype": "image/jpeg"}],
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False)


class DryRunTests(TestCase):
    def setUp(self):
        self.media_root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.enterContext(override_settings(MEDIA_ROOT=self.media_root))
        self.folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        (self.folder / PHOTO_NAME).write_bytes(image_bytes(size=PHOTO_SIZE))
        PhotoServer.requests = []
        server = ThreadingHTTPServer(("127.0.0.1", 0), PhotoServer)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(thread.join, 5)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        self.photo_url = f"http://127.0.0.1:{server.server_port}/anh/{PHOTO_NAME}"

    def media_files(self) -> list[Path]:
        """Every file under MEDIA_ROOT, however deep."""
        return sorted(path for path in self.media_root.rglob("*") if path.is_file())

    def assert_dry_run(self, name: str, content: str, would: str, *, fetch: bool = False, **options) -> None:
        """
        A dry run of the source reports ``would`` and saves nothing; the real import then stores
        the photo (so the source did name one to store).
        """
        path = self.folder / name
        path.write_text(content, encoding="utf-8")
        flags = {"fetch_photos": True} if fetch else {}
        stdout, stderr = run_import(path, dry_run=True, **flags, **options)
        self.assertIn("Dry run: nothing was saved.", stdout)
        self.assertEqual(summary(stdout), would)
        self.assertNotIn("warning:", stderr)
        self.assertEqual({model.__name__ for model in MODELS if model.objects.exists()}, set(), "no row")
        self.assertEqual(self.media_files(), [], "a dry run writes no file")
        self.assertEqual(PhotoServer.requests, [], "a dry run downloads nothing")

        stdout, _stderr = run_import(path, **flags, **options)
        self.assertEqual(summary(stdout), would)
        photo = Photo.objects.exclude(image="").get()
        self.assertEqual((photo.width, photo.height), PHOTO_SIZE)
        self.assertEqual(len(self.media_files()), 1, "the real import stores the photo")
        self.assertEqual(len(PhotoServer.requests), 1 if fetch else 0)

    # A photo file beside the source, named relatively

    def test_a_page_dump(self):
        self.assert_dry_run("cau.txt", page_dump(PHOTO_NAME), "created 1, updated 0, unchanged 0, failed 0")

    def test_an_html_page_read_as_a_page_dump(self):
        self.assert_dry_run(
            "cau.html", html_page(PHOTO_NAME), "created 1, updated 0, unchanged 0, failed 0", format="page"
        )

    def test_a_wordpress_export_with_a_page(self):
        self.assert_dry_run(
            "wordpress.xml",
            wxr(f"wp-content/uploads/2026/03/{PHOTO_NAME}"),
            "created 2, updated 0, unchanged 0, failed 0",
        )

    def test_a_newsml_item(self):
        self.assert_dry_run(
            "item.xml", newsml(f"./{PHOTO_NAME}"), "created 1, updated 0, unchanged 0, failed 0"
        )

    def test_a_ninjs_document(self):
        self.assert_dry_run("item.json", ninjs(PHOTO_NAME), "created 1, updated 0, unchanged 0, failed 0")

    def test_a_path_climbing_out_of_the_folder_still_names_only_the_file_beside_the_source(self):
        self.assert_dry_run(
            "item.json", ninjs(f"../../etc/{PHOTO_NAME}"), "created 1, updated 0, unchanged 0, failed 0"
        )

    # A photo behind an address, with --fetch-photos

    def test_an_rss_feed_fetching_photos(self):
        self.assert_dry_run(
            "feed.rss", rss(self.photo_url), "created 2, updated 0, unchanged 0, failed 0", fetch=True
        )

    def test_an_atom_feed_fetching_photos(self):
        self.assert_dry_run(
            "feed.atom", atom(self.photo_url), "created 1, updated 0, unchanged 0, failed 0", fetch=True
        )

    def test_our_json_lines_fetching_a_photo_whose_stored_file_is_missing(self):
        self.assert_dry_run(
            "backup.jsonl", jsonl(self.photo_url), "created 1, updated 0, unchanged 0, failed 0", fetch=True
        )

    def test_a_ninjs_document_fetching_photos(self):
        self.assert_dry_run(
            "item.json", ninjs(self.photo_url), "created 1, updated 0, unchanged 0, failed 0", fetch=True
        )

    def test_a_newsml_item_fetching_photos(self):
        self.assert_dry_run(
            "item.xml", newsml(self.photo_url), "created 1, updated 0, unchanged 0, failed 0", fetch=True
        )
