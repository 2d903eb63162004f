"""WordPress exports (WXR): the parser's records, real exports, imports into the database, hostile files."""

import shutil
import tempfile
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from django.test import SimpleTestCase, TestCase
from django.utils import timezone

from articles.models import Article, Status
from ingest.inputs import Input, InputError
from ingest.parsers import wxr
from ingest.records import ArticleRecord, CategoryRecord, ItemError, TagRecord
from ingest.run import detect_format
from media.models import Photo
from pages.models import Page

from ..conftest import shared_file
from ..factories import image_bytes
from .helpers import run_import, summary, write_temp

FIXTURES = Path(__file__).parent / "fixtures" / "wxr"
POLYLANG = FIXTURES / "polylang-vi-en.xml"
WPML = FIXTURES / "wpml-vi-en.xml"
UPLOADS = "https://huunghi.example.vn/wp-content/uploads/2024/05/"


def parse(path: Path) -> list[ArticleRecord | ItemError]:
    return list(wxr.parse(Input(name=str(path), path=path, base_dir=path.parent)))


def export(*items: str, channel: str = "", language: str = "vi") -> str:
    """A small WXR document around items."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Tin Mẫu</title><link>https://tin.example.vn</link><language>{language}</language>
<wp:base_site_url>https://tin.example.vn</wp:base_site_url>{channel}
{"".join(items)}
</channel></rss>"""


def post(
    post_id: int = 1, *, title="Tin thử nghiệm", content="", status="publish", kind="post", extra=""
) -> str:
    return f"""<item><title><![CDATA[{title}]]></title><dc:creator>bientap</dc:creator>
<guid isPermaLink="false">https://tin.example.vn/?p={post_id}</guid>
<content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date>2024-05-02 09:30:00</wp:post_date>
<wp:post_date_gmt>2024-05-02 02:30:00</wp:post_date_gmt><wp:status>{status}</wp:status>
<wp:post_type>{kind}</wp:post_type>{extra}</item>
"""


def attachment(post_id: int, name: str, *, caption="", alt="", parent=0, title="") -> str:
    title = title or name.rsplit(".", 1)[0]  # WordPress titles an upload after its file
    return f"""<item><title>{title}</title><excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_parent>{parent}</wp:post_parent><wp:status>inherit</wp:status>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>https://tin.example.vn/anh/{name}</wp:attachment_url>
{meta("_wp_attachment_image_alt", alt)}</item>
"""


def meta(key: str, value) -> str:
    return (
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
    )


def category(slug: str, name: str, parent: str = "", term_id: int = 0) -> str:
    return (
        f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{slug}</wp:category_nicename>"
        f"<wp:category_parent>{parent}</wp:category_parent><wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>"
    )


class _Documents:
    """Parsing small documents written in the test."""

    def records(self, *items: str, **options) -> list:
        return parse(write_temp(self, export(*items, **options), ".xml"))

    def record(self, *items: str, **options) -> ArticleRecord:
        (found,) = [r for r in self.records(*items, **options) if isinstance(r, ArticleRecord)]
        return found


class WxrDetectionTests(SimpleTestCase):
    def test_every_wxr_version_over_http_or_https_is_recognised(self):
        for namespace in (
            b"http://wordpress.org/export/1.0/",
            b"http://wordpress.org/export/1.1/",
            b"https://wordpress.org/export/1.2/",
        ):
            with self.subTest(namespace):
                self.assertTrue(wxr.looks_like(b'<rss version="2.0" xmlns:wp="' + namespace + b'">'))

    def test_a_plain_rss_feed_is_not_a_wordpress_export(self):
        self.assertFalse(wxr.looks_like(b'<rss version="2.0"><channel><link>https://wordpress.org/</link>'))

    def test_exports_are_detected_by_content(self):
        for path in (POLYLANG, WPML):
            with self.subTest(path.name):
                self.assertEqual(detect_format(Input(name=path.name, path=path, base_dir=None)), "wxr")


