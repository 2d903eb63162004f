"""
The page-dump rules on dumps in the styles of many sites: print pages, date
banners, bylines over titles, government portals, dumps cut mid-article or
without a date, and section listings.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase, TestCase

from articles.models import Article, Status
from ingest.records import ItemError

from .helpers import run_import, summary, write_temp
from .test_page import a_page, article_text, only_version, paragraphs, parse, parse_one, parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "page"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Expected:
    title: str
    published_at: datetime | None
    lead: str  # how the lead starts
    flags: list[str] = field(default_factory=list)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


#: What a desk editor reads off each dump: its headline, its publication time, how its text starts.
DUMPS = {
    "vi-print-inner-date.txt": Expected(
        "Tỉnh Ví Dụ mời doanh nghiệp dự hội nghị xúc tiến đầu tư vào khu kinh tế ven biển",
        at(2025, 3, 12),
        "Ủy ban nhân dân tỉnh Ví Dụ vừa gửi thư mời",
    ),
    "en-print-article.txt": Expected(
        "Friendship groups send relief kits to flood-hit villages in the central region",
        at(2025, 3, 4),
        "Friendship associations from six countries",
    ),
    "en-press-conference-banner.txt": Expected(
        "The 11th Regular Press Conference 02/8/2018",
        at(2018, 8, 2),
        "The Ministry's spokesperson answered questions",
    ),
    "vi-date-banner.txt": Expected(
        "Làng gốm cổ bên sông Đuống đón đoàn nghệ nhân quốc tế",
        at(2024, 12, 5),
        "Sáng 4-12, hơn 30 nghệ nhân gốm",
    ),
    "en-byline-above-title.txt": Expected(
        "Hanoi street food tour wins a regional tourism award",
        at(2025, 3, 18, 7, 45),
        "A walking tour of Hanoi's old quarter",
    ),
    "vi-byline-above-title.txt": Expected(
        "Nông dân Đồng Tháp trúng mùa sen, giá hạt tăng gần gấp đôi",
        at(2025, 6, 14, 10, 5),
        "Vụ sen năm nay, nhiều hộ ở huyện Tháp Mười",
    ),
    "vi-portal-profile.txt": Expected(
        "Hội Hữu nghị Việt Nam – Ba Lan tỉnh Ví Dụ",
        None,
        "Hội Hữu nghị Việt Nam – Ba Lan tỉnh Ví Dụ là tổ chức thành viên",
        ["date_needed"],
    ),
    "en-portal-profile.txt": Expected(
        "Viet Nam – Chile Friendship Association",
        None,
        "The Viet Nam – Chile Friendship Association brings together",
        ["date_needed"],
    ),
    "vi-cut-mid-article.txt": Expected(
        "của các tổ chức phi chính phủ nước ngoài đang hoạt động tại tỉnh, với tổng giá trị viện trợ"
        " giải ngân trong năm đạt hơn…",
        None,
        "của các tổ chức phi chính phủ nước ngoài",
        ["date_needed", "title_needed"],
    ),
    "en-cut-mid-article.txt": Expected(
        "The volunteers, most of them retired teachers from Japan and South Korea, will spend the next six"
        " months in mountain…",
        None,
        "The volunteers, most of them retired teachers",
        ["date_needed", "title_needed"],
    ),
    "vi-portal-mid-article.txt": Expected(
        "Chiều 20-11, Ủy ban nhân dân huyện Ví Dụ tổ chức lễ kỷ niệm ngày Nhà giáo Việt Nam và tuyên dương"
        " 45 giáo viên có nhiều…",
        None,
        "Chiều 20-11, Ủy ban nhân dân huyện Ví Dụ",
        ["date_needed", "title_needed"],
    ),
    "vi-no-date.txt": Expected(
        "Ngư dân Lý Sơn ra khơi chuyến biển đầu năm với lưới mới",
        None,
        "Sau Tết, hơn 300 tàu cá",
        ["date_needed"],
    ),
    "en-no-date.txt": Expected(
        "Restorers bring colour back to a 19th-century pagoda in Hue",
        None,
        "A team of restorers from Hue and Kyoto",
        ["date_needed"],
    ),
    "vi-cut-at-2000.txt": Expected(
        "Mùa lễ hội đầu xuân: nhiều địa phương cấm bán vé chợ đen",
        at(2025, 2, 7, 16, 32),
        "Trước mùa lễ hội đầu xuân",
    ),
    "en-cut-at-2000.txt": Expected(
        "Coffee exporters look to Middle East buyers as prices stay high",
        at(2025, 4, 22, 9, 15),
        "Vietnamese coffee exporters are turning",
    ),
}
LISTINGS = {"vi-listing.txt": "line 11", "en-listing.txt": "line 11"}


class PageDumpStyleTests(SimpleTestCase):
    """Every dump: the headline (or a provisional one), the publication time or a flag, the lead."""

    def test_each_dump_has_its_title_date_flags_and_lead(self):
        for name, expected in DUMPS.items():
            with self.subTest(name):
                record = parse_one(FIXTURES / name)
                version = only_version(record)
                self.assertEqual(version.title, expected.title)
                self.assertEqual(version.published_at, expected.published_at)
                self.assertEqual(record.flags, expected.flags)
                self.assertTrue(version.lead.startswith(expected.lead), version.lead)
                self.assertIsNone(version.status, "the writer decides: page dumps are drafts")

    def test_section_listings_are_refused(self):
        for name, position in LISTINGS.items():
            with self.subTest(name):
                [error] = parse(FIXTURES / name)
                self.assertIsInstance(error, ItemError)
                self.assertEqual(error.position, position)
                self.assertIn("a listing page, not an article", error.reason)

    def test_dates_are_aware_times_in_vietnam(self):
        for name, expected in DUMPS.items():
            if expected.published_at:
                with self.subTest(name):
                    published = only_version(parse_one(FIXTURES / name)).published_at
                    self.assertEqual(published.utcoffset(), expected.published_at.utcoffset())


class PrintPageTests(SimpleTestCase):
    """A print page: the date under the title, never a date of the document it reproduces."""

    def test_the_inner_document_dates_are_left_out(self):
        record = parse_one(FIXTURES / "vi-print-inner-date.txt")
        self.assertEqual(record.source, "Sở Kế hoạch và Đầu tư")
        text = article_text(record)
        for furniture in ("In bài viết", "Đóng cửa sổ", "CỔNG THÔNG TIN", "Thời gian: 14:00", "Bản quyền"):
            self.assertNotIn(furniture, text)
        self.assertIn("Địa điểm: Hội trường Trung tâm Hành chính tỉnh", paragraphs(only_version(record).body))

    def test_an_english_print_page_keeps_the_statement_but_not_its_dateline(self):
        record = parse_one(FIXTURES / "en-print-article.txt")
        body = paragraphs(only_version(record).body)
        self.assertTrue(body[2].startswith('"We stand with the people'))
        self.assertNotIn("Geneva, 1 March 2025", article_text(record))
        self.assertNotIn("Viet Nam Friendship Review", article_text(record))
        self.assertEqual((record.source, record.original_language), ("VNA", "en"))


class BylineAboveTitleTests(SimpleTestCase):
    def test_a_byline_between_title_and_date_is_the_byline_not_the_title(self):
        version = only_version(parse_one(FIXTURES / "en-byline-above-title.txt"))
        self.assertEqual(version.byline, "Pham Thu Ha")

    def test_a_labelled_byline_above_the_title_is_the_byline_not_the_category(self):
        record = parse_one(FIXTURES / "vi-byline-above-title.txt")
        self.assertEqual(only_version(record).byline, "Trần Minh")
        self.assertEqual(record.category, ["Nông nghiệp"])
        [photo] = record.photos
        self.assertEqual((photo.credit, photo.paragraph), ("Trần Minh", 0))


class PortalProfileTests(SimpleTestCase):
    """An organisation's page on a government portal: label lines are facts, not the title or date."""

    def test_the_facts_follow_the_lead_and_the_footer_is_left_out(self):
        record = parse_one(FIXTURES / "vi-portal-profile.txt")
        body = paragraphs(only_version(record).body)
        self.assertEqual(
            body[:5],
            [
                "Chủ tịch: Ông Nguyễn Văn Bình",
                "Phó Chủ tịch: Bà Lê Thị Hoa",
                "Ngày thành lập: 15/06/1993",
                "Trụ sở: Số 9 đường Lê Lợi, thành phố Ví Dụ",
                "Điện thoại: 0230 000 0000",
            ],
        )
        self.assertTrue(body[-1].startswith("Nhiệm kỳ 2023 – 2028"))
        self.assertEqual(record.category, ["Tổ chức thành viên"])
        for furniture in ("Liên hiệp các tổ chức hữu nghị tỉnh Ví Dụ\n", "Địa chỉ", "Bản quyền"):
            self.assertNotIn(furniture, article_text(record) + "\n")

    def test_the_english_profile_keeps_its_president_and_founding_date_as_facts(self):
        record = parse_one(FIXTURES / "en-portal-profile.txt")
        body = paragraphs(only_version(record).body)
        self.assertEqual(
            body[:3], ["President: Mr. Tran Quoc Hung", "Founded: 12 May 1992", "Members: about 450"]
        )
        self.assertEqual(len(body), 5)
        self.assertNotIn("Example Union of Friendship Organizations", article_text(record))


