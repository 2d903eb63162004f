import functools
import shutil
import tempfile
import threading
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from articles.models import Article, Source, Status
from ingest.inputs import Input, InputError
from ingest.parsers import feeds
from ingest.records import ArticleRecord, ItemError
from media.models import Photo

from ..conftest import shared_file
from ..factories import image_bytes
from .helpers import run_import, summary, write_temp

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def parse(path: Path) -> list[ArticleRecord | ItemError]:
    return list(feeds.parse(Input(name=path.name, path=path, base_dir=path.parent)))


def parse_bytes(test, content: bytes | str) -> list[ArticleRecord | ItemError]:
    return parse(write_temp(test, content, ".xml"))


def serve(test, directory: Path) -> str:
    """An http server on 127.0.0.1 serving directory until the test ends; its base address."""

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    test.addCleanup(thread.join)
    test.addCleanup(server.server_close)
    test.addCleanup(server.shutdown)
    return f"http://127.0.0.1:{server.server_port}"


class RssParserTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = parse(FIXTURES / "vietnamese.rss")

    def test_every_item_becomes_a_record(self):
        self.assertEqual(len(self.records), 3)
        self.assertEqual([r.position for r in self.records], ["item 1", "item 2", "item 3"])

    def test_the_guid_is_the_external_id_without_its_surrounding_newlines(self):
        self.assertEqual(self.records[0].external_id, "rss:huunghi-1001")

    def test_an_item_without_guid_is_known_by_its_link(self):
        self.assertEqual(
            self.records[1].external_id, "rss:https://huunghi.example.vn/thanh-nien/tham-truong-1002.html"
        )

    def test_the_channel_language_keys_the_version_and_the_title_is_trimmed(self):
        version = self.records[0].versions["vi"]
        self.assertEqual(version.title, "Lễ hội văn hoá hữu nghị Việt – Lào khai mạc tại Đà Nẵng")

    def test_an_items_own_xml_lang_wins_over_the_channel_language(self):
        self.assertEqual(list(self.records[2].versions), ["en"])

    def test_the_teaser_html_gives_a_text_lead_and_its_image_becomes_the_top_photo(self):
        record = self.records[0]
        version = record.versions["vi"]
        self.assertEqual(
            version.lead, "Hơn năm trăm nghệ sĩ hai nước cùng biểu diễn trong đêm khai mạc bên bờ sông Hàn."
        )
        self.assertEqual(record.photos[0].url, "https://anh.example.vn/2026/03/le-hoi-nho.jpg")
        self.assertEqual(record.photos[0].paragraph, 0)

    def test_content_encoded_is_the_body_with_its_images_taken_out_as_placed_photos(self):
        record = self.records[0]
        body = record.versions["vi"].body
        self.assertEqual(body.count("<p>"), 3)
        self.assertNotIn("<img", body)
        self.assertNotIn("figcaption", body)
        stage = record.photos[1]
        self.assertEqual(stage.url, "https://anh.example.vn/2026/03/san-khau.jpg")
        self.assertEqual(stage.paragraph, 1)
        self.assertEqual(stage.caption, {"vi": "Các nghệ sĩ biểu diễn múa lăm vông."})
        self.assertEqual(stage.alt_text, {"vi": "Sân khấu lễ hội"})
        # At the end of the third paragraph, its relative address resolved against the item's link.
        night = record.photos[2]
        self.assertEqual(night.url, "https://huunghi.example.vn/2026/03/ve-dem.jpg")
        self.assertEqual(night.paragraph, 3)

    def test_date_byline_tags_and_status(self):
        record = self.records[0]
        version = record.versions["vi"]
        self.assertEqual(version.published_at, datetime(2026, 3, 14, 1, 30, tzinfo=UTC))
        self.assertEqual(version.byline, "Nguyễn Thị Hồng Nhung")
        self.assertIsNone(version.status)
        self.assertEqual(record.tags, ["Văn hoá", "Hữu nghị Việt – Lào"])

    def test_a_summary_only_item_has_a_lead_and_no_body(self):
        version = self.records[1].versions["vi"]
        self.assertEqual(version.lead, "Đoàn gồm ba mươi đoàn viên đã trao tặng sách vở và thiết bị học tập.")
        self.assertEqual(version.body, "")
        self.assertEqual(version.byline, "Ban Biên tập", "the e-mail address of <author> is left out")

    def test_an_author_given_only_as_an_email_address_gives_no_byline(self):
        self.assertEqual(self.records[2].versions["en"].byline, "")

    def test_an_image_enclosure_is_the_top_photo(self):
        photos = self.records[2].photos
        self.assertEqual(
            [(p.url, p.paragraph) for p in photos], [("https://anh.example.vn/2026/03/festival.jpg", 0)]
        )


class AtomParserTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = parse(FIXTURES / "english.atom")

    def test_entries_are_keyed_by_their_atom_id_and_the_feeds_language(self):
        self.assertEqual(self.records[0].external_id, "atom:tag:news.example.org,2026:entry-501")
        self.assertEqual(list(self.records[0].versions), ["en"])
        self.assertEqual(list(self.records[2].versions), ["vi"], "an entry's xml:lang wins")

    def test_summary_is_the_lead_and_content_the_body(self):
        version = self.records[0].versions["en"]
        self.assertEqual(
            version.lead, "The two capitals will send two hundred students to each other every year."
        )
        self.assertEqual(
            version.body,
            "<p>The agreement was signed on Saturday by the two city youth unions.</p>"
            "<p>Students will spend a semester abroad.</p><p>The first exchange begins in September.</p>",
        )

    def test_an_image_opening_a_paragraph_stands_before_it(self):
        signing = self.records[0].photos[1]
        self.assertEqual(signing.url, "https://news.example.org/media/signing.jpg")
        self.assertEqual(signing.paragraph, 1)
        self.assertEqual(signing.alt_text, {"en": "The signing"})

    def test_enclosure_link_authors_categories_and_published_date(self):
        record = self.records[0]
        version = record.versions["en"]
        self.assertEqual(record.photos[0].url, "https://news.example.org/media/youth-exchange.png")
        self.assertEqual(version.byline, "Tran Minh Duc, Le Thu Ha")
        self.assertEqual(record.tags, ["Diplomacy", "youth"])
        self.assertEqual(version.published_at, datetime(2026, 3, 14, 2, 15, tzinfo=UTC))

    def test_xhtml_and_plain_text_content_become_paragraphs(self):
        self.assertEqual(
            self.records[1].versions["en"].body,
            "<p>Sixty photographs tell the story of the road.</p><p>The exhibition is open until April.</p>",
        )
        self.assertEqual(
            self.records[2].versions["vi"].body,
            "<p>Sáu mươi bức ảnh kể câu chuyện về con đường.</p><p>Triển lãm mở cửa đến hết tháng Tư.</p>",
        )
        self.assertEqual(self.records[1].versions["en"].published_at, datetime(2026, 3, 12, 8, 0, tzinfo=UTC))


class MediaRssTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = parse(FIXTURES / "media.rss")

    def test_sizes_of_one_picture_give_one_photo_the_largest_with_caption_and_credit(self):
        (photo,) = self.records[0].photos
        self.assertEqual(photo.url, "https://img.example.com/mekong-harvest.jpg?w=960")
        self.assertEqual(photo.caption, {"en-gb": "Farmers carry rice sheaves along a canal near Can Tho."})
        self.assertEqual(photo.credit, "Pham Van Long/Friendship Agency", "the 'Photograph:' label goes")
        self.assertEqual(photo.paragraph, 0)

    def test_the_media_description_does_not_replace_the_items_own_description(self):
        # feedparser files media:description as the item's summary or body.
        version = self.records[0].versions["en-gb"]
        self.assertEqual(version.lead, "Farmers expect a record crop this spring.")
        self.assertEqual(version.body, "")

    def test_a_group_is_one_picture_and_svg_or_video_are_not_photos(self):
        (photo,) = self.records[1].photos
        self.assertEqual(photo.url, "https://img.example.com/hoi-an-large.jpg")
        self.assertEqual(photo.caption, {"en-gb": "Lanterns over the Thu Bon river"})
        self.assertEqual(photo.credit, "Hoang Anh")
        self.assertEqual(self.records[1].versions["en-gb"].title, "Lanterns light up Hoi An")

    def test_a_thumbnail_is_used_when_there_is_nothing_larger(self):
        self.assertEqual([p.url for p in self.records[2].photos], ["https://img.example.com/storm-thumb.jpg"])