class PolylangRecordTests(SimpleTestCase):
    """The bilingual Polylang fixture, record by record and field by field."""

    VI, EN, FUTURE, DRAFT, PENDING, PRIVATE, PAGE_VI, PAGE_EN = (
        "item 2", "item 3", "item 11", "item 12", "item 13", "item 14", "item 16", "item 17",
    )  # fmt: skip

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = {record.position: record for record in parse(POLYLANG)}

    def version(self, position):
        (version,) = self.records[position].versions.values()
        return version

    def test_posts_and_pages_become_records_while_attachments_menus_revisions_and_trash_are_skipped(self):
        self.assertEqual(
            list(self.records),
            [
                self.VI,
                self.EN,
                self.FUTURE,
                self.DRAFT,
                self.PENDING,
                self.PRIVATE,
                self.PAGE_VI,
                self.PAGE_EN,
            ],
        )
        self.assertTrue(all(isinstance(record, ArticleRecord) for record in self.records.values()))
        self.assertEqual(self.records[self.PAGE_VI].kind, "page")
        self.assertEqual(self.records[self.VI].kind, "article")

    def test_a_post_and_its_translation_share_the_external_id_of_the_smallest_post_id(self):
        self.assertEqual(self.records[self.VI].external_id, "wxr:huunghi.example.vn:101")
        self.assertEqual(self.records[self.EN].external_id, "wxr:huunghi.example.vn:101")
        self.assertEqual(self.records[self.PAGE_EN].external_id, "wxr:huunghi.example.vn:201")
        self.assertEqual(self.records[self.FUTURE].external_id, "wxr:huunghi.example.vn:103")

    def test_each_translation_carries_only_its_own_language_named_by_the_polylang_locale(self):
        self.assertEqual(list(self.records[self.VI].versions), ["vi"])
        self.assertEqual(list(self.records[self.EN].versions), ["en_GB"])
        self.assertEqual(self.records[self.EN].original_language, "vi")

    def test_the_version_fields_come_from_the_post(self):
        version = self.version(self.VI)
        self.assertEqual(version.title, "Đẩy mạnh hợp tác biển đảo giữa hai nước")
        self.assertEqual(version.lead, "Hai nước thống nhất nhiều biện pháp tăng cường hợp tác trên biển.")
        self.assertEqual(version.byline, "Nguyễn Thị Lan")  # the author's display name, not the login
        self.assertEqual(version.slug, "day-manh-hop-tac-bien-dao")
        self.assertEqual(version.status, "published")
        self.assertEqual(version.published_at, datetime(2024, 5, 2, 2, 30, tzinfo=UTC))
        self.assertEqual(self.version(self.EN).byline, "Trần Văn Minh")

    def test_classic_editor_text_is_cut_into_paragraphs_with_its_shortcodes_taken_out(self):
        self.assertEqual(
            self.version(self.VI).body,
            "<p>Sáng 2/5, đoàn đại biểu hai nước đã gặp gỡ tại Hải Phòng để bàn về hợp tác biển đảo.</p>"
            "<p>Hai bên thống nhất tăng cường trao đổi đoàn<br>\nvà chia sẻ kinh nghiệm quản lý nghề cá.</p>"
            "<p>Các đại biểu cũng đến thăm một làng chài ven biển.</p>",
        )

    def test_the_featured_image_is_the_main_photo_with_its_attachments_caption_alt_and_credit(self):
        hero = self.records[self.VI].photos[0]
        self.assertEqual(hero.url, UPLOADS + "cang-hai-phong.jpg")
        self.assertEqual(hero.file_name, "cang-hai-phong.jpg")
        self.assertEqual(hero.caption, {"vi": "Tàu hàng cập cảng Hải Phòng lúc bình minh."})
        self.assertEqual(hero.alt_text, {"vi": "Cảng Hải Phòng"})
        self.assertEqual(hero.credit, "TTXVN")  # from the serialised attachment metadata
        self.assertTrue(hero.hero)
        self.assertFalse(hero.placed)

    def test_a_caption_shortcode_becomes_a_photo_at_its_paragraph_with_the_written_caption(self):
        photo = self.records[self.VI].photos[1]
        # The attachment's full-size address, not the resized one the post shows.
        self.assertEqual(photo.url, UPLOADS + "tau-ca.jpg")
        self.assertEqual(photo.caption, {"vi": "Tàu cá của ngư dân neo đậu tại cảng."})
        self.assertEqual(photo.alt_text, {"vi": "Tàu cá trong cảng"})
        self.assertEqual(photo.paragraph, 1)

    def test_a_gallery_gives_the_photos_of_attachments_listed_after_the_post(self):
        photos = self.records[self.EN].photos[2:]
        self.assertEqual([p.url for p in photos], [UPLOADS + "lang-chai.jpg", UPLOADS + "va-luoi.jpg"])
        self.assertEqual(
            [p.caption for p in photos],
            [{"en_GB": "A coastal fishing village"}, {"en_GB": "Fishermen mending their nets"}],
        )
        self.assertEqual([p.paragraph for p in photos], [2, 2])

    def test_photos_of_both_translations_have_the_same_places_and_their_own_captions(self):
        vi, en = self.records[self.VI].photos, self.records[self.EN].photos
        self.assertEqual([(p.url, p.paragraph) for p in vi], [(p.url, p.paragraph) for p in en])
        self.assertEqual(en[1].caption, {"en_GB": "Fishing boats moored at the port."})

    def test_the_category_is_a_path_named_in_both_languages_through_polylangs_term_translations(self):
        expected = [
            CategoryRecord(names={"vi": "Tin tức", "en": "News"}, slugs={"vi": "tin-tuc", "en": "news"}),
            CategoryRecord(names={"vi": "Thế giới", "en": "World"}, slugs={"vi": "the-gioi", "en": "world"}),
        ]
        self.assertEqual(self.records[self.VI].category, expected)
        self.assertEqual(self.records[self.EN].category, expected)

    def test_translations_share_every_tag_their_posts_name(self):
        expected = [
            TagRecord(
                names={"vi": "Biển đảo", "en": "Seas and Islands"},
                slugs={"vi": "bien-dao", "en": "seas-and-islands"},
            ),
            TagRecord(names={"vi": "Hợp tác"}, slugs={"vi": "hop-tac"}),
        ]
        self.assertEqual(self.records[self.VI].tags, expected)
        self.assertEqual(self.records[self.EN].tags, expected)

    def test_a_sticky_post_is_featured(self):
        self.assertIs(self.records[self.VI].featured, True)
        self.assertIs(self.records[self.FUTURE].featured, False)

    def test_a_scheduled_post_is_published_at_its_future_date_with_its_video(self):
        record, version = self.records[self.FUTURE], self.version(self.FUTURE)
        self.assertEqual(version.status, "published")
        self.assertEqual(version.published_at, datetime(2030, 10, 1, 1, 0, tzinfo=UTC))
        self.assertEqual(record.format, "video")
        self.assertEqual(record.video_url, "https://www.youtube.com/watch?v=Hn7kQ2xVt3Y")
        self.assertNotIn("youtube", version.body)

    def test_a_draft_without_a_gmt_date_is_dated_in_the_sites_time_learnt_from_other_posts(self):
        version = self.version(self.DRAFT)
        self.assertEqual(version.status, "draft")
        self.assertEqual(version.published_at, datetime(2024, 6, 10, 7, 0, tzinfo=UTC))  # 14:00 at UTC+7
        self.assertEqual(version.slug, "")

    def test_wordpress_default_category_is_left_for_the_importers_own(self):
        self.assertEqual(self.records[self.DRAFT].category, [])

    def test_pending_is_in_review_and_private_is_unpublished(self):
        self.assertEqual(self.version(self.PENDING).status, "review")
        self.assertEqual(self.version(self.PRIVATE).status, "unpublished")

    def test_translated_pages_become_one_page_in_two_languages(self):
        vi, en = self.records[self.PAGE_VI], self.records[self.PAGE_EN]
        self.assertEqual((vi.kind, en.kind), ("page", "page"))
        self.assertEqual(vi.external_id, en.external_id)
        self.assertEqual(self.version(self.PAGE_EN).title, "About us")
        self.assertEqual(
            self.version(self.PAGE_VI).body,
            "<p>Bản tin Hữu nghị đưa tin về các hoạt động giao lưu nhân dân.</p>"
            "<p>Liên hệ với chúng tôi qua thư điện tử.</p>",
        )