class MidArticleTests(SimpleTestCase):
    def test_a_dump_cut_mid_article_keeps_its_text_up_to_the_source(self):
        record = parse_one(FIXTURES / "vi-cut-mid-article.txt")
        self.assertEqual(record.position, "line 1")
        self.assertEqual(record.source, "Sở Ngoại vụ tỉnh Ví Dụ")
        self.assertEqual(len(paragraphs(only_version(record).body)), 3)
        self.assertNotIn("Trao tặng 200 suất học bổng", article_text(record))

    def test_the_masthead_and_site_name_are_not_the_title(self):
        for name in ("en-cut-mid-article.txt", "vi-portal-mid-article.txt"):
            with self.subTest(name):
                text = article_text(parse_one(FIXTURES / name))
                for masthead in ("VIET NAM FRIENDSHIP REVIEW", "Cổng thông tin điện tử huyện Ví Dụ"):
                    self.assertNotIn(masthead, text)

    def test_a_provisional_title_is_the_first_sentence_when_short(self):
        text = "\n\n".join(
            [
                "  • Home",
                "hai bên nhất trí mở thêm đường bay thẳng. Các hãng sẽ bắt đầu bán vé từ tháng sau.",
                "Đại diện hai hãng cho biết giá vé khứ hồi dự kiến thấp hơn khoảng 20% so với đường bay"
                " nối chuyến.",
            ]
        )
        [record] = parse_text(self, text)
        self.assertEqual(only_version(record).title, "hai bên nhất trí mở thêm đường bay thẳng")
        self.assertEqual(record.flags, ["date_needed", "title_needed"])

    def test_a_provisional_title_is_cut_at_a_word_with_an_ellipsis(self):
        for name, expected in DUMPS.items():
            if "title_needed" in expected.flags:
                with self.subTest(name):
                    title = only_version(parse_one(FIXTURES / name)).title
                    self.assertLessEqual(len(title), 120)
                    self.assertTrue(title.endswith("…"))
                    self.assertNotIn(" …", title)

    def test_an_abbreviation_does_not_end_the_first_sentence(self):
        lead = (
            "Mr. Nguyen Van An, chairman of the provincial friendship union, welcomed the delegation on"
            " Monday and showed them the new library. The visit lasted three days."
        )
        [record] = parse_text(
            self, "  • Home\n\n" + lead + "\n\nThey also visited two schools in the hills.\n"
        )
        self.assertEqual(
            only_version(record).title,
            "Mr. Nguyen Van An, chairman of the provincial friendship union, welcomed the delegation on"
            " Monday and showed them the…",
        )