class FeedCorporaTests(SimpleTestCase):
    """The real feeds in ../shared/testdata/feeds give what NOTES.md documents."""

    def test_vnexpress_25_items_trimmed_with_teaser_photos_and_no_language(self):
        records = parse(shared_file("testdata", "feeds", "vnexpress-tin-moi-nhat-2017-08-30.rss"))
        self.assertEqual(len(records), 25)
        first = records[0]
        self.assertEqual(
            first.versions[""].title, "Bể bơi dát vàng trong biệt thự nơi tổng thống Putin nghỉ dưỡng"
        )
        self.assertTrue(first.versions[""].lead.startswith("Biệt thự Sellgren xây trên khu đất rộng"))
        self.assertEqual(
            first.photos[0].url, "https://i-dulich.vnecdn.net/2017/08/30/1-1504063223_180x108.jpg"
        )
        self.assertEqual(first.versions[""].published_at, datetime(2017, 8, 30, 13, 3, tzinfo=UTC))
        for record in records:
            version = record.versions[""]
            self.assertEqual(version.title, version.title.strip())
            self.assertNotIn("\n", record.external_id)
            self.assertEqual(len(record.photos), 1)
        english = [r for r in records if "://e.vnexpress.net/" in r.external_id]
        self.assertEqual(len(english), 2)

    def test_guardian_55_items_each_with_a_credited_photo(self):
        records = parse(shared_file("testdata", "feeds", "rss-parser-guardian.rss"))
        self.assertEqual(len(records), 55)
        self.assertEqual({language for r in records for language in r.versions}, {"en-gb"})
        for record in records:
            self.assertEqual(len(record.photos), 1)
            self.assertTrue(record.photos[0].credit)
            self.assertIn("w=460", record.photos[0].url, "the larger of the two sizes")
        self.assertEqual(records[0].photos[0].credit, "Networ/Sipa USA/REX/Shutterstock")
        # A description of several paragraphs: the standfirst leads, the rest is the body.
        first = records[0].versions["en-gb"]
        self.assertEqual(
            first.lead,
            "The president’s ‘new American moment’ speech stirred Republican applause while Democrats "
            "showed thinly disguised contempt",
        )
        self.assertTrue(first.body.startswith("<p>Donald Trump has promised a “new American moment”"))

    def test_declared_latin1_is_decoded_and_tracking_pixels_are_not_photos(self):
        records = parse(shared_file("testdata", "feeds", "rss-parser-encoding.rss"))
        self.assertEqual(len(records), 40)
        self.assertEqual(
            records[0].versions["pt-pt"].title, "Mãe de utente é a nova presidente da Raríssimas"
        )
        self.assertTrue(records[0].versions["pt-pt"].lead.startswith("Sónia Laygue, profissional na área"))
        self.assertEqual([photo for r in records for photo in r.photos], [])

    def test_undeclared_latin1_is_refused_with_a_clear_error(self):
        with self.assertRaisesMessage(InputError, "not valid UTF-8 and no other encoding is declared"):
            parse(shared_file("testdata", "feeds", "rss-parser-uolNoticias.rss"))

    def test_content_encoded_bodies_lose_their_images_to_photos(self):
        records = parse(shared_file("testdata", "feeds", "rss-parser-content-encoded.rss"))
        self.assertEqual(len(records), 7)
        for record in records:
            (version,) = record.versions.values()
            self.assertTrue(version.body)
            self.assertNotIn("<img", version.body)
            self.assertEqual(version.lead, "", "the summary repeats the body: it is not a lead")
        self.assertTrue(any(record.photos for record in records))

    def test_atom_feeds_heise_and_feedburner(self):
        heise = parse(shared_file("testdata", "feeds", "rss-parser-heise.atom"))
        self.assertEqual(len(heise), 15)
        self.assertTrue(all(next(iter(r.versions.values())).body for r in heise))
        self.assertEqual(heise[0].versions[""].lead, "", "the summary repeats the body's text")
        self.assertEqual(heise[0].versions[""].title, "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei")
        feedburner = parse(shared_file("testdata", "feeds", "rss-parser-feedburner.atom"))
        self.assertEqual(len(feedburner), 25)
        self.assertEqual(
            feedburner[0].versions[""].title, "AdWords and DFP Java client library will soon require Java 7+"
        )
        self.assertEqual(feedburner[0].versions[""].byline, "Google Ads Developer Advisor")


