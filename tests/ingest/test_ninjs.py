import json
from datetime import UTC, datetime, timedelta, timezone
from io import StringIO
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from articles.models import Article, ArticlePhoto, Status
from ingest.exports import export_ninjs
from ingest.inputs import Input, InputError
from ingest.parsers import ninjs
from ingest.records import ArticleRecord, ItemError
from media.models import Photo

from ..conftest import shared_file
from ..factories import make_article, make_category, make_photo, make_source, make_tag
from .helpers import run_import, summary, write_temp

FIXTURES = Path(__file__).parent / "fixtures" / "ninjs"
HANOI = timezone(timedelta(hours=7))


def parse(path: Path) -> list[ArticleRecord | ItemError]:
    return list(ninjs.parse(Input(name=path.name, path=path, base_dir=path.parent)))


def parse_text(test, content: bytes | str) -> list[ArticleRecord | ItemError]:
    return parse(write_temp(test, content, ".json"))


class Ninjs1ParserTests(SimpleTestCase):
    """A ninjs 1.x Vietnamese item, field by field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.record,) = parse(FIXTURES / "vietnamese-1x.json")
        cls.version = cls.record.versions["vi"]

    def test_identity_language_and_position(self):
        self.assertEqual(self.record.external_id, "ninjs:urn:ninjs:huunghi.example.vn:2026:tin-3001")
        self.assertEqual(self.record.uid, "")
        self.assertEqual(list(self.record.versions), ["vi"])
        self.assertEqual(self.record.position, "item 1")

    def test_headline_description_byline_date_and_status(self):
        self.assertEqual(self.version.title, "Trao học bổng hữu nghị cho sinh viên Lào tại Huế")
        self.assertEqual(
            self.version.lead,
            "Năm mươi suất học bổng được trao cho sinh viên đang theo học tại các trường đại học ở Huế.",
        )
        self.assertEqual(self.version.byline, "Trần Thị Mai Anh")
        self.assertEqual(
            self.version.published_at, datetime(2026, 3, 14, 8, 10, tzinfo=HANOI), "first created"
        )
        self.assertEqual(self.version.status, "published")

    def test_body_html_without_its_image_which_becomes_a_placed_photo(self):
        self.assertEqual(self.version.body.count("<p>"), 3)
        self.assertNotIn("<img", self.version.body)
        inline = self.record.photos[1]
        self.assertEqual(
            (inline.url, inline.paragraph, inline.alt_text),
            ("https://anh.example.vn/2026/03/sinh-vien.jpg", 2, {"vi": "Sinh viên nhận học bổng"}),
        )

    def test_subject_place_and_person_names_are_tags_and_source_is_kept(self):
        self.assertEqual(self.record.tags, ["Giáo dục", "Thừa Thiên Huế", "Bùi Văn Khánh"])
        self.assertEqual(self.record.source, "TTXVN")

    def test_the_feature_picture_is_the_main_photo_from_its_original_rendition_even_without_sizes(self):
        photo = self.record.photos[0]
        self.assertEqual(photo.url, "https://anh.example.vn/2026/03/trao-hoc-bong.jpg")
        self.assertEqual(photo.caption, {"vi": "Sinh viên Lào nhận học bổng hữu nghị."})
        self.assertEqual(photo.credit, "Ngô Đức Thành")
        self.assertEqual((photo.hero, photo.paragraph), (True, 0))
        self.assertEqual(photo.external_id, "ninjs:urn:ninjs:huunghi.example.vn:2026:anh-3001")


class Ninjs2ParserTests(SimpleTestCase):
    """An array of ninjs 2.x English items."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first, cls.second = parse(FIXTURES / "english-2x.json")
        cls.version = cls.first.versions["en-GB"]

    def test_the_main_headline_and_the_summary_not_the_caption(self):
        self.assertEqual(self.version.title, "Friendship library opens in Luang Prabang")
        self.assertEqual(self.version.lead, "Readers from both countries donated the books.")

    def test_bodies_by_dates_and_info_source(self):
        self.assertEqual(
            self.version.body,
            "<p>The library opened on Saturday.</p><p>It holds books in Lao and Vietnamese.</p>",
        )
        self.assertEqual(self.version.byline, "Nguyen Hoang Lan")
        self.assertEqual(
            self.version.published_at, datetime(2026, 3, 14, 7, 30, tzinfo=UTC), "content created"
        )
        self.assertEqual(self.first.source, "Friendship Wire", "the info source whose role is source")
        self.assertEqual(self.first.tags, ["libraries", "Luang Prabang", "Souksavanh Phommachanh"])

    def test_associations_pictures_only_the_largest_image_rendition_the_feature_as_hero(self):
        photos = [(p.url, p.paragraph, p.hero, p.credit, p.caption) for p in self.first.photos]
        self.assertEqual(
            photos,
            [
                ("https://wire.example.org/pictures/shelves-small.jpg", None, False, "Vu Thanh Son",
                 {"en-GB": "New shelves"}),
                ("https://wire.example.org/pictures/opening-print.jpg", 0, True, "Friendship Wire",
                 {"en-GB": "Children read on opening day."}),
            ],
        )  # fmt: skip

    def test_a_plain_text_body_becomes_paragraphs_and_withheld_is_a_draft(self):
        version = self.second.versions["en"]
        self.assertEqual(version.body, "<p>Opening hours will be announced.</p><p>Entry is free.</p>")
        self.assertEqual(version.status, "draft")
        self.assertEqual(self.second.position, "item 2")