class DateRuleTests(SimpleTestCase):
    """The publication line is next to the title: not the header's date, not a date in the text."""

    def test_a_date_banner_far_above_the_title_is_not_the_publication_date(self):
        page = "Thứ năm, 26/12/2024\n" + a_page("").replace("  • Home\n", "  • Home\n  • Thế giới\n", 1)
        [record] = parse_text(self, page)
        self.assertIsNone(only_version(record).published_at)
        self.assertEqual(record.flags, ["date_needed"])

    def test_a_date_in_the_body_is_not_the_publication_date(self):
        page = a_page("").replace("Port officials", "Thời gian: 08:00 ngày 20/3/2025\n\nPort officials")
        [record] = parse_text(self, page)
        self.assertIsNone(only_version(record).published_at)

    def test_the_publication_line_wins_over_a_date_in_the_title(self):
        [record] = parse_text(
            self, a_page("Published: 03/08/2018 10:00", title="The 11th Regular Press Conference 02/8/2018")
        )
        self.assertEqual(only_version(record).published_at, at(2018, 8, 3, 10, 0))

    def test_a_founding_date_under_the_title_is_not_the_publication_date(self):
        page = a_page("").replace(
            "Harbour city opens a new ferry berth\n",
            "Harbour city opens a new ferry berth\nFounded: 12/05/1992\n",
        )
        [record] = parse_text(self, page)
        version = only_version(record)
        self.assertIsNone(version.published_at)
        self.assertEqual(paragraphs(version.body)[0], "Founded: 12/05/1992")

    def test_a_page_without_a_date_keeps_one_identity_across_dumps(self):
        [first] = parse_text(self, a_page(""))
        [again] = parse_text(self, a_page("").replace("\n", "\r\n"))
        [other] = parse_text(self, a_page("", title="Harbour city closes its old ferry berth"))
        self.assertEqual(first.external_id, again.external_id)
        self.assertNotEqual(first.external_id, other.external_id)