class FeedImportTests(TestCase):
    """import_articles on a feed: saved fields, photos, re-runs."""

    def test_a_feed_is_imported_with_its_text_photos_and_tags(self):
        stdout, _stderr = run_import(FIXTURES / "vietnamese.rss")
        self.assertEqual(summary(stdout), "created 3, updated 0, unchanged 0, failed 0")
        article = Article.objects.get(external_id="rss:huunghi-1001")
        self.assertEqual(article.title_vi, "Lễ hội văn hoá hữu nghị Việt – Lào khai mạc tại Đà Nẵng")
        self.assertEqual(
            article.lead_vi,
            "Hơn năm trăm nghệ sĩ hai nước cùng biểu diễn trong đêm khai mạc bên bờ sông Hàn.",
        )
        self.assertEqual(article.body_vi.count("<p>"), 3)
        self.assertEqual(article.byline_vi, "Nguyễn Thị Hồng Nhung")
        self.assertEqual(article.status_vi, Status.REVIEW)  # feed items wait for the desk
        self.assertEqual(article.published_at_vi, datetime(2026, 3, 14, 1, 30, tzinfo=UTC))
        self.assertFalse(article.has_language("en"))
        self.assertEqual(
            sorted(tag.name_vi for tag in article.tags.all()), ["Hữu nghị Việt – Lào", "Văn hoá"]
        )
        self.assertEqual(article.category.slug_en, "news")
        self.assertEqual(article.hero_photo.source_url, "https://anh.example.vn/2026/03/le-hoi-nho.jpg")
        placed = list(article.article_photos.values_list("photo__source_url", "paragraph"))
        self.assertEqual(
            placed,
            [
                ("https://anh.example.vn/2026/03/le-hoi-nho.jpg", 0),
                ("https://anh.example.vn/2026/03/san-khau.jpg", 1),
                ("https://huunghi.example.vn/2026/03/ve-dem.jpg", 3),
            ],
        )
        stage = Photo.objects.get(source_url="https://anh.example.vn/2026/03/san-khau.jpg")
        self.assertEqual(stage.caption_vi, "Các nghệ sĩ biểu diễn múa lăm vông.")
        self.assertEqual(stage.alt_text_vi, "Sân khấu lễ hội")
        english = Article.objects.get(external_id__endswith="friendship-festival-1003.html")
        self.assertEqual(english.title_en, "Friendship festival opens in Da Nang")
        self.assertFalse(english.has_language("vi"))

    def test_running_again_changes_nothing_and_a_changed_item_is_updated(self):
        run_import(FIXTURES / "vietnamese.rss")
        stdout, _stderr = run_import(FIXTURES / "vietnamese.rss")
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 3, failed 0")
        changed = (
            (FIXTURES / "vietnamese.rss").read_text().replace("luân phiên giữa hai nước", "tại Viêng Chăn")
        )
        stdout, _stderr = run_import(write_temp(self, changed, ".rss"))
        self.assertEqual(summary(stdout), "created 0, updated 1, unchanged 2, failed 0")
        self.assertIn("tại Viêng Chăn", Article.objects.get(external_id="rss:huunghi-1001").body_vi)
        self.assertEqual(Article.objects.count(), 3)

    def test_media_credits_become_sources_and_captions_land_in_the_guessed_language(self):
        run_import(FIXTURES / "media.rss")
        article = Article.objects.get(external_id="rss:https://photos.example.com/mekong-harvest")
        self.assertEqual(article.title_en, "Rice harvest begins in the Mekong Delta")
        self.assertEqual(
            article.hero_photo.caption_en, "Farmers carry rice sheaves along a canal near Can Tho."
        )
        self.assertEqual(article.hero_photo.credit.name_en, "Pham Van Long/Friendship Agency")

    def test_vnexpress_files_its_two_english_items_under_english(self):
        stdout, _stderr = run_import(
            shared_file("testdata", "feeds", "vnexpress-tin-moi-nhat-2017-08-30.rss")
        )
        self.assertEqual(summary(stdout), "created 25, updated 0, unchanged 0, failed 0")
        articles = Article.objects.all()
        self.assertEqual(sum(article.has_language("en") for article in articles), 2)
        self.assertEqual(sum(article.has_language("vi") for article in articles), 23)

    def test_a_feed_in_another_language_is_refused_per_item_with_the_reason(self):
        stdout, stderr = run_import(
            shared_file("testdata", "feeds", "rss-parser-encoding.rss"), expect_failure=True
        )
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 0, failed 40")
        self.assertIn("item 1: its language is 'pt-pt'", stderr)


