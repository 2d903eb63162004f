import shutil
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from articles.models import Article, Status
from ingest.inputs import Input, InputError
from ingest.parsers import newsml
from ingest.records import ArticleRecord, ItemError
from media.models import Photo

from ..conftest import shared_file
from ..factories import image_bytes
from .helpers import run_import, summary, write_temp

FIXTURES = Path(__file__).parent / "fixtures" / "newsml"
HANOI = timezone(timedelta(hours=7))


def parse(path: Path) -> list[ArticleRecord | ItemError]:
    return list(newsml.parse(Input(name=path.name, path=path, base_dir=path.parent)))


def parse_text(test, content: str) -> list[ArticleRecord | ItemError]:
    return parse(write_temp(test, content, ".xml"))


def corpus(name: str) -> list[ArticleRecord | ItemError]:
    return parse(shared_file("testdata", "iptc", name))


class NewsItemParserTests(SimpleTestCase):
    """A Vietnamese newsItem with an XHTML body and an associated picture, field by field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.record,) = parse(FIXTURES / "vietnamese-item.xml")
        cls.version = cls.record.versions["vi"]

    def test_the_guid_without_the_version_is_the_external_id(self):
        self.assertEqual(
            self.record.external_id, "newsml:urn:newsml:huunghi.example.vn:20260314:hoi-nghi-hop-tac"
        )

    def test_the_headline_is_trimmed_and_its_inner_line_break_collapsed(self):
        self.assertEqual(list(self.record.versions), ["vi"])
        self.assertEqual(self.version.title, "Hội nghị hợp tác nhân dân Việt Nam – Campuchia lần thứ năm")

    def test_the_summary_is_the_lead_and_the_caption_description_is_not(self):
        self.assertEqual(
            self.version.lead,
            "Các tổ chức hữu nghị hai nước thống nhất mở rộng giao lưu văn hoá và giáo dục.",
        )

    def test_the_xhtml_body_keeps_its_blocks_without_head_or_images(self):
        body = self.version.body
        self.assertTrue(body.startswith("<p>Sáng 14/3, tại Hà Nội,"))
        self.assertIn("<h2>Mở rộng giao lưu</h2>", body)
        self.assertEqual(body.count("<p>"), 3)
        self.assertEqual(body.count("<br>"), 1, "an empty XHTML <br/> is one line break")
        self.assertNotIn("<img", body)
        self.assertNotIn("Hội nghị</title>", body)

    def test_date_status_byline_and_source(self):
        self.assertEqual(self.version.published_at, datetime(2026, 3, 14, 7, 50, tzinfo=HANOI))
        self.assertEqual(self.version.status, "published")
        self.assertEqual(self.version.byline, "Phạm Quang Vinh", "the photographer is not the author")
        self.assertEqual(self.record.source, "TTXVN")

    def test_named_subjects_in_the_items_language_and_keywords_are_tags(self):
        self.assertEqual(self.record.tags, ["Chính trị", "Hà Nội", "hợp tác quốc tế"])

    def test_the_associated_picture_leads_and_body_pictures_keep_their_place(self):
        photos = [(p.url, p.file_name, p.paragraph, p.caption) for p in self.record.photos]
        self.assertEqual(
            photos,
            [
                (
                    "https://anh.example.vn/2026/03/hoi-nghi.jpg",
                    "",
                    0,
                    {"vi": "Quang cảnh hội nghị hợp tác hữu nghị tại Hà Nội."},
                ),
                (
                    "https://anh.example.vn/2026/03/ky-ket.jpg",
                    "",
                    3,
                    {"vi": "Đại diện hai bên ký biên bản ghi nhớ."},
                ),
                ("", "chu-ky.jpg", 4, {}),
            ],
        )
        self.assertEqual(self.record.photos[1].alt_text, {"vi": "Lễ ký kết"})


class NewsMessageParserTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entries = parse(FIXTURES / "message.xml")

    def test_text_items_are_records_and_the_linked_picture_item_is_not_reported(self):
        self.assertEqual(
            [(type(e).__name__, getattr(e, "external_id", "")) for e in self.entries],
            [
                ("ArticleRecord", "newsml:tag:wire.example.org,2026:text-1"),
                ("ArticleRecord", "newsml:tag:wire.example.org,2026:text-2"),
                ("ItemError", ""),
                ("ItemError", ""),
            ],
        )
        self.assertEqual([e.position for e in self.entries], ["item 1", "item 3", "item 4", "item 5"])

    def test_a_picture_nobody_links_to_and_a_package_are_reported_with_reasons(self):
        self.assertIn("a picture item with no article text", self.entries[2].reason)
        self.assertIn("a package of references to other items", self.entries[3].reason)

    def test_the_linked_picture_item_gives_the_photo_its_best_jpeg_caption_and_credit(self):
        photo = self.entries[0].photos[0]
        self.assertEqual(photo.url, "https://wire.example.org/pictures/library-full.jpg", "not the TIFF")
        self.assertEqual(photo.caption, {"en-GB": "Children read at the opening of the friendship library."})
        self.assertEqual(photo.credit, "Vu Thanh Son/Friendship Wire")
        self.assertEqual(photo.external_id, "newsml:tag:wire.example.org,2026:picture-1")
        self.assertEqual(photo.paragraph, 0)

    def test_a_nitf_body_with_its_picture_placed_between_paragraphs(self):
        record = self.entries[0]
        version = record.versions["en-GB"]
        self.assertEqual(version.title, "Viet Nam and Laos open a friendship library")
        self.assertEqual(
            version.body,
            "<p>The library opened on Saturday in Luang Prabang.</p>"
            "<p>Most of the books are in Lao and Vietnamese.</p>",
        )
        shelves = record.photos[1]
        self.assertEqual(
            (shelves.url, shelves.paragraph, shelves.caption, shelves.alt_text),
            (
                "https://wire.example.org/pictures/library-shelves.jpg",
                1,
                {"en-GB": "Readers browse the new shelves."},
                {"en-GB": "Shelves"},
            ),
        )

    def test_sub_headline_lead_by_line_and_info_source(self):
        record = self.entries[0]
        version = record.versions["en-GB"]
        self.assertEqual(version.lead, "Ten thousand books donated by readers")
        self.assertEqual(version.byline, "Nguyen Hoang Lan")
        self.assertEqual(record.source, "Friendship Wire")
        self.assertEqual(version.published_at, datetime(2026, 3, 14, 10, 0, tzinfo=UTC), "first created")

    def test_withheld_is_a_draft_and_plain_inline_data_becomes_paragraphs(self):
        record = self.entries[1]
        version = record.versions["vi"]
        self.assertEqual(version.status, "draft")
        self.assertEqual(
            version.body,
            "<p>Thư viện đặt tại Luông Pha Băng.</p><p>Phần lớn sách bằng tiếng Lào và tiếng Việt.</p>",
        )
        self.assertEqual(version.published_at, datetime(2026, 3, 14, 11, 30, tzinfo=UTC))


class BilingualNewsItemTests(SimpleTestCase):
    def test_text_in_two_languages_gives_two_versions_and_an_embargo_holds_the_date(self):
        (record,) = parse(FIXTURES / "bilingual-item.xml")
        self.assertEqual(list(record.versions), ["vi", "en"])
        self.assertEqual(record.versions["vi"].title, "Ngư dân Quảng Ngãi ra khơi đầu năm")
        self.assertEqual(record.versions["en"].title, "Quang Ngai fishermen set sail for the new season")
        self.assertEqual(record.versions["en"].lead, "Hundreds of boats left Sa Ky port.")
        self.assertEqual(record.versions["en"].body, "<p>This morning the boats weighed anchor.</p>")
        self.assertEqual(record.versions["vi"].published_at, datetime(2026, 3, 16, 6, 0, tzinfo=HANOI))


class NewsmlCorporaTests(SimpleTestCase):
    """The IPTC and agency files in ../shared/testdata/iptc give what NOTES.md documents."""

    def test_listing_1_is_a_placeholder_with_no_text(self):
        (entry,) = corpus("newsml-g2-LISTING_1_A_NewsML-G2_News_Item.xml")
        self.assertIsInstance(entry, ItemError)
        self.assertIn("no text", entry.reason)

    def test_listing_2_nitf_text_document(self):
        (record,) = corpus("newsml-g2-LISTING_2_NewsML-G2_Text_Document.xml")
        version = record.versions["en-US"]
        self.assertEqual(version.title, 'Fed to halt QE to avert "bubble"')
        self.assertEqual(version.body.count("<p>"), 2)
        self.assertGreater(len(version.body), 1000)
        self.assertEqual(version.byline, "Meredith Jameson")
        self.assertEqual(record.source, "Associated Press")
        self.assertEqual(
            record.tags, ["economy, business and finance", "central bank", "money and monetary policy"]
        )

    def test_pictures_video_and_packages_alone_are_not_articles(self):
        for name, reason in [
            ("newsml-g2-LISTING_3_Photo_in_NewsML-G2.xml", "a picture item"),
            ("newsml-g2-LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2.xml", "a picture item"),
            ("newsml-g2-LISTING_6_Simple_NewsML-G2_Package.xml", "a package of references"),
            ("newsml-g2-ap_metadata_example.xml", "a video item"),
        ]:
            # Read outside the subtest: a missing corpus skips (or fails) the test itself.
            (entry,) = corpus(name)
            with self.subTest(name=name):
                self.assertIsInstance(entry, ItemError)
                self.assertIn(reason, entry.reason)

    def test_ansa_message_with_sub_headline_html_in_plain_data_and_a_tag_uri_picture(self):
        (record,) = corpus("superdesk-ansa-newsmlg2-text.xml")
        version = record.versions["it"]
        self.assertEqual(version.title, "Catalan independence declaration unacceptable - Alfano")
        self.assertEqual(version.lead, "Foreign minister expresses faith in Spanish government")
        self.assertTrue(version.body.startswith("<p>"))
        self.assertNotIn("&lt;p&gt;", version.body)
        self.assertIn("Angelino", version.body)
        self.assertEqual(record.source, "ANSA")
        (photo,) = record.photos
        self.assertEqual(photo.file_name, "200400bfd17a98e68ea9597546e5ec93.jpg")

    def test_stt_finnish_item_with_twice_escaped_entities_repaired(self):
        (record,) = corpus("superdesk-stt_newsml_test.xml")
        version = record.versions["fi-FI"]
        self.assertEqual(
            version.title,
            "Parliament passed the Alcohol Act and the government gained confidence*** TRANSLATED ***",
        )
        self.assertIn("until 4 o'clock", version.body)
        self.assertNotIn("&amp;#39;", version.body)
        self.assertGreater(len(version.body), 7000)
        self.assertEqual(record.source, "STT")

    def test_reuters_messages_trimmed_headlines_and_bodies(self):
        (assad,) = corpus("superdesk-tag_reuters.com_2014_newsml_KBN0FL0NN_version_5.xml")
        self.assertEqual(assad.external_id, "newsml:tag_reuters.com_2014_newsml_KBN0FL0NN")
        version = assad.versions["en-US"]
        self.assertEqual(version.title, "Confident Assad launches new term in stronger position")
        self.assertEqual(version.byline, "Marwan Makdisi")
        self.assertEqual(version.lead, "", "a caption-role description is not the lead")
        self.assertGreater(len(version.body), 6000)
        (results,) = corpus("superdesk-tag_reuters.com_2018_newsml_MTZXEE13ZXCZES_2.xml")
        version = results.versions["en-US"]
        self.assertEqual(version.title, "UPDATE 2-Primeira Liga Results")
        self.assertEqual(results.source, "Opta Sports Data")
        self.assertEqual(results.tags, ["Soccer", "Sport"])
        self.assertTrue(version.body.startswith("<p>Jan 3 (OPTA) - Results and fixtures"))
        self.assertIn("Marítimo", version.body)
        self.assertEqual(version.body.count("<p>"), 2, "text without markup: blank lines part paragraphs")


class NewsmlImportTests(TestCase):
    def copy_with_photo(self) -> Path:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        shutil.copy(FIXTURES / "vietnamese-item.xml", folder / "item.xml")
        (folder / "chu-ky.jpg").write_bytes(image_bytes(size=(90, 60)))
        return folder / "item.xml"

    def test_a_news_item_is_saved_with_its_fields_photos_and_a_file_found_beside_it(self):
        stdout, _stderr = run_import(self.copy_with_photo())
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 0")
        article = Article.objects.get()
        self.assertEqual(article.title_vi, "Hội nghị hợp tác nhân dân Việt Nam – Campuchia lần thứ năm")
        self.assertEqual(
            article.lead_vi, "Các tổ chức hữu nghị hai nước thống nhất mở rộng giao lưu văn hoá và giáo dục."
        )
        self.assertIn("<h2>Mở rộng giao lưu</h2>", article.body_vi)
        self.assertEqual(article.status_vi, Status.REVIEW)  # "usable" wire copy waits for the desk
        self.assertEqual(article.published_at_vi, datetime(2026, 3, 14, 7, 50, tzinfo=HANOI))
        self.assertEqual(article.byline_vi, "Phạm Quang Vinh")
        self.assertEqual((article.source.slug, article.source.name_en), ("vna", "VNA"))
        self.assertEqual(
            sorted(t.name_vi for t in article.tags.all()), ["Chính trị", "Hà Nội", "hợp tác quốc tế"]
        )
        self.assertEqual(article.hero_photo.caption_vi, "Quang cảnh hội nghị hợp tác hữu nghị tại Hà Nội.")
        self.assertEqual(
            list(article.article_photos.values_list("paragraph", flat=True)),
            [0, 3, 4],
            "placed where they stood",
        )
        signature = Photo.objects.get(external_id="newsml:chu-ky.jpg")
        self.assertEqual((signature.width, signature.height), (90, 60))

    def test_again_is_unchanged_and_a_new_version_updates_the_same_article(self):
        path = self.copy_with_photo()
        run_import(path)
        stdout, _stderr = run_import(path)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 1, failed 0")
        path.write_text(
            path.read_text()
            .replace('version="3"', 'version="4"')
            .replace("lần thứ năm\n", "lần thứ năm khai mạc\n"),
            encoding="utf-8",
        )
        stdout, _stderr = run_import(path)
        self.assertEqual(summary(stdout), "created 0, updated 1, unchanged 0, failed 0")
        self.assertEqual(
            Article.objects.get().title_vi,
            "Hội nghị hợp tác nhân dân Việt Nam – Campuchia lần thứ năm khai mạc",
        )

    def test_a_message_imports_its_text_items_and_reports_the_rest(self):
        stdout, stderr = run_import(FIXTURES / "message.xml", expect_failure=True)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 2")
        self.assertIn("message.xml: item 4: a picture item", stderr)
        self.assertIn("message.xml: item 5: a package", stderr)
        library = Article.objects.get(external_id="newsml:tag:wire.example.org,2026:text-1")
        self.assertEqual(library.title_en, "Viet Nam and Laos open a friendship library")
        self.assertEqual(
            library.hero_photo.caption_en, "Children read at the opening of the friendship library."
        )
        self.assertEqual(library.hero_photo.credit.name_en, "Vu Thanh Son/Friendship Wire")
        self.assertEqual(library.source.name_en, "Friendship Wire")
        notice = Article.objects.get(external_id="newsml:tag:wire.example.org,2026:text-2")
        self.assertEqual(notice.status_vi, Status.DRAFT)

    def test_a_bilingual_item_is_one_article_in_both_languages(self):
        run_import(FIXTURES / "bilingual-item.xml")
        article = Article.objects.get()
        self.assertEqual(article.title_vi, "Ngư dân Quảng Ngãi ra khơi đầu năm")
        self.assertEqual(article.title_en, "Quang Ngai fishermen set sail for the new season")


class NewsmlHostileTests(TestCase):
    def test_scripts_handlers_and_javascript_links_are_stripped(self):
        run_import(FIXTURES / "hostile.xml")
        article = Article.objects.get()
        self.assertEqual(article.title_en, "Calm headline")
        self.assertEqual(article.lead_en, "Lead")
        for marker in ("<script", "steal", "onclick", "onerror", "javascript:", "<iframe", "<img", "alert"):
            self.assertNotIn(marker, article.body_en)
        self.assertIn('href="https://example.org/"', article.body_en)
        self.assertFalse(Photo.objects.exists(), "a javascript: picture is not a photo")

    def test_external_entities_billion_laughs_and_external_dtds_are_refused(self):
        item = '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g">'
        item += "<contentMeta><headline>{}</headline></contentMeta></newsItem>"
        laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
        for document in [
            f'<!DOCTYPE newsItem [<!ENTITY x SYSTEM "file:///etc/passwd">]>{item.format("&x;")}',
            f'<!DOCTYPE newsItem [<!ENTITY l0 "lol">{laughs}]>{item.format("&l9;")}',
            f'<!DOCTYPE newsItem SYSTEM "http://evil.example/newsml.dtd">{item.format("x")}',
        ]:
            with self.subTest(document=document[:60]), self.assertRaisesMessage(InputError, "refused"):
                parse_text(self, '<?xml version="1.0"?>' + document)
        _stdout, stderr = run_import(
            write_temp(self, '<?xml version="1.0"?>' + document, ".xml"), expect_failure=True
        )
        self.assertIn("refused", stderr)
        self.assertFalse(Article.objects.exists())

    def test_a_truncated_message_is_refused_whole(self):
        whole = (FIXTURES / "message.xml").read_text()
        with self.assertRaisesMessage(InputError, "looks truncated"):
            parse_text(self, whole[: whole.index("</newsItem>") + len("</newsItem>")])

    def test_a_document_that_is_not_newsml_is_refused(self):
        with self.assertRaisesMessage(InputError, "not NewsML-G2"):
            parse_text(self, "<catalog><item/></catalog>")

    def test_a_message_without_items_is_refused_and_an_item_without_guid_reported(self):
        with self.assertRaisesMessage(InputError, "carries no items"):
            parse_text(
                self, '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/></newsMessage>'
            )
        (entry,) = parse_text(
            self,
            '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta><headline>H</headline>'
            '</contentMeta><contentSet><inlineData contenttype="text/plain">Text</inlineData></contentSet>'
            "</newsItem>",
        )
        self.assertIn("no guid", entry.reason)