class TitleRuleTests(SimpleTestCase):
    """The headline is never a label line, a banner or the site's name, and keeps its case."""

    def test_label_lines_around_the_title_are_not_the_title(self):
        page = a_page("").replace(
            "  • Seas and Islands\n",
            "  • Seas and Islands\nHotline: 0900 000 000\nPresident: Mr. Le Van Nam\n",
        )
        [record] = parse_text(self, page)
        self.assertEqual(only_version(record).title, "Harbour city opens a new ferry berth")

    def test_a_headline_quoting_a_role_is_a_headline(self):
        for title in (
            "President: Viet Nam will host the regional summit next year",
            "Chủ tịch nước: Việt Nam luôn coi trọng quan hệ hữu nghị với Lào",
        ):
            with self.subTest(title):
                [record] = parse_text(self, a_page("", title=title))
                self.assertEqual(only_version(record).title, title)
                self.assertEqual(record.flags, ["date_needed"])

    def test_a_featured_story_box_over_the_article_is_not_the_article(self):
        box = (
            "Featured\nFerry services resume to the southern islands after the storm\n"
            "Boats left Rach Gia at dawn on Tuesday for the first time in a week.\n"
        )
        [record] = parse_text(self, box + a_page())
        version = only_version(record)
        self.assertEqual(version.title, "Harbour city opens a new ferry berth")
        self.assertEqual(version.published_at, at(2026, 1, 25, 23, 56))
        self.assertNotIn("Boats left Rach Gia", article_text(record))

    def test_a_subheading_in_an_undated_article_is_not_another_article(self):
        text = a_page("").replace("Port officials", "Built in eleven months\n\nPort officials")
        [record] = parse_text(self, text)
        self.assertEqual(only_version(record).title, "Harbour city opens a new ferry berth")
        self.assertEqual(record.flags, ["date_needed"])

    def test_a_lead_without_its_final_full_stop_is_not_the_title(self):
        lead = (
            "Từ ngày 1-4, các chuyến phà từ đất liền ra đảo sẽ chạy mỗi giờ một chuyến trong suốt mùa hè,"
            " thay vì ba chuyến mỗi ngày như trước"
        )
        [record] = parse_text(
            self, a_page().replace("The new berth lets ferries", lead + "\n\nThe new berth")
        )
        version = only_version(record)
        self.assertEqual(version.title, "Harbour city opens a new ferry berth")
        self.assertEqual(version.lead, lead)

    def test_the_copyright_name_is_not_the_title(self):
        page = "\n".join(
            [
                "Example Harbour Gazette",
                "The new berth lets ferries to the outer islands leave every hour during the summer season,"
                " officials said on Monday after a long wait for the works to end.",
                "Port officials said the berth was built in eleven months and cost less than planned.",
                "© 2026 Example Harbour Gazette. All rights reserved.",
            ]
        )
        [record] = parse_text(self, page)
        self.assertIn("title_needed", record.flags)
        self.assertTrue(only_version(record).title.startswith("The new berth lets ferries"))

    def test_an_all_caps_title_keeps_its_case(self):
        [record] = parse_text(self, a_page(title="HARBOUR CITY OPENS A NEW FERRY BERTH"))
        self.assertEqual(only_version(record).title, "HARBOUR CITY OPENS A NEW FERRY BERTH")

    def test_an_all_caps_headline_under_the_menu_is_the_title_not_a_masthead(self):
        page = "\n".join(
            [
                "  • Trang chủ",
                "  • Tin tức",
                "HỘI NGHỊ TỔNG KẾT CÔNG TÁC ĐỐI NGOẠI NHÂN DÂN",
                "Sáng 20-12, Liên hiệp các tổ chức hữu nghị tỉnh tổng kết công tác năm"
                " và triển khai nhiệm vụ mới.",
                "Hội nghị đánh giá kết quả các hoạt động đối ngoại nhân dân trong năm qua.",
            ]
        )
        [record] = parse_text(self, page)
        self.assertEqual(only_version(record).title, "HỘI NGHỊ TỔNG KẾT CÔNG TÁC ĐỐI NGOẠI NHÂN DÂN")
        self.assertEqual(record.flags, ["date_needed"])

    def test_a_weather_banner_is_not_the_title(self):
        lead = (
            "The new berth lets ferries to the outer islands leave every hour during the summer season,"
            " officials said on Monday after a long wait for the works to end."
        )
        [record] = parse_text(self, f"  • Home\nHà Nội 18°C - 22°C\n{lead}\nPort officials said more.\n")
        self.assertEqual(record.flags, ["date_needed", "title_needed"])
        self.assertTrue(only_version(record).title.startswith("The new berth lets ferries"))