class WpmlRecordTests(SimpleTestCase):
    """WPML's Export and Import add-on: language and translation group as custom fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = parse(WPML)

    def test_posts_of_one_translation_group_share_an_external_id(self):
        self.assertEqual([r.external_id for r in self.records], ["wxr:kinhte.example.org:501"] * 2)
        self.assertEqual([list(r.versions) for r in self.records], [["en"], ["vi"]])
        self.assertEqual(self.records[0].original_language, "vi")

    def test_term_meta_names_the_category_in_both_languages(self):
        expected = [
            CategoryRecord(names={"vi": "Kinh tế", "en": "Economy"}, slugs={"vi": "kinh-te", "en": "economy"})
        ]
        self.assertEqual(self.records[0].category, expected)
        self.assertEqual(self.records[1].category, expected)

    def test_a_wpml_duplicate_is_skipped_as_a_copy_of_its_originals_text(self):
        self.assertEqual([r.position for r in self.records], ["item 1", "item 2"])


class WpmlSourceLanguageTests(_Documents, SimpleTestCase):
    def test_the_source_language_wpml_names_is_the_original_whatever_the_post_ids(self):
        def translation(post_id, language, source):
            fields = [("_wpml_import_language_code", language), ("_wpml_import_translation_group", "g1")]
            fields.append(("_wpml_import_source_language_code", source))
            return post(post_id, extra="".join(meta(key, value) for key, value in fields))

        records = self.records(translation(1, "en", "vi"), translation(2, "vi", ""))
        self.assertEqual([r.original_language for r in records], ["vi", "vi"])
        self.assertEqual([r.external_id for r in records], ["wxr:tin.example.vn:1"] * 2)


class BodyTests(_Documents, SimpleTestCase):
    """Post content: WordPress's paragraphs, shortcodes, images and embeds."""

    def body(self, content: str, *items: str):
        record = self.record(post(content=content), *items)
        (version,) = record.versions.values()
        return version.body, record.photos

    def test_blank_lines_part_paragraphs_and_single_newlines_are_line_breaks(self):
        body, _ = self.body("Dòng một\ndòng hai.\n\n<h2>Tiêu đề</h2>\nĐoạn ba.")
        self.assertEqual(body, "<p>Dòng một<br>\ndòng hai.</p><h2>Tiêu đề</h2><p>Đoạn ba.</p>")

    def test_block_editor_content_keeps_its_markup_and_loses_its_comments(self):
        content = (
            "<!-- wp:paragraph -->\n<p>Một.</p>\n<!-- /wp:paragraph -->\n\n"
            '<!-- wp:group -->\n<div class="wp-block-group"><!-- wp:paragraph -->\n<p>Hai\nba.</p>\n'
            "<!-- /wp:paragraph --></div>\n<!-- /wp:group -->"
        )
        body, _ = self.body(content)
        self.assertEqual(body, "<p>Một.</p><p>Hai\nba.</p>")

    def test_headings_and_preformatted_text_outside_the_allow_list_keep_their_own_blocks(self):
        body, _ = self.body("<h1>Lớn</h1>\n<pre>dòng 1\ndòng 2</pre>\n<h6>Nhỏ</h6>")
        self.assertEqual(body, "<h2>Lớn</h2><p>dòng 1<br>dòng 2</p><h4>Nhỏ</h4>")

    def test_unknown_shortcodes_lose_their_brackets_and_keep_what_they_wrap(self):
        body, _ = self.body(
            '[dropcap]M[/dropcap]ùa xuân đến.\n\n[contact-form-7 id="5"]\n\n[contact_form]\n\nGhi chú [sic].'
        )
        self.assertEqual(body, "<p>Mùa xuân đến.</p><p>Ghi chú [sic].</p>")

    def test_a_caption_shortcode_with_the_caption_as_an_attribute(self):
        _, photos = self.body(
            'Mở đầu.\n\n[caption id="" caption="Phố cổ"]<img src="/anh/pho-co.jpg" />[/caption]'
        )
        self.assertEqual(photos[0].url, "https://tin.example.vn/anh/pho-co.jpg")  # resolved against the site
        self.assertEqual(photos[0].caption, {"vi": "Phố cổ"})
        self.assertEqual(photos[0].paragraph, 1)

    def test_an_image_opening_a_paragraph_stands_before_it_and_one_inside_after_it(self):
        body, photos = self.body(
            'Một.\n\n<img src="https://tin.example.vn/a.jpg" alt="Ảnh A" />Hai.\n\n'
            'Ba <a href="https://tin.example.vn/b.jpg"><img src="https://tin.example.vn/b.jpg" /></a> bốn.'
        )
        self.assertEqual(body, "<p>Một.</p><p>Hai.</p><p>Ba  bốn.</p>")
        self.assertEqual([(p.url[-5:], p.paragraph) for p in photos], [("a.jpg", 1), ("b.jpg", 3)])
        self.assertEqual(photos[0].alt_text, {"vi": "Ảnh A"})

    def test_a_block_editor_image_takes_its_figcaption_and_a_gallery_caption_only_fills_gaps(self):
        content = (
            '<p>Mở đầu.</p><figure class="wp-block-gallery"><figure><img class="wp-image-7" src="x.jpg"/>'
            '<figcaption>Riêng ảnh này</figcaption></figure><figure><img class="wp-image-8"/></figure>'
            '<figure><img src="https://tin.example.vn/c.jpg"/></figure>'
            "<figcaption>Cả bộ ảnh</figcaption></figure><p>Kết.</p>"
        )
        body, photos = self.body(
            content, attachment(7, "bay.jpg", caption="Vịnh"), attachment(8, "nui.jpg", caption="Núi")
        )
        self.assertEqual(body, "<p>Mở đầu.</p><p>Kết.</p>")
        self.assertEqual(
            [(p.file_name, p.caption["vi"], p.paragraph) for p in photos],
            [("bay.jpg", "Riêng ảnh này", 1), ("nui.jpg", "Núi", 1), ("c.jpg", "Cả bộ ảnh", 1)],
        )

    def test_an_image_with_its_own_caption_or_alt_text_is_the_articles_own_photo(self):
        _, photos = self.body(
            '[caption]<img class="wp-image-7" />Riêng bài này[/caption]\n\n<img class="wp-image-8" />\n\n'
            '<img class="wp-image-9" alt="Khác" />',
            attachment(7, "a.jpg", caption="Chung"),
            attachment(8, "b.jpg", caption="Chung"),
            attachment(9, "c.jpg", alt="Núi"),
        )
        # Shared by address when all its text is its attachment's, the site-wide one.
        self.assertEqual(
            [p.external_id for p in photos],
            [
                "wxr:tin.example.vn:1#https://tin.example.vn/anh/a.jpg",
                "",
                "wxr:tin.example.vn:1#https://tin.example.vn/anh/c.jpg",
            ],
        )

    def test_an_attachments_title_is_its_alt_text_unless_it_only_repeats_the_file_name(self):
        _, photos = self.body(
            '<img class="wp-image-5" />\n\n<img class="wp-image-6" />',
            attachment(5, "IMG_2024-05.jpg", title="img 2024 05"),
            attachment(6, "b.jpg", title="Đèn biển Kê Gà"),
        )
        self.assertEqual([p.alt_text for p in photos], [{}, {"vi": "Đèn biển Kê Gà"}])

    def test_a_featured_image_shown_in_the_body_is_one_photo_placed_there(self):
        record = self.record(
            post(content='Một.\n\n<img class="wp-image-5" />', extra=meta("_thumbnail_id", 5)),
            attachment(5, "a.jpg", caption="Chung"),
        )
        (photo,) = record.photos
        self.assertEqual(
            (photo.hero, photo.placed, photo.paragraph, photo.caption), (True, True, 1, {"vi": "Chung"})
        )

    def test_a_gallery_without_ids_shows_the_images_attached_to_the_post(self):
        _, photos = self.body(
            "[gallery columns=2]", attachment(5, "mot.jpg", parent=1), attachment(6, "hai.jpg", parent=1)
        )
        self.assertEqual([p.url[-7:] for p in photos], ["mot.jpg", "hai.jpg"])

    def test_images_with_data_or_script_addresses_give_no_photo(self):
        body, photos = self.body('<img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)">Chữ.')
        self.assertEqual((body, photos), ("<p>Chữ.</p>", []))

    def test_an_embedded_youtube_address_is_the_video_and_any_other_address_a_link(self):
        record = self.record(
            post(
                content="Xem:\n\n[embed]https://youtu.be/Hn7kQ2xVt3Y[/embed]\n\nhttps://twitter.com/x/status/1"
            )
        )
        self.assertEqual(record.video_url, "https://youtu.be/Hn7kQ2xVt3Y")
        self.assertEqual(
            record.versions["vi"].body,
            '<p>Xem:</p><p><a href="https://twitter.com/x/status/1">https://twitter.com/x/status/1</a></p>',
        )