class NinjsLinesTests(SimpleTestCase):
    def test_one_object_per_line_with_bad_lines_reported_by_number(self):
        entries = parse(FIXTURES / "lines.ninjs")
        self.assertEqual([e.position for e in entries], ["line 1", "line 2", "line 3", "line 5"])
        self.assertEqual(entries[0].versions["vi"].body, "<p>Nội dung tin thứ nhất.</p>")
        self.assertEqual(entries[1].reason, "a picture, not an article")
        self.assertIn("not valid JSON: Unterminated string", entries[2].reason)
        self.assertEqual(entries[3].versions["vi"].title, "Tin thứ tư")

    def test_an_invalid_utf8_line_fails_that_line_only(self):
        good = b'{"uri": "u:1", "headline": "Good", "body_text": "Text"}'
        entries = parse_text(
            self, good + b'\n{"uri": "u:2", "headline": "\xff\xfe"}\n' + good.replace(b"1", b"3")
        )
        self.assertEqual([type(e).__name__ for e in entries], ["ArticleRecord", "ItemError", "ArticleRecord"])
        self.assertIn("line 2: not valid UTF-8", f"{entries[1].position}: {entries[1].reason}")


class NinjsCorporaTests(SimpleTestCase):
    """The ninjs files in ../shared/testdata/iptc give what NOTES.md documents."""

    def test_the_specification_samples_prefer_xhtml_to_text(self):
        (simple,) = parse(shared_file("testdata", "iptc", "superdesk-ninjsExSimpleText1.json"))
        (medium,) = parse(shared_file("testdata", "iptc", "superdesk-ninjsExMediumText1.json"))
        self.assertEqual(list(simple.versions), [""])
        self.assertEqual(list(medium.versions), ["en"])
        for record in (simple, medium):
            (version,) = record.versions.values()
            self.assertEqual(version.title, "Captain of wrecked cruise ship on trial in Italy")
            self.assertEqual(version.body.count("<p>"), 4, "body_xhtml's four paragraphs")
            self.assertEqual(version.byline, "Paulo Santalucia and Frances d'Emilio")
            self.assertEqual(version.published_at, datetime(2013, 7, 9, 10, 37, tzinfo=UTC))
        self.assertEqual(simple.external_id, "ninjs:http://ninjs.example.com/newsitems/20130709simp123")
        self.assertIn("Costa Crociere SpA", medium.tags)

    def test_superdesk_text_items(self):
        (first,) = parse(shared_file("testdata", "iptc", "superdesk-ninjs1.json"))
        version = first.versions["fr"]
        self.assertEqual(
            (version.title, version.lead, version.body), ("headline", "abstract", "<p>The story so far.</p>")
        )
        self.assertEqual(version.byline, "Peter and Jane")
        self.assertEqual(first.source, "AAP")
        (oil,) = parse(shared_file("testdata", "iptc", "superdesk-ninjs2.json"))
        version = oil.versions[""]
        self.assertEqual(version.title, "Oil prices edge up on first drop in US drilling in months")
        self.assertEqual(version.byline, "Henning Gloystein")
        self.assertGreater(len(version.body), 1700)
        (photo,) = oil.photos
        self.assertEqual(photo.url, "http://localhost:5000/api/upload-raw/599e31ec1d41c833e0b8a830.jpg")
        self.assertEqual(photo.credit, "Bebeto Matthews")
        self.assertTrue(photo.hero)

    def test_a_picture_item_is_reported_not_imported(self):
        (entry,) = parse(shared_file("testdata", "iptc", "superdesk-ninjs3.json"))
        self.assertEqual(entry, ItemError("item 1", "a picture, not an article"))