class FeedHostileTests(TestCase):
    """Nothing harmful is saved; entity tricks, truncation and bad bytes are refused before feedparser."""

    def test_scripts_handlers_and_javascript_links_are_stripped(self):
        run_import(FIXTURES / "hostile.rss")
        article = Article.objects.get()
        self.assertEqual(article.title_en, "Harmless headline")
        self.assertEqual(article.lead_en, "Lead text")
        for marker in ("<script", "steal", "onclick", "javascript:", "<iframe", "<svg", "<img", "alert"):
            self.assertNotIn(marker, article.body_en)
        self.assertIn('href="https://example.org/"', article.body_en)
        self.assertEqual(article.hero_photo.caption_en, "Caption text")
        self.assertEqual(article.hero_photo.credit.name_en, "Credit")
        self.assertFalse(Photo.objects.filter(source_url__startswith="javascript").exists())

    def test_an_external_entity_is_refused_and_nothing_is_read_from_disk(self):
        feed = (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
            '<rss version="2.0"><channel><title>x</title><item><title>&secret;</title>'
            "<guid>xxe</guid></item></channel></rss>"
        )
        _stdout, stderr = run_import(write_temp(self, feed, ".rss"), format="rss", expect_failure=True)
        self.assertIn("refused: the XML declares a DTD or entities", stderr)
        self.assertFalse(Article.objects.exists())
        with self.assertRaisesMessage(InputError, "refused"):
            parse_bytes(self, feed)

    def test_billion_laughs_is_refused(self):
        entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
        feed = (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]>'
            '<rss version="2.0"><channel><item><title>&l9;</title></item></channel></rss>'
        )
        with self.assertRaisesMessage(InputError, "refused"):
            parse_bytes(self, feed)

    def test_a_truncated_feed_keeps_no_partial_item(self):
        whole = (FIXTURES / "vietnamese.rss").read_bytes()
        with self.assertRaisesMessage(InputError, "looks truncated"):
            parse_bytes(self, whole[: whole.index(b"</item>") + len(b"</item>")])
        with self.assertRaisesMessage(InputError, "looks truncated"):  # inside a CDATA section
            parse_bytes(self, whole[: whole.index("Tối 13/3".encode())])

    def test_undeclared_non_utf8_is_refused_but_declared_latin1_is_decoded(self):
        body = '<rss version="2.0"><channel><language>en</language><item><title>Café à Saïgon</title>'
        body += "<guid>latin-1</guid></item></channel></rss>"
        with self.assertRaisesMessage(InputError, "not valid UTF-8"):
            parse_bytes(self, body.encode("latin-1"))
        declared = '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n' + body.replace("><", ">\r\n<")
        (record,) = parse_bytes(self, declared.encode("latin-1"))
        self.assertEqual(record.versions["en"].title, "Café à Saïgon")

    def test_rss_1_items_an_item_without_title_and_one_without_guid_or_link(self):
        feed = (
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
            ' xmlns:x="urn:example:extension"><channel rdf:about="https://example.org/"><title>C</title></channel>'
            '<item rdf:about="https://example.org/1"><title>First</title><link>https://example.org/1</link>'
            "<x:item>an extension's element, not an item</x:item></item>"
            "<item><description>No title here</description></item>"
            "<item><title>Neither guid nor link</title></item></rdf:RDF>"
        )
        entries = parse_bytes(self, feed)
        self.assertEqual(entries[0].external_id, "rss:https://example.org/1")
        self.assertEqual(entries[1], ItemError("item 2", "it has no title"))
        self.assertRegex(entries[2].external_id, r"^rss:sha1:[0-9a-f]{40}$")
        self.assertEqual(parse_bytes(self, feed)[2].external_id, entries[2].external_id, "stable")

    def test_a_document_that_is_not_a_feed_is_refused(self):
        with self.assertRaisesMessage(InputError, "an HTML page, not a feed"):
            parse_bytes(self, "<html><body>hello</body></html>")


class FeedAddressTests(TestCase):
    """Feeds fetched over http(s); nothing else."""

    def test_a_feed_is_imported_from_an_http_address_with_its_photos(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        base = serve(self, folder)
        (folder / "harvest.jpg").write_bytes(image_bytes(size=(120, 80)))
        (folder / "feed.rss").write_text(
            (FIXTURES / "media.rss")
            .read_text()
            .replace("https://img.example.com/mekong-harvest.jpg?w=960", f"{base}/harvest.jpg"),
            encoding="utf-8",
        )
        stdout, _stderr = run_import(f"{base}/feed.rss", fetch_photos=True)
        self.assertEqual(summary(stdout), "created 3, updated 0, unchanged 0, failed 0")
        photo = Article.objects.get(external_id="rss:https://photos.example.com/mekong-harvest").hero_photo
        self.assertEqual(photo.source_url, f"{base}/harvest.jpg")
        self.assertEqual((photo.width, photo.height), (120, 80))
        self.assertTrue(Source.objects.filter(name_en="Pham Van Long/Friendship Agency").exists())

    def test_a_missing_address_fails_clearly(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        base = serve(self, folder)
        _stdout, stderr = run_import(f"{base}/nothing.rss", expect_failure=True)
        self.assertIn("the server answered 404", stderr)

    def test_addresses_that_are_not_http_are_refused(self):
        for location in ("file:///etc/passwd", "ftp://example.org/feed.rss"):
            with self.subTest(location=location):
                stdout, stderr = run_import(location, expect_failure=True)
                self.assertIn("only http and https addresses can be imported", stderr)
                self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 0, failed 1")
        self.assertFalse(Article.objects.exists())