class TaxonomyTests(_Documents, SimpleTestCase):
    CHANNEL = (
        category("the-gioi", "Thế giới", term_id=1)
        + category("chau-a", "Châu Á", "the-gioi", term_id=2)
        + category("dong-nam-a", "Đông Nam Á", "chau-a", term_id=3)
    )

    def test_the_first_category_other_than_the_default_is_a_path_of_names_parent_first(self):
        record = self.record(
            post(
                extra='<category domain="category" nicename="chua-phan-loai">Chưa phân loại</category>'
                '<category domain="category" nicename="dong-nam-a">Đông Nam Á</category>'
                '<category domain="category" nicename="the-gioi">Thế giới</category>'
            ),
            channel=self.CHANNEL,
        )
        self.assertEqual(record.category, ["Thế giới", "Châu Á", "Đông Nam Á"])

    def test_yoasts_primary_category_is_chosen(self):
        record = self.record(
            post(
                extra='<category domain="category" nicename="dong-nam-a">Đông Nam Á</category>'
                '<category domain="category" nicename="the-gioi">Thế giới</category>'
                + meta("_yoast_wpseo_primary_category", 1)
            ),
            channel=self.CHANNEL,
        )
        self.assertEqual(record.category, ["Thế giới"])

    def test_categories_without_a_domain_in_old_exports_are_categories(self):
        record = self.record(
            post(
                extra="<category>Uncategorized</category><category>Du lịch</category>"
                '<category domain="tag">biển</category>'
            )
        )
        self.assertEqual((record.category, record.tags), (["Du lịch"], ["biển"]))

    def test_tags_and_formats_of_a_single_language_site_are_plain_names(self):
        record = self.record(
            post(
                extra='<category domain="post_tag" nicename="bien">Biển</category>'
                '<category domain="post_tag" nicename="bien-2">biển</category>'
                '<category domain="post_format" nicename="post-format-gallery">Gallery</category>'
            )
        )
        self.assertEqual((record.tags, record.format), (["Biển"], "photo"))