class NinjsRoundTripTests(TestCase):
    """What export_articles --format ninjs writes reads back as the same article."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(
            title_vi="Hợp tác giáo dục Việt – Lào",
            title_en="Viet Nam – Laos education cooperation",
            body_vi="<p>Đoạn một.</p><h2>Tiêu đề phụ</h2><p>Đoạn hai.</p>",
            category=make_category(name_vi="Ngoại giao", name_en="Diplomacy"),
            source=make_source(name_vi="TTXVN", name_en="VNA", slug="vna"),
            byline_en="Le Thu Ha",
        )
        cls.article.tags.add(make_tag(name_vi="Giáo dục", name_en="Education"))
        cls.photo = make_photo(caption_vi="Học sinh trong lớp", caption_en="Students in class")
        cls.article.hero_photo = cls.photo
        cls.article.save()
        ArticlePhoto.objects.create(article=cls.article, photo=cls.photo, position=0)

    def export(self) -> str:
        stream = StringIO()
        export_ninjs(stream, base_url="https://news.example.org")
        return stream.getvalue()

    def test_each_exported_language_parses_back_with_the_same_text(self):
        records = parse_text(self, self.export())
        self.assertEqual([list(r.versions) for r in records], [["vi"], ["en"]])
        for record in records:
            (language,) = record.versions
            version = record.versions[language]
            self.assertEqual(version.title, getattr(self.article, f"title_{language}"))
            self.assertEqual(version.body, getattr(self.article, f"body_{language}"))
            self.assertEqual(version.lead, getattr(self.article, f"lead_{language}"))
            self.assertEqual(version.published_at, getattr(self.article, f"published_at_{language}"))
            self.assertEqual(version.status, "published")
            self.assertEqual(record.uid, str(self.article.uid))
            self.assertEqual(record.source, "TTXVN" if language == "vi" else "VNA")
        self.assertEqual(records[1].versions["en"].byline, "Le Thu Ha")
        self.assertEqual(records[0].category, ["Ngoại giao"])
        self.assertEqual(records[1].tags, ["Education"])
        self.assertEqual(records[0].format, "standard")

    def test_importing_the_export_into_an_empty_database_gives_one_bilingual_article(self):
        path = write_temp(self, self.export(), ".ninjs")
        Article.objects.all().delete()
        stdout, _stderr = run_import(path)
        self.assertEqual(summary(stdout), "created 1, updated 1, unchanged 0, failed 0")
        article = Article.objects.get()
        self.assertEqual(article.uid, self.article.uid)
        self.assertEqual(article.title_vi, "Hợp tác giáo dục Việt – Lào")
        self.assertEqual(article.title_en, "Viet Nam – Laos education cooperation")
        self.assertEqual(article.category.name_en, "Diplomacy")
        self.assertEqual(article.source.slug, "vna")
        self.assertEqual([(t.name_vi, t.name_en) for t in article.tags.all()], [("Giáo dục", "Education")])
        self.assertEqual(article.hero_photo.uid, self.photo.uid)
        self.assertEqual(article.hero_photo.caption_en, "Students in class")
        stdout, _stderr = run_import(path)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 2, failed 0")
        self.assertEqual(Photo.objects.count(), 1)

    def test_importing_the_export_again_into_the_same_database_changes_nothing(self):
        stdout, _stderr = run_import(write_temp(self, self.export(), ".ninjs"))
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 2, failed 0")
        self.assertEqual(Photo.objects.count(), 1)


class NinjsImportTests(TestCase):
    def test_an_item_is_saved_with_its_photos_and_status(self):
        stdout, _stderr = run_import(FIXTURES / "vietnamese-1x.json")
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 0")
        article = Article.objects.get()
        self.assertEqual(article.external_id, "ninjs:urn:ninjs:huunghi.example.vn:2026:tin-3001")
        self.assertEqual(article.title_vi, "Trao học bổng hữu nghị cho sinh viên Lào tại Huế")
        self.assertEqual(article.status_vi, Status.REVIEW)  # "usable" wire copy waits for the desk
        self.assertEqual((article.source.slug, article.byline_vi), ("vna", "Trần Thị Mai Anh"))
        self.assertEqual(article.hero_photo.caption_vi, "Sinh viên Lào nhận học bổng hữu nghị.")
        self.assertEqual(article.hero_photo.credit.name_vi, "Ngô Đức Thành")
        self.assertEqual(
            sorted(t.name_vi for t in article.tags.all()), ["Bùi Văn Khánh", "Giáo dục", "Thừa Thiên Huế"]
        )
        stdout, _stderr = run_import(FIXTURES / "vietnamese-1x.json")
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 1, failed 0")

    def test_json_lines_import_the_good_lines_and_report_the_others(self):
        stdout, stderr = run_import(FIXTURES / "lines.ninjs", expect_failure=True)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 2")
        self.assertIn("lines.ninjs: line 2: a picture, not an article", stderr)
        self.assertIn("lines.ninjs: line 3: not valid JSON", stderr)

    def test_a_changed_item_is_updated(self):
        run_import(FIXTURES / "english-2x.json")
        data = json.loads((FIXTURES / "english-2x.json").read_text())
        data[1]["headlines"][0]["value"] = "Library notice: opening hours"
        stdout, _stderr = run_import(write_temp(self, json.dumps(data), ".json"))
        self.assertEqual(summary(stdout), "created 0, updated 1, unchanged 1, failed 0")
        notice = Article.objects.get(external_id="ninjs:https://wire.example.org/items/2026/library-notice")
        self.assertEqual(notice.title_en, "Library notice: opening hours")
        self.assertEqual(notice.status_en, Status.DRAFT)


class NinjsHostileTests(TestCase):
    def test_scripts_handlers_and_javascript_links_are_stripped(self):
        run_import(FIXTURES / "hostile.json")
        article = Article.objects.get()
        self.assertEqual(article.title_en, "Calm headline")
        self.assertEqual(article.lead_en, "Lead")
        for marker in ("<script", "steal", "onclick", "javascript:", "<iframe", "<img", "alert"):
            self.assertNotIn(marker, article.body_en)
        self.assertIn('href="https://example.org/"', article.body_en)
        photo = article.hero_photo
        self.assertEqual(
            photo.source_url, "https://img.example.com/safe.jpg", "never the javascript: rendition"
        )
        self.assertEqual(photo.caption_en, "Caption text")
        self.assertEqual(photo.credit.name_en, "Credit")

    def test_broken_json_is_refused_with_its_position(self):
        with self.assertRaisesMessage(
            InputError, "not valid JSON: Expecting ',' delimiter (line 4, column 3)"
        ):
            parse_text(self, '{\n  "uri": "u:1",\n  "headline": "x"\n  "type": "text"\n}')

    def test_deep_nesting_invalid_utf8_and_non_objects_are_refused_clearly(self):
        with self.assertRaisesMessage(InputError, "nested too deeply"):
            parse_text(self, "[" * 200_000 + "]" * 200_000)
        with self.assertRaisesMessage(InputError, "not valid UTF-8"):
            parse_text(self, b'{\n"uri": "u:1",\n"headline": "\xff"\n}')
        with self.assertRaisesMessage(InputError, "JSON holding a number, not ninjs items"):
            parse_text(self, "42")
        entries = parse_text(
            self, '["just text", {"uri": "u:2"}, {"headline": "No id"}, {"uri": "u:3", "headline": 7}]'
        )
        self.assertEqual(
            [(e.position, e.reason) for e in entries],
            [
                ("item 1", "a string, not a ninjs object"),
                ("item 2", "it has no headline"),
                ("item 3", "it has no uri or guid, so a later import could not find it again"),
                ("item 4", "it has no headline"),
            ],
        )