class ListingRuleTests(SimpleTestCase):
    def test_an_article_with_a_dated_sidebar_is_not_a_listing(self):
        sidebar = "".join(
            f"Other harbour news headline number {n} for readers\n{20 - n}/01/2026 08:00\n\n"
            for n in range(6)
        )
        [record] = parse_text(self, a_page().replace("Copyright", "Tin khác\n\n" + sidebar + "Copyright"))
        self.assertEqual(only_version(record).title, "Harbour city opens a new ferry berth")
        self.assertNotIn("Other harbour news", article_text(record))


class PageDumpImportTests(TestCase):
    """import_articles --format page on dumps without a date or a headline: drafts for the desk."""

    def test_a_dump_without_a_date_is_saved_as_an_undated_draft(self):
        stdout, _stderr = run_import(FIXTURES / "vi-no-date.txt", format="page")
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 0")
        article = Article.objects.get()
        self.assertEqual(article.title_vi, "Ngư dân Lý Sơn ra khơi chuyến biển đầu năm với lưới mới")
        self.assertEqual(article.status_vi, Status.DRAFT)
        self.assertIsNone(article.published_at_vi)

    def test_a_dump_cut_mid_article_is_saved_as_a_draft_with_its_provisional_title(self):
        stdout, _stderr = run_import(FIXTURES / "en-cut-mid-article.txt", format="page")
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 0")
        article = Article.objects.get()
        self.assertEqual(article.title_en, DUMPS["en-cut-mid-article.txt"].title)
        self.assertEqual(article.status_en, Status.DRAFT)
        self.assertIsNone(article.published_at_en)
        self.assertTrue(article.lead_en.startswith("The volunteers, most of them retired teachers"))

    def test_a_listing_fails_with_its_reason_and_saves_nothing(self):
        path = write_temp(self, (FIXTURES / "en-listing.txt").read_bytes(), ".txt")
        stdout, stderr = run_import(path, format="page", expect_failure=True)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 0, failed 1")
        self.assertIn("line 11: a listing page, not an article", stderr)
        self.assertFalse(Article.objects.exists())