class StatusAndIdentityTests(_Documents, SimpleTestCase):
    def test_wordpress_statuses_become_ours(self):
        expected = {
            "publish": "published",
            "future": "published",
            "draft": "draft",
            "auto-draft": "draft",
            "pending": "review",
            "private": "unpublished",
            "inherit": "draft",  # a revision's status: on a post it does not say the post was live
            "some-plugin-status": "draft",
        }
        for raw, status in expected.items():
            with self.subTest(raw):
                self.assertEqual(self.record(post(status=raw)).versions["vi"].status, status)

    def test_a_password_protected_post_is_not_made_public(self):
        record = self.record(post(extra="<wp:post_password>bimat</wp:post_password>"))
        self.assertEqual(record.versions["vi"].status, "unpublished")

    def test_a_post_with_no_status_says_nothing(self):
        record = self.record(post(status=""))
        self.assertIsNone(record.versions["vi"].status)

    def test_a_slug_repeated_in_the_file_is_left_for_the_writer_to_make(self):
        first, second = self.records(
            post(1, extra="<wp:post_name>tin-moi</wp:post_name>"),
            post(2, extra="<wp:post_name>tin-moi</wp:post_name>"),
        )
        self.assertEqual((first.versions["vi"].slug, second.versions["vi"].slug), ("tin-moi", ""))

    def test_a_repeated_post_id_is_reported_and_skipped(self):
        first, repeat = self.records(post(7, title="Một"), post(7, title="Hai"))
        self.assertEqual(first.versions["vi"].title, "Một")
        self.assertEqual(repeat.position, "item 2")
        self.assertIn("post id 7 was already used by item 1", repeat.reason)

    def test_without_a_post_id_the_guid_identifies_the_item(self):
        document = export(post()).replace("<wp:post_id>1</wp:post_id>", "")
        (record,) = parse(write_temp(self, document, ".xml"))
        self.assertEqual(record.external_id, "wxr:tin.example.vn:https://tin.example.vn/?p=1")

    def test_the_blogs_address_names_the_site_whatever_its_scheme(self):
        channel = "<wp:base_blog_url>http://tin.example.vn/blog/</wp:base_blog_url>"
        self.assertEqual(self.record(post(9), channel=channel).external_id, "wxr:tin.example.vn/blog:9")

    def test_a_draft_is_dated_with_the_offset_learnt_from_the_sites_other_posts(self):
        site_at_utc_plus_2 = post(1).replace("09:30:00", "04:30:00")
        draft = post(2, status="draft").replace("2024-05-02 02:30:00", "0000-00-00 00:00:00")
        records = self.records(site_at_utc_plus_2, draft)
        self.assertEqual(records[1].versions["vi"].published_at, datetime(2024, 5, 2, 7, 30, tzinfo=UTC))

    def test_without_any_offset_to_learn_a_site_time_is_read_in_the_sites_time_zone(self):
        document = export(post()).replace("2024-05-02 02:30:00", "0000-00-00 00:00:00")
        (record,) = parse(write_temp(self, document, ".xml"))
        expected = datetime(2024, 5, 2, 9, 30, tzinfo=timezone.get_default_timezone())
        self.assertEqual(record.versions["vi"].published_at, expected)


class PhpSerializedTests(SimpleTestCase):
    def test_nested_arrays_are_read_with_string_lengths_in_bytes(self):
        value = 'a:2:{s:2:"vi";i:12;s:4:"meta";a:1:{s:6:"credit";s:13:"Tiến Đạt";}}'
        self.assertEqual(wxr._php_array(value), {"vi": 12, "meta": {"credit": "Tiến Đạt"}})

    def test_objects_broken_lengths_and_trailing_text_are_refused(self):
        for value in (
            'O:8:"stdClass":0:{}',
            'a:1:{i:0;O:8:"stdClass":0:{}}',
            'a:1:{s:5:"vi";i:1;}',
            'a:1:{s:2:"vi";i:1;}junk',
            "a:1:{b:1;i:1;}",
            "a:1:{a:0:{}i:1;}",
            "a:1:{" * 20 + "}" * 20,
        ):
            with self.subTest(value):
                self.assertIsNone(wxr._php_array(value))


class RealExportTests(SimpleTestCase):
    """The WordPress exports in the shared corpus (counts in testdata/wxr/NOTES.md)."""

    def records(self, name: str) -> list:
        return parse(shared_file("testdata", "wxr", name))

    def statuses(self, records, kind="article") -> dict:
        found = {}
        for record in records:
            if isinstance(record, ArticleRecord) and record.kind == kind:
                (version,) = record.versions.values()
                found[version.status] = found.get(version.status, 0) + 1
        return found

    def test_theme_unit_test_data_gives_its_58_posts_and_21_pages(self):
        records = self.records("themeunittestdata.wordpress.xml")
        # 56 publish + 1 future are published, but for the password-protected one.
        self.assertEqual(self.statuses(records), {"published": 56, "unpublished": 1, "draft": 1})
        self.assertEqual(self.statuses(records, "page"), {"published": 21})
        titles = {record.versions["en"].title: record for record in records}
        scheduled = titles["Scheduled"].versions["en"]
        self.assertEqual(scheduled.published_at, datetime(2030, 1, 1, 19, 0, 18, tzinfo=UTC))
        self.assertIn("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>", titles)
        sticky = titles["Template: Sticky"]
        self.assertIs(sticky.featured, True)

    def test_theme_unit_test_data_resolves_featured_images_listed_after_their_post(self):
        records = self.records("themeunittestdata.wordpress.xml")
        (record,) = [r for r in records if r.external_id == "wxr:wpthemetestdata.wordpress.com:51"]
        self.assertEqual(
            record.photos[0].url,
            "https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050102_192118_51.jpg",
        )
        self.assertEqual(record.photos[0].alt_text, {"en": "Wind Farm"})
        self.assertTrue(record.photos[0].hero)

    def test_theme_unit_test_data_category_hierarchy_gives_a_path(self):
        data = shared_file("testdata", "wxr", "themeunittestdata.wordpress.xml").read_bytes()
        # Make "Edge Case: Many Categories" name its grandchild category as the primary one.
        marked = data.replace(
            b"<wp:post_id>1152</wp:post_id>",
            b"<wp:post_id>1152</wp:post_id>" + meta("_yoast_wpseo_primary_category", "57037077").encode(),
        )
        records = parse(write_temp(self, marked, ".xml"))
        (record,) = [r for r in records if r.external_id.endswith(":1152")]
        self.assertEqual(record.category, ["Parent Category", "Child Category 03", "Grandchild Category"])

    def test_block_test_data_loses_every_block_comment(self):
        records = self.records("64-block-test-data.xml")
        self.assertEqual(self.statuses(records), {"published": 61})
        self.assertEqual(self.statuses(records, "page"), {"published": 1})
        for record in records:
            self.assertNotIn("wp:", record.versions["en-US"].body)
        (image,) = [r for r in records if r.versions["en-US"].title == "Image"]
        self.assertEqual(
            image.photos[0].caption, {"en-US": "Windmill shrouded in fog at a farm outside of Walker, Iowa"}
        )

    def test_theme_preview_categories_have_no_domain_and_items_no_post_id(self):
        records = self.records("theme-preview.xml")
        self.assertEqual(self.statuses(records), {"published": 7})
        by_title = {r.versions["en-US"].title: r for r in records}
        self.assertEqual(by_title["Category Hierarchy"].category, ["First Child Category"])
        self.assertEqual(
            by_title["Worth A Thousand Words"].external_id, "wxr:wp-themes.com:http://wp-themes.com/?p=19"
        )
        self.assertEqual(by_title["Worth A Thousand Words"].photos[0].caption, {"en-US": "Boat"})

    def test_superdesk_export_with_inherit_statuses_and_repeated_ids(self):
        records = self.records("superdesk-wordpress_wxr.xml")
        self.assertEqual(self.statuses(records), {"published": 1, "draft": 2})
        errors = [r for r in records if isinstance(r, ItemError)]
        self.assertEqual([e.position for e in errors], ["item 4", "item 5"])

    def test_german_export_keeps_its_language_and_its_dropcap_letter(self):
        (record,) = self.records("superdesk-wordpress_wxr_funke.xml")
        version = record.versions["de-DE"]
        self.assertTrue(version.body.startswith("<p><strong>Mysterium Secrets &amp; Lies von Asmodee"))
        self.assertNotIn("[contact_form]", version.body)
        self.assertEqual(record.category, ["Android Apps"])
        # Shown twice, once captioned: one photo, at its first place, with that caption.
        self.assertEqual(
            [(p.file_name, p.paragraph, p.caption) for p in record.photos],
            [
                ("Conrad.jpg", 4, {"de-DE": "Mysterium Secrets & Lies"}),
                ("Mysterium-1.jpg", 13, {"de-DE": "Mysterium Secrets & Lies"}),
            ],
        )


class BilingualImportTests(TestCase):
    """import_articles on the Polylang fixture: one bilingual article per translation group."""

    @classmethod
    def setUpTestData(cls):
        cls.output, _ = run_import(POLYLANG)
        cls.article = Article.objects.get(external_id="wxr:huunghi.example.vn:101")

    def test_the_import_counts_each_translation_written(self):
        # The English post and page update what their Vietnamese originals created.
        self.assertEqual(summary(self.output), "created 6, updated 2, unchanged 0, failed 0")

    def test_a_post_and_its_translation_become_one_article_in_two_languages(self):
        article = self.article
        self.assertEqual(article.title_vi, "Đẩy mạnh hợp tác biển đảo giữa hai nước")
        self.assertEqual(article.title_en, "Two countries step up maritime cooperation")
        self.assertEqual(
            article.lead_en, "The two countries agreed on steps to strengthen cooperation at sea."
        )
        self.assertEqual((article.byline_vi, article.byline_en), ("Nguyễn Thị Lan", "Trần Văn Minh"))
        self.assertEqual((article.status_vi, article.status_en), (Status.PUBLISHED, Status.PUBLISHED))
        self.assertEqual(article.published_at_en, datetime(2024, 5, 2, 3, 0, tzinfo=UTC))
        self.assertEqual(article.slug_en, "two-countries-step-up-maritime-cooperation")
        self.assertEqual(article.original_language, "vi")
        self.assertTrue(article.featured)
        self.assertIn("<p>Both sides agreed to exchange more delegations<br>", article.body_en)

    def test_the_section_and_tags_are_shared_and_named_in_both_languages(self):
        section = self.article.category
        self.assertEqual((section.name_vi, section.name_en), ("Thế giới", "World"))
        self.assertEqual((section.parent.name_vi, section.parent.name_en), ("Tin tức", "News"))
        tags = sorted((tag.name_vi, tag.name_en) for tag in self.article.tags.all())
        self.assertEqual(tags, [("Biển đảo", "Seas and Islands"), ("Hợp tác", "")])

    def test_photos_are_placed_once_with_a_caption_in_each_language(self):
        hero = self.article.hero_photo
        self.assertEqual(hero.caption_vi, "Tàu hàng cập cảng Hải Phòng lúc bình minh.")
        self.assertEqual(hero.caption_en, "A cargo ship docks at Hai Phong port at dawn.")
        self.assertEqual((hero.alt_text_vi, hero.alt_text_en), ("Cảng Hải Phòng", "Hai Phong port"))
        self.assertEqual(hero.credit.name_en, "VNA")
        placed = list(self.article.article_photos.order_by("position").select_related("photo"))
        self.assertEqual(
            [(p.photo.caption_vi, p.photo.caption_en, p.paragraph) for p in placed],
            [
                ("Tàu cá của ngư dân neo đậu tại cảng.", "Fishing boats moored at the port.", 1),
                ("Làng chài ven biển", "A coastal fishing village", 2),
                ("Ngư dân vá lưới", "Fishermen mending their nets", 2),
            ],
        )
        self.assertEqual(Photo.objects.count(), 4)

    def test_a_scheduled_post_waits_for_its_date(self):
        article = Article.objects.get(external_id="wxr:huunghi.example.vn:103")
        self.assertEqual(article.status_vi, Status.PUBLISHED)
        self.assertEqual(article.format, "video")
        self.assertEqual(article.video_url, "https://www.youtube.com/watch?v=Hn7kQ2xVt3Y")
        self.assertNotIn(article, Article.objects.published("vi"))
        self.assertIn(self.article, Article.objects.published("vi"))

    def test_drafts_reviews_and_private_posts_stay_out_of_public_view(self):
        statuses = {
            article.external_id.rsplit(":", 1)[1]: article.status_vi
            if article.title_vi
            else article.status_en
            for article in Article.objects.exclude(pk=self.article.pk)
        }
        self.assertEqual(
            statuses,
            {"103": Status.PUBLISHED, "104": Status.DRAFT, "105": Status.REVIEW, "106": Status.UNPUBLISHED},
        )

    def test_translated_pages_become_one_page(self):
        page = Page.objects.get(external_id="wxr:huunghi.example.vn:201")
        self.assertEqual((page.title_vi, page.title_en), ("Giới thiệu", "About us"))
        self.assertEqual((page.slug_vi, page.slug_en), ("gioi-thieu", "about-us"))
        self.assertTrue(page.is_published)

    def test_importing_the_export_again_changes_nothing(self):
        output, _ = run_import(POLYLANG)
        self.assertEqual(summary(output), "created 0, updated 0, unchanged 8, failed 0")
        self.assertEqual(Article.objects.count(), 5)

    def test_a_changed_translation_updates_its_article_and_leaves_the_other_language(self):
        changed = POLYLANG.read_text().replace(
            "Two countries step up maritime cooperation]]>", "Two countries boost maritime cooperation]]>"
        )
        output, _ = run_import(write_temp(self, changed, ".xml"))
        self.assertEqual(summary(output), "created 0, updated 1, unchanged 7, failed 0")
        self.article.refresh_from_db()
        self.assertEqual(self.article.title_en, "Two countries boost maritime cooperation")
        self.assertEqual(self.article.title_vi, "Đẩy mạnh hợp tác biển đảo giữa hai nước")


class ImportTests(TestCase):
    def test_photo_files_found_beside_the_export_are_attached(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        shutil.copy(POLYLANG, folder / POLYLANG.name)
        (folder / "cang-hai-phong.jpg").write_bytes(image_bytes(size=(120, 80)))
        run_import(folder / POLYLANG.name)
        hero = Article.objects.get(external_id="wxr:huunghi.example.vn:101").hero_photo
        self.assertEqual((hero.width, hero.height), (120, 80))

    def test_wpml_translations_become_one_article(self):
        output, _ = run_import(WPML)
        self.assertEqual(summary(output), "created 1, updated 1, unchanged 0, failed 0")
        article = Article.objects.get()
        self.assertEqual(article.title_en, "Economic ties deepen after the trade fair")
        self.assertEqual(article.title_vi, "Quan hệ kinh tế thêm gắn bó sau hội chợ")
        self.assertEqual((article.category.name_vi, article.category.name_en), ("Kinh tế", "Economy"))

    def test_a_german_export_is_refused_unless_a_language_is_given(self):
        path = shared_file("testdata", "wxr", "superdesk-wordpress_wxr_funke.xml")
        output, errors = run_import(path, expect_failure=True)
        self.assertEqual(summary(output), "created 0, updated 0, unchanged 0, failed 1")
        self.assertIn("item 1: its language is 'de-DE'", errors)
        output, _ = run_import(path, language="en")
        self.assertEqual(summary(output), "created 1, updated 0, unchanged 0, failed 0")
        article = Article.objects.get()
        self.assertEqual(article.title_en, "Löst einen Mord in Mysterium Secrets & Lies")
        self.assertFalse(article.title_vi)

    def test_superdesk_posts_with_inherit_status_are_imported_as_drafts(self):
        path = shared_file("testdata", "wxr", "superdesk-wordpress_wxr.xml")
        output, errors = run_import(path, expect_failure=True)
        self.assertEqual(summary(output), "created 3, updated 0, unchanged 0, failed 2")
        self.assertIn("post id 8 was already used by item 2", errors)
        drafts = Article.objects.filter(status_en=Status.DRAFT).values_list("title_en", flat=True)
        self.assertEqual(sorted(drafts), ["test2", "test3"])

    def test_theme_unit_test_data_imports_all_but_its_untitled_post_and_reimports_unchanged(self):
        path = shared_file("testdata", "wxr", "themeunittestdata.wordpress.xml")
        output, errors = run_import(path, expect_failure=True)
        self.assertEqual(summary(output), "created 78, updated 0, unchanged 0, failed 1")
        self.assertIn("item 161: it has no title", errors)
        self.assertEqual(Page.objects.count(), 21)
        self.assertTrue(Article.objects.filter(title_en="Markup: Title With Markup").exists())
        output, _ = run_import(path, expect_failure=True)
        self.assertEqual(summary(output), "created 0, updated 0, unchanged 78, failed 1")

    def test_block_test_data_imports_with_entities_decoded_and_reimports_unchanged(self):
        path = shared_file("testdata", "wxr", "64-block-test-data.xml")
        output, _ = run_import(path)
        # Two of its posts share the slug "footnotes": the second gets one from its title.
        self.assertEqual(summary(output), "created 62, updated 0, unchanged 0, failed 0")
        self.assertTrue(Article.objects.filter(title_en="Media & Text").exists())
        self.assertTrue(Article.objects.filter(title_en="Classic", slug_en="classic").exists())
        output, _ = run_import(path)
        self.assertEqual(summary(output), "created 0, updated 0, unchanged 62, failed 0")

    def test_one_image_captioned_differently_by_two_posts_keeps_each_caption(self):
        image = '[caption]<img src="https://tin.example.vn/anh/a.jpg" />{}[/caption]'
        path = write_temp(
            self,
            export(
                post(1, content=image.format("Sáng")), post(2, title="Tin hai", content=image.format("Chiều"))
            ),
        )
        run_import(path)
        output, _ = run_import(path)
        self.assertEqual(summary(output), "created 0, updated 0, unchanged 2, failed 0")
        captions = {article.title_vi: article.photos.get().caption_vi for article in Article.objects.all()}
        self.assertEqual(captions, {"Tin thử nghiệm": "Sáng", "Tin hai": "Chiều"})


class HostileInputTests(TestCase):
    def test_an_external_entity_is_refused_before_anything_is_read(self):
        document = export(post(title="&xxe;")).replace(
            "<rss", '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss', 1
        )
        _, errors = run_import(write_temp(self, document, ".xml"), format="wxr", expect_failure=True)
        self.assertIn("refused: the XML declares a DTD or entities", errors)
        self.assertFalse(Article.objects.exists())

    def test_billion_laughs_is_refused(self):
        entities = '<!ENTITY a "haha">' + "".join(
            f'<!ENTITY {b} "&{a};&{a};&{a};&{a};">' for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        )
        document = export(post(title="&i;")).replace("<rss", f"<!DOCTYPE rss [{entities}]>\n<rss", 1)
        _, errors = run_import(write_temp(self, document, ".xml"), format="wxr", expect_failure=True)
        self.assertIn("refused: the XML declares a DTD or entities", errors)
        self.assertFalse(Article.objects.exists())

    def test_scripts_handlers_and_javascript_links_are_not_saved(self):
        document = export(
            post(
                title='<script>alert("t")</script>Tin <b onmouseover="x()">nóng</b>',
                content='<p onclick="steal()">Đoạn <a href="javascript:alert(1)">liên kết</a>.</p>\n\n'
                '[caption id="attachment_4"]<img class="wp-image-4" src="x" onerror="alert(2)" />'
                "<script>alert(3)</script>Chú thích <img src=x onerror=alert(4)>[/caption]\n\n"
                '<iframe src="javascript:alert(5)"></iframe><svg onload="alert(6)"></svg>',
                extra=meta("_thumbnail_id", 4),
            ),
            attachment(
                4, "anh.jpg", caption='<img src=x onerror="alert(7)">Ảnh', alt='"><script>alert(8)</script>'
            ),
        )
        run_import(write_temp(self, document, ".xml"))
        article = Article.objects.get()
        self.assertEqual(article.title_vi, "Tin nóng")
        self.assertEqual(article.body_vi, '<p>Đoạn <a rel="noopener noreferrer">liên kết</a>.</p>')
        photo = article.hero_photo
        self.assertEqual(photo.caption_vi, "Chú thích")
        self.assertEqual(photo.alt_text_vi, '">')
        saved = " ".join([article.title_vi, article.body_vi, photo.caption_vi, article.video_url])
        for needle in ("script", "onerror", "onclick", "javascript:", "onload", "alert"):
            self.assertNotIn(needle, saved)

    def test_a_file_cut_mid_item_imports_the_items_before_and_reports_the_break(self):
        data = POLYLANG.read_bytes()
        cut = data[: data.index(b"On 2 May, delegations")]
        output, errors = run_import(write_temp(self, cut, ".xml"), expect_failure=True)
        self.assertEqual(summary(output), "created 1, updated 0, unchanged 0, failed 1")
        self.assertIn("the file looks truncated", errors)
        self.assertIn("The 2 items before the break were read", errors)
        self.assertEqual(Article.objects.get().title_vi, "Đẩy mạnh hợp tác biển đảo giữa hai nước")

    def test_a_file_that_is_not_utf8_is_reported_with_its_line(self):
        data = export(post(title="Tin nóng")).encode().replace("nóng".encode(), b"n\xf3ng")
        _, errors = run_import(write_temp(self, data, ".xml"), expect_failure=True)
        self.assertIn("not well-formed XML at line", errors)
        self.assertFalse(Article.objects.exists())

    def test_an_xml_document_that_is_not_rss_is_refused_clearly(self):
        path = write_temp(
            self, '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', ".xml"
        )
        with self.assertRaisesMessage(InputError, "not a WordPress export: its root is <feed>"):
            parse(path)


class LargeExportTests(SimpleTestCase):
    def test_a_large_export_is_read_item_by_item_in_little_memory(self):
        """12,000 items and 40 MB of text: holding the tree would take far more than 30 MB."""
        padding = "x" * 3500  # read, and dropped with its item
        path = Path(tempfile.mkstemp(suffix=".xml")[1])
        self.addCleanup(path.unlink)
        with path.open("w", encoding="utf-8") as stream:
            stream.write(export().split("</channel>")[0])
            for number in range(1, 12_001):
                if number % 10 == 0:
                    stream.write(attachment(number, f"anh-{number}.jpg", caption=f"Ảnh {number}"))
                    continue
                # Now and then a post with a body and a featured image listed after it.
                rich = number % 100 == 1
                stream.write(
                    f"<item><title>Bài {number}</title><description>{padding}</description>"
                    f"<content:encoded>{'Đoạn văn ngắn.' if rich else ''}</content:encoded>"
                    f"<wp:post_id>{number}</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                    f"{meta('_thumbnail_id', number + 9) if rich else ''}</item>\n"
                )
            stream.write("</channel></rss>\n")
        self.assertGreater(path.stat().st_size, 40_000_000)
        tracemalloc.start()
        try:
            records, illustrated = 0, []
            for record in wxr.parse(Input(name=path.name, path=path, base_dir=None)):
                records += 1
                if record.photos:
                    illustrated.append(record.photos[0].url)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual((records, len(illustrated)), (10_800, 120))
        self.assertEqual(illustrated[-1], "https://tin.example.vn/anh/anh-11910.jpg")
        self.assertLess(peak, 30_000_000)
