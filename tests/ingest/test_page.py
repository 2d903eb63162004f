import html
import re
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase, TestCase

from articles.models import Article, Source, Status
from categories.models import Category
from ingest.inputs import Input, InputError
from ingest.parsers import page
from ingest.records import ArticleRecord, ItemError, VersionRecord
from media.models import Photo

from ..conftest import shared_file
from ..factories import image_bytes, make_category
from .helpers import run_import, summary, write_temp

FIXTURES = Path(__file__).parent / "fixtures" / "page"
ENGLISH_SEED = ("seeds", "vufo-en-foreign-leaders-congratulate.txt")
VIETNAMESE_SEED = ("seeds", "vi-trump-chuc-mung-tong-bi-thu.txt")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SEVEN_HOURS = timedelta(hours=7)


def parse(path: Path) -> list[ArticleRecord | ItemError]:
    return list(page.parse(Input(name=path.name, path=path, base_dir=path.parent)))


def parse_one(path: Path) -> ArticleRecord:
    records = parse(path)
    assert len(records) == 1 and isinstance(records[0], ArticleRecord), records
    return records[0]


def parse_text(test, text: str | bytes) -> list[ArticleRecord | ItemError]:
    return parse(write_temp(test, text, ".txt"))


def only_version(record: ArticleRecord) -> VersionRecord:
    [version] = record.versions.values()
    return version


def paragraphs(body: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r"<p>(.*?)</p>", body)]


def article_text(record: ArticleRecord) -> str:
    """Everything the record would save as text: leaks of page furniture show up here."""
    parts = []
    for version in record.versions.values():
        parts += [version.title, version.lead, version.body, version.byline]
    for photo in record.photos:
        parts += [*photo.caption.values(), str(photo.credit)]
    return "\n".join(parts)


def a_page(
    date_line: str = "25/01/2026, 11:56 PM", *, title: str = "Harbour city opens a new ferry berth"
) -> str:
    """A small page dump: menu, breadcrumb, date line, title, lead, one paragraph, footer."""
    return "\n".join(
        [
            "  • Home",
            "  • About Us",
            "  • Home",
            "  • Seas and Islands",
            date_line,
            "",
            title,
            "",
            "The new berth lets ferries to the outer islands leave every hour during the summer season.",
            "",
            "Port officials said the berth was built in eleven months and cost less than planned.",
            "",
            "Copyright by the Example Friendship Union",
        ]
    )


class EnglishSeedTests(SimpleTestCase):
    """The real VUFO page in /work/shared/seeds: only its article is kept, every field right."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = parse_one(shared_file(*ENGLISH_SEED))
        cls.version = cls.record.versions["en"]

    def test_it_is_one_english_article_without_a_status(self):
        self.assertEqual(list(self.record.versions), ["en"])
        self.assertEqual(self.record.original_language, "en")
        self.assertIsNone(self.version.status)
        self.assertEqual(self.version.byline, "")

    def test_the_title_is_exact(self):
        self.assertEqual(
            self.version.title, "Foreign leaders extend congratulations to Party General Secretary To Lam"
        )

    def test_the_date_line_is_an_aware_time_in_vietnam(self):
        self.assertEqual(self.version.published_at, datetime(2026, 1, 25, 23, 56, tzinfo=VIETNAM))
        self.assertEqual(self.version.published_at.utcoffset(), SEVEN_HOURS)

    def test_the_lead_is_the_first_paragraph_with_its_no_break_space_normalised(self):
        self.assertTrue(self.version.lead.startswith("Leaders of many countries, including Cuba, Russia"))
        self.assertTrue(self.version.lead.endswith("To Lam on his re-election."))
        self.assertIn("Nicaragua, Democratic", self.version.lead)
        self.assertNotIn("\xa0", self.version.lead)

    def test_the_body_holds_the_other_paragraphs_only(self):
        body = paragraphs(self.version.body)
        self.assertEqual(len(body), 25)
        self.assertTrue(body[0].startswith("President of Russia Vladimir Putin held phone talks"))
        self.assertTrue(body[-1].startswith("Expressing pride in the longstanding friendship"))
        for furniture in ("(Photo: VNA)", ".jpg", "Source: VNA", self.version.lead):
            self.assertNotIn(furniture, "\n".join(body))

    def test_no_menu_sidebar_or_footer_text_is_kept(self):
        text = article_text(self.record)
        for furniture in (
            "Interested",
            "Related news",
            "Focus",
            "Copyright",
            "Address:",
            "Tel:",
            "Email:",
            "Copy link",
            "About Us",
            "Vufo.org.vn",
            "Tiếng Việt",
            "Union of Friendship Organizations",
            "PM Pham Minh Chinh meets with Cambodian King Norodom Sihamoni",
            "State President hosts welcome ceremony for Cambodian King",
            "Top legislator meets with Cambodian King in Hanoi",
            "Viet Nam, Cuba issue joint statement",
            "Viet Nam accepts invitation to join Gaza Peace Council",
        ):
            self.assertNotIn(furniture, text)

    def test_the_source_line_becomes_the_source(self):
        self.assertEqual(self.record.source, "VNA")

    def test_the_breadcrumb_gives_the_category(self):
        self.assertEqual(self.record.category, ["Diplomacy and Intergration"])

    def test_the_repeated_first_caption_is_one_photo(self):
        self.assertEqual(len(self.record.photos), 3)
        self.assertEqual(
            self.record.photos[0].caption,
            {
                "en": "General Secretary of the 14th Central Committee of the Communist Party of Vietnam "
                + "To Lam"
            },
        )

    def test_photos_have_their_credit_file_name_and_place(self):
        photos = self.record.photos
        self.assertEqual([photo.credit for photo in photos], ["VNA", "VNA", "VNA"])
        self.assertEqual(
            [photo.file_name for photo in photos],
            ["", "party-general-secretary-to-lam-3.jpg", "lam2-4512.jpg"],
        )
        self.assertEqual([photo.paragraph for photo in photos], [0, 10, 23])
        self.assertEqual(
            photos[2].caption, {"en": "At the first meeting of the 14th Party Central Committee"}
        )
        self.assertTrue(photos[1].caption["en"].endswith("on January 23, 2026."))
        self.assertFalse(any("Photo" in photo.caption["en"] for photo in photos))

    def test_the_external_id_is_the_page_prefix_and_a_hash(self):
        self.assertRegex(self.record.external_id, r"^page:[0-9a-f]{24}$")
        self.assertEqual(parse_one(shared_file(*ENGLISH_SEED)).external_id, self.record.external_id)


class VietnameseSeedTests(SimpleTestCase):
    """The real Vietnamese page: its date shares the title's line, its caption ends "Ảnh: VGP."."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = parse_one(shared_file(*VIETNAMESE_SEED))
        cls.version = cls.record.versions["vi"]

    def test_the_date_is_cut_from_the_end_of_the_title_line(self):
        self.assertEqual(self.version.title, "Tổng thống Mỹ Donald Trump chúc mừng Tổng Bí thư Tô Lâm")
        self.assertEqual(self.version.published_at, datetime(2026, 1, 31, 21, 20, tzinfo=VIETNAM))
        self.assertEqual(self.version.published_at.utcoffset(), SEVEN_HOURS)

    def test_the_caption_label_says_vietnamese(self):
        self.assertEqual(list(self.record.versions), ["vi"])
        self.assertEqual(self.record.original_language, "vi")

    def test_the_lead_starting_with_theo_is_the_lead_not_a_source(self):
        self.assertTrue(self.version.lead.startswith("Theo thông tin từ Bộ Ngoại giao ngày 31-1"))
        self.assertTrue(self.version.lead.endswith("khóa XIV."))
        self.assertEqual(self.record.source, "")

    def test_the_body_holds_the_nine_other_paragraphs(self):
        body = paragraphs(self.version.body)
        self.assertEqual(len(body), 9)
        self.assertTrue(body[0].startswith("Gửi điện mừng Tổng Bí thư Tô Lâm"))
        self.assertTrue(body[-1].startswith("Thủ tướng Thái Lan"))
        self.assertNotIn("Ảnh:", self.version.body)

    def test_the_caption_is_the_main_photo_with_its_credit(self):
        [photo] = self.record.photos
        self.assertEqual(photo.credit, "VGP")
        self.assertEqual(photo.paragraph, 0)
        self.assertEqual(photo.file_name, "")
        caption = photo.caption["vi"]
        self.assertTrue(caption.startswith("Tổng Bí thư Tô Lâm đã nhận được nhiều điện"))
        self.assertTrue(caption.endswith("các tổ chức quốc tế."))

    def test_no_breadcrumb_no_category(self):
        self.assertEqual(self.record.category, [])


class FriendshipUnionFixtureTests(SimpleTestCase):
    """An English dump with the VUFO chrome: menus, breadcrumb, Focus, Interested, Related news, footer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = parse_one(FIXTURES / "en-friendship-union.txt")
        cls.version = cls.record.versions["en"]

    def test_title_date_and_language(self):
        self.assertEqual(
            self.version.title, "Hai Phong fishing villages welcome friends from three continents"
        )
        self.assertEqual(self.version.published_at, datetime(2026, 2, 14, 9, 5, tzinfo=VIETNAM))
        self.assertEqual(self.record.original_language, "en")
        self.assertEqual(self.record.position, "line 24")

    def test_lead_and_body(self):
        self.assertTrue(self.version.lead.startswith("Delegates from twelve friendship associations"))
        body = paragraphs(self.version.body)
        self.assertEqual(len(body), 4)
        self.assertTrue(body[0].startswith("The visit, organised by the city's friendship association"))
        self.assertTrue(body[-1].startswith("The association said it would publish"))

    def test_alt_text_and_caption_make_one_photo(self):
        first, second = self.record.photos
        self.assertEqual(first.caption, {"en": "Delegates watch fishermen mend nets on the Cat Hai shore"})
        self.assertEqual((first.credit, first.paragraph, first.file_name), ("VNA", 0, ""))
        self.assertEqual(
            second.caption,
            {"en": "A cooperative leader shows guests the new cold-storage room in Cat Ba on February 12."},
        )
        self.assertEqual((second.credit, second.paragraph), ("Thanh Nga/VNA", 2))
        self.assertEqual(second.file_name, "catba-cooperative-2.jpg")

    def test_source_and_category(self):
        self.assertEqual(self.record.source, "VNA")
        self.assertEqual(self.record.category, ["Seas and Islands"])

    def test_no_page_furniture_is_kept(self):
        text = article_text(self.record)
        for furniture in (
            "Focus",
            "Interested",
            "Related news",
            "Provinces prepare spring tree-planting festivals",
            "Volunteers clean beaches",
            "Fishermen's unions sign exchange agreement",
            "Address:",
            "Tel:",
            "Copyright",
            "Top",
            "Copy link",
            "Source:",
        ):
            self.assertNotIn(furniture, text)


class TitleDateSameLineFixtureTests(SimpleTestCase):
    """A Vietnamese dump like the seed, with a one-line breadcrumb, a byline, "Tin liên quan" and a footer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = parse_one(FIXTURES / "vi-title-date-same-line.txt")
        cls.version = cls.record.versions["vi"]

    def test_title_and_date_from_one_line(self):
        self.assertEqual(
            self.version.title, "Học sinh vùng cao Hà Giang nhận hàng nghìn bộ sách mới trước Tết"
        )
        self.assertEqual(self.version.published_at, datetime(2026, 3, 8, 7, 45, tzinfo=VIETNAM))

    def test_the_one_line_breadcrumb_gives_its_last_section(self):
        self.assertEqual(self.record.category, ["Giáo dục"])

    def test_the_name_at_the_end_is_the_byline_and_the_sidebar_is_dropped(self):
        self.assertEqual(self.version.byline, "Thu Hằng")
        body = paragraphs(self.version.body)
        self.assertEqual(len(body), 3)
        self.assertTrue(body[-1].startswith("Cô giáo Lò Thị Mai chia sẻ"))
        text = article_text(self.record)
        for furniture in (
            "Tin liên quan",
            "Khánh thành điểm trường",
            "Đọc nhiều",
            "Bản quyền",
            "Giấy phép",
            "Tòa soạn",
        ):
            self.assertNotIn(furniture, text)

    def test_trailing_and_parenthesised_credits(self):
        first, second = self.record.photos
        self.assertEqual(
            first.caption,
            {"vi": "Các em học sinh Trường Tiểu học Lũng Cú nhận sách mới trong buổi lễ trao tặng."},
        )
        self.assertEqual((first.credit, first.paragraph), ("VGP", 0))
        self.assertEqual(
            second.caption,
            {"vi": "Thư viện mới của điểm trường Sà Phìn được trang trí bằng tranh của chính học sinh"},
        )
        self.assertEqual((second.credit, second.paragraph), ("Minh Anh/TTXVN", 2))
        self.assertEqual(second.file_name, "cau-thu-vien-lung-cu.png")

    def test_no_source_line_no_source(self):
        self.assertEqual(self.record.source, "")
        self.assertEqual(self.record.original_language, "vi")


class VnExpressStyleFixtureTests(SimpleTestCase):
    """Header date, plain-line menu, "Thứ bảy, 31/1/2026, 21:20 (GMT+7)", an inline box, "Theo TTXVN"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = parse_one(FIXTURES / "vi-vnexpress-style.txt")
        cls.version = cls.record.versions["vi"]

    def test_the_dated_line_with_a_time_wins_over_the_header_date(self):
        self.assertEqual(self.version.published_at, datetime(2026, 1, 31, 21, 20, tzinfo=VIETNAM))
        self.assertEqual(self.version.title, "Hà Nội mở thêm tuyến buýt điện nối sân bay với trung tâm")

    def test_the_share_button_is_not_the_lead(self):
        self.assertTrue(self.version.lead.startswith("Từ ngày 1-2, Hà Nội đưa vào khai thác tuyến buýt điện"))

    def test_the_inline_box_and_read_more_link_are_left_out_and_the_article_goes_on(self):
        body = paragraphs(self.version.body)
        self.assertEqual(len(body), 4)
        self.assertTrue(body[2].startswith("Đơn vị vận hành cho biết"))
        self.assertTrue(body[3].startswith("Trong quý đầu năm"))
        text = article_text(self.record)
        for furniture in (
            "Tin liên quan",
            "vé điện tử liên thông",
            "Bến xe Long Biên được cải tạo",
            "Xem thêm",
        ):
            self.assertNotIn(furniture, text)

    def test_source_byline_category_and_photo(self):
        self.assertEqual(self.record.source, "TTXVN")
        self.assertEqual(self.version.byline, "PV")
        self.assertEqual(self.record.category, ["Chính trị"])
        [photo] = self.record.photos
        self.assertEqual(photo.caption, {"vi": "Xe buýt điện chạy thử trên cầu Nhật Tân chiều 30-1."})
        self.assertEqual((photo.credit, photo.paragraph), ("Giang Huy", 0))

    def test_the_sidebar_and_footer_are_dropped(self):
        text = article_text(self.record)
        for furniture in (
            "Đọc nhiều",
            "Giá vàng",
            "Tin khác",
            "Giấy phép",
            "Địa chỉ",
            "bản quyền",
            "Thời sự",
        ):
            self.assertNotIn(furniture, text)


class TitleBeforeDateFixtureTests(SimpleTestCase):
    """An English site: the title above "Published: ... | Updated: ...", a photo address, "(Source: VNA)"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = parse_one(FIXTURES / "en-title-before-date.txt")
        cls.version = cls.record.versions["en"]

    def test_the_title_above_the_date_and_the_first_date_on_the_line(self):
        self.assertEqual(self.version.title, "Rice exports to Africa climb as new shipping route opens")
        self.assertEqual(self.version.published_at, datetime(2026, 2, 3, 8, 30, tzinfo=VIETNAM))
        self.assertEqual(self.record.position, "line 7")

    def test_lead_body_source_and_category(self):
        self.assertTrue(self.version.lead.startswith("Viet Nam's rice shipments to West Africa"))
        self.assertEqual(len(paragraphs(self.version.body)), 2)
        self.assertEqual(self.record.source, "VNA")
        self.assertEqual(self.record.category, ["Economy"])
        self.assertEqual(self.record.original_language, "en")

    def test_the_byline_under_the_date(self):
        self.assertEqual(self.version.byline, "Lan Huong")

    def test_a_photo_address_line_gives_the_url_and_file_name(self):
        [photo] = self.record.photos
        self.assertEqual(photo.url, "https://img.example.org/2026/02/03/cai-mep-rice.webp")
        self.assertEqual(photo.file_name, "cai-mep-rice.webp")
        self.assertEqual(
            photo.caption, {"en": "Containers of rice are loaded at Cai Mep port on February 2."}
        )
        self.assertEqual((photo.credit, photo.paragraph), ("Hoang Nam/VNA", 0))

    def test_the_sidebar_and_footer_are_dropped(self):
        text = article_text(self.record)
        for furniture in (
            "Most read",
            "Coffee prices",
            "More news",
            "All rights reserved",
            "Editor-in-chief",
        ):
            self.assertNotIn(furniture, text)


class VovStyleFixtureTests(SimpleTestCase):
    """A plain-line menu above the title, "31/01/2026 - 21:20" below it, a credit-only line, "Nguồn: VOV"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = parse_one(FIXTURES / "vi-vov-style.txt")
        cls.version = cls.record.versions["vi"]

    def test_title_and_date(self):
        self.assertEqual(self.version.title, "Đoàn nghệ sĩ Việt Nam biểu diễn múa rối nước tại Praha")
        self.assertEqual(self.version.published_at, datetime(2026, 1, 31, 21, 20, tzinfo=VIETNAM))

    def test_a_long_menu_run_is_not_a_breadcrumb(self):
        self.assertEqual(self.record.category, [])

    def test_the_follow_button_is_dropped_and_the_source_kept(self):
        self.assertEqual(len(paragraphs(self.version.body)), 2)
        self.assertNotIn("Google News", article_text(self.record))
        self.assertEqual(self.record.source, "VOV")

    def test_a_file_name_and_a_credit_line_make_a_photo_without_caption(self):
        [photo] = self.record.photos
        self.assertEqual(photo.caption, {})
        self.assertEqual(
            (photo.file_name, photo.credit, photo.paragraph), ("mua-roi-praha.jpg", "Ngọc Thu", 1)
        )

    def test_the_sidebar_and_footer_are_dropped(self):
        text = article_text(self.record)
        for furniture in ("Xem nhiều", "Lễ hội hoa xuân", "Cơ quan chủ quản", "Chịu trách nhiệm", "Nguồn:"):
            self.assertNotIn(furniture, text)


class DateLineTests(SimpleTestCase):
    """The common date styles of Vietnamese and English news sites, read in Vietnam's time."""

    def published_at(self, date_line: str) -> datetime:
        [record] = parse_text(self, a_page(date_line))
        self.assertIsInstance(record, ArticleRecord, date_line)
        return next(iter(record.versions.values())).published_at

    def test_common_styles(self):
        cases = {
            "25/01/2026, 11:56 PM": datetime(2026, 1, 25, 23, 56),
            "31/01/2026 21:20": datetime(2026, 1, 31, 21, 20),
            "Thứ bảy, 31/1/2026, 21:20 (GMT+7)": datetime(2026, 1, 31, 21, 20),
            "31/01/2026 - 21:20": datetime(2026, 1, 31, 21, 20),
            "January 25, 2026 11:56 PM": datetime(2026, 1, 25, 23, 56),
            "Thứ Bảy, 21:20, 31/01/2026": datetime(2026, 1, 31, 21, 20),
            "Cập nhật lúc 21h20 ngày 31-01-2026": datetime(2026, 1, 31, 21, 20),
            "2026-01-31 21:20": datetime(2026, 1, 31, 21, 20),
            "Saturday, 31 January 2026 09:05": datetime(2026, 1, 31, 9, 5),
            "Jan. 5, 2026, 12:10 a.m.": datetime(2026, 1, 5, 0, 10),
            "Ngày 31 tháng 1 năm 2026": datetime(2026, 1, 31),
        }
        for line, expected in cases.items():
            with self.subTest(line):
                value = self.published_at(line)
                self.assertEqual(value, expected.replace(tzinfo=VIETNAM))
                self.assertEqual(value.utcoffset(), SEVEN_HOURS)

    def test_a_stated_zone_is_honoured_and_shown_in_vietnam_time(self):
        self.assertEqual(
            self.published_at("31/01/2026 14:20 GMT+0"), datetime(2026, 1, 31, 21, 20, tzinfo=VIETNAM)
        )

    def test_an_impossible_date_is_not_a_date_line(self):
        for line in (
            "31/02/2026 21:20",
            "25/13/2026 21:20",
            "25/01/0999 21:20",
            "25/01/2026 24:30",
            "13:05 PM 25/01/2026",
        ):
            with self.subTest(line):
                # Not a date: the article imports without a publication time, for the desk to date.
                [record] = parse_text(self, a_page(line))
                self.assertIsNone(only_version(record).published_at)
                self.assertEqual(record.flags, ["date_needed"])
                self.assertEqual(only_version(record).title, "Harbour city opens a new ferry berth")

    def test_a_header_date_without_time_does_not_start_the_article(self):
        [record] = parse_text(self, "Thứ bảy, 24/1/2026\n" + a_page())
        self.assertEqual(only_version(record).published_at, datetime(2026, 1, 25, 23, 56, tzinfo=VIETNAM))

    def test_a_dated_line_with_only_menus_after_it_does_not_start_the_article(self):
        menu = "\n".join(["Cập nhật 08:15 24/01/2026", *(f"  • Section {n}" for n in range(10))])
        [record] = parse_text(self, menu + "\n" + a_page())
        self.assertEqual(only_version(record).published_at, datetime(2026, 1, 25, 23, 56, tzinfo=VIETNAM))
        self.assertEqual(record.category, ["Seas and Islands"])

    def test_the_date_at_the_end_of_the_title_line(self):
        text = a_page("", title="Harbour city opens a new ferry berth 31/01/2026 21:20")
        [record] = parse_text(self, text)
        version = only_version(record)
        self.assertEqual(version.title, "Harbour city opens a new ferry berth")
        self.assertEqual(version.published_at, datetime(2026, 1, 31, 21, 20, tzinfo=VIETNAM))

    def test_a_title_ending_in_a_date_without_time_is_a_title(self):
        title = "Veterans gather to remember the spring of 30/4/1975"
        text = a_page("31/01/2026 21:20").replace(
            "  • Seas and Islands\n", f"  • Seas and Islands\n{title}\n"
        )
        [record] = parse_text(self, text.replace("Harbour city opens a new ferry berth", ""))
        self.assertEqual(only_version(record).title, "Veterans gather to remember the spring of 30/4/1975")
        self.assertEqual(only_version(record).published_at, datetime(2026, 1, 31, 21, 20, tzinfo=VIETNAM))


class PageRuleTests(SimpleTestCase):
    """The general rules, on small pages."""

    def test_a_redump_with_other_spacing_and_date_style_keeps_its_external_id(self):
        [first] = parse_text(self, a_page("25/01/2026, 11:56 PM"))
        redump = a_page(
            "Sunday, January 25, 2026 11:56 PM", title="Harbour  city opens\u00a0a new ferry berth "
        )
        [second] = parse_text(self, redump.replace("\n", "\r\n"))
        [other] = parse_text(
            self, a_page("25/01/2026, 11:56 PM", title="Harbour city closes its old ferry berth")
        )
        self.assertEqual(first.external_id, second.external_id)
        self.assertNotEqual(first.external_id, other.external_id)
        self.assertTrue(first.external_id.startswith("page:"))

    def test_the_same_title_on_another_day_is_another_article(self):
        [first] = parse_text(self, a_page("25/01/2026, 11:56 PM"))
        [second] = parse_text(self, a_page("26/01/2026, 11:56 PM"))
        self.assertNotEqual(first.external_id, second.external_id)

    def test_text_without_a_date_line_is_not_a_page(self):
        with self.assertRaisesRegex(InputError, r"\.txt: not a page dump: no line holds an article date"):
            parse_text(
                self, "Just a note.\n\nNothing here looks like a news page at all, no date anywhere.\n"
            )

    def test_a_page_cut_after_its_date_reports_no_title(self):
        [error] = parse_text(self, "  • Home\n  • News\n25/01/2026, 11:56 PM\n")
        self.assertEqual(error, ItemError("line 3", "no title next to the date line"))

    def test_a_page_cut_after_its_title_reports_no_text(self):
        [error] = parse_text(self, "25/01/2026, 11:56 PM\n\nHarbour city opens a new ferry berth\n")
        self.assertIsInstance(error, ItemError)
        self.assertEqual(error.position, "line 3")
        self.assertIn("no article text after the title", error.reason)

    def test_a_page_cut_in_its_body_keeps_what_it_has(self):
        text = a_page().split("Port officials")[0] + "Port officials said the berth was bu"
        [record] = parse_text(self, text)
        self.assertEqual(paragraphs(only_version(record).body), ["Port officials said the berth was bu"])

    def test_invalid_utf8_is_a_clear_input_error(self):
        data = a_page().encode().replace(b"Harbour", b"Harb\xffour")
        with self.assertRaisesRegex(InputError, "not valid UTF-8"):
            parse_text(self, data)

    def test_a_huge_file_is_refused(self):
        path = write_temp(self, "")
        with path.open("wb") as stream:
            stream.truncate(page.MAX_BYTES + 1)
        with self.assertRaisesRegex(InputError, "too large for a page dump"):
            parse(path)

    def test_a_long_line_of_dates_is_not_the_date_line(self):
        junk = " ".join(["01/01/2020 08:00"] * 20000)
        [record] = parse_text(self, junk + "\n" + a_page())
        self.assertEqual(record.position, "line 8")
        self.assertEqual(only_version(record).published_at, datetime(2026, 1, 25, 23, 56, tzinfo=VIETNAM))

    def test_labels_in_both_languages_leave_the_language_to_the_writer(self):
        text = a_page().replace("Port officials", "Ferry at dawn (Ảnh: VNA)\n\nPort officials")
        [record] = parse_text(self, text + "\n")
        self.assertEqual(list(record.versions), [""])
        [english] = parse_text(self, text.replace("(Ảnh: VNA)", "(Photo: VNA)"))
        self.assertEqual(list(english.versions), ["en"])
        self.assertEqual(english.photos[0].caption, {"en": "Ferry at dawn"})

    def test_a_source_line_then_a_byline(self):
        text = a_page().replace("Copyright", "Source: VNA\n\nMinh Anh\n\nRelated news\n\nCopyright")
        [record] = parse_text(self, text)
        self.assertEqual(record.source, "VNA")
        self.assertEqual(record.versions["en"].byline, "Minh Anh")

    def test_a_sidebar_heading_ends_the_article_when_there_is_no_source_line(self):
        sidebar = (
            "Most read\n\nIsland ferries fill up\n\nA teaser sentence that reads like the article does.\n\n"
        )
        [record] = parse_text(self, a_page().replace("Copyright", sidebar + "Copyright"))
        self.assertEqual(len(paragraphs(only_version(record).body)), 1)
        self.assertNotIn("teaser sentence", article_text(record))

    def test_a_footer_line_ends_the_article_when_there_is_no_source_line(self):
        for footer in (
            "Copyright by the Example Friendship Union",
            "© 2026 Example News. All rights reserved.",
            "Bản quyền thuộc về Báo điện tử Ví Dụ, ghi rõ nguồn khi đăng lại",
            "Giấy phép số 12/GP-BTTTT do Bộ Thông tin và Truyền thông cấp",
            "Địa chỉ: 12 Phố Ví Dụ, Hà Nội, Việt Nam",
            "Tòa soạn: 20 Phố Hàng Bài, quận Hoàn Kiếm, Hà Nội",
            "Chịu trách nhiệm nội dung: Nguyễn Văn Ví Dụ và những người khác",
        ):
            with self.subTest(footer):
                text = a_page().replace(
                    "Copyright by the Example Friendship Union", footer + "\n\nMore footer text."
                )
                [record] = parse_text(self, text)
                self.assertEqual(
                    paragraphs(only_version(record).body),
                    ["Port officials said the berth was built in eleven months and cost less than planned."],
                )

    def test_a_breadcrumb_is_home_and_at_most_two_sections(self):
        def category(crumbs: str) -> list[str]:
            text = a_page().replace("  • Home\n  • Seas and Islands\n", crumbs)
            [record] = parse_text(self, text)
            return record.category

        self.assertEqual(category("Trang chủ\nThế giới\nMuôn màu\n"), ["Muôn màu"])
        self.assertEqual(category("Trang chủ\nChính trị\nKinh tế\nXã hội\n"), [])
        self.assertEqual(category("Chính trị\nKinh tế\n"), [])
        self.assertEqual(category("Home / Economy / Copy link\n"), ["Economy"])

    def test_a_repeated_title_line_is_not_a_paragraph(self):
        text = a_page().replace("Port officials", "Harbour city opens a new ferry berth\n\nPort officials")
        [record] = parse_text(self, text)
        self.assertEqual(len(paragraphs(only_version(record).body)), 1)

    def test_an_event_heading_starting_with_theo_is_not_a_source(self):
        text = a_page().replace(
            "Copyright", "Theo dòng sự kiện\n\nFerry timetables change for the summer\n\nCopyright"
        )
        [record] = parse_text(self, text)
        self.assertEqual(record.source, "")
        self.assertNotIn("Ferry timetables", article_text(record))

    def test_a_source_given_as_an_address_is_named_by_its_host(self):
        text = a_page().replace("Copyright", "Nguồn: https://www.example.vn/tin/123\n\nCopyright")
        [record] = parse_text(self, text)
        self.assertEqual(record.source, "example.vn")

    def test_an_image_file_without_a_caption_is_still_a_photo(self):
        text = a_page().replace("Port officials", "ben-pha-moi.jpg\n\nPort officials")
        [record] = parse_text(self, text)
        [photo] = record.photos
        self.assertEqual(
            (photo.file_name, photo.caption, photo.credit, photo.paragraph), ("ben-pha-moi.jpg", {}, "", 0)
        )

    def test_credits_with_initials_label_only_lines_read_more_links_and_end_marks(self):
        extra = (
            "Khách chờ lên phà ở bến mới. Ảnh: T.Hằng\n\n"
            "ben-pha.jpg\n\n(Ảnh minh họa)\n\n"
            ">> Xem thêm: Lịch chạy phà mùa hè trên các tuyến đảo\n\n"
        )
        text = (
            a_page()
            .replace("Port officials", extra + "Port officials")
            .replace("Copyright", "Hết\n\nCopyright")
        )
        [record] = parse_text(self, text)
        first, second = record.photos
        self.assertEqual((first.caption, first.credit), ({"": "Khách chờ lên phà ở bến mới."}, "T.Hằng"))
        self.assertEqual((second.file_name, second.caption, second.credit), ("ben-pha.jpg", {}, ""))
        version = only_version(record)
        self.assertEqual(len(paragraphs(version.body)), 1)
        self.assertEqual(version.byline, "")

    def test_markup_in_the_dump_is_dropped_and_text_escaped(self):
        line = "Officials wrote <script>alert(1)</script>that 5 < 6 & <b>more</b>, then left."
        [record] = parse_text(self, a_page().replace("Port officials", line + "\n\nPort officials"))
        body = record.versions["en"].body
        self.assertEqual(paragraphs(body)[0], "Officials wrote that 5 < 6 & more, then left.")
        self.assertIn("<p>Officials wrote that 5 &lt; 6 &amp; more, then left.</p>", body)


class PageImportCommandTests(TestCase):
    """import_articles on page dumps: the saved article, its photos, section and source."""

    def import_seed(self, *seed: str) -> Article:
        stdout, _stderr = run_import(shared_file(*seed))
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 0")
        return Article.objects.get()

    def copy_to_folder(self, source: Path) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="page-import-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        return Path(shutil.copy(source, folder))

    def test_the_english_seed_is_saved_with_its_fields(self):
        article = self.import_seed(*ENGLISH_SEED)
        self.assertEqual(
            article.title_en, "Foreign leaders extend congratulations to Party General Secretary To Lam"
        )
        self.assertFalse(article.title_vi)
        self.assertEqual(article.published_at_en, datetime(2026, 1, 25, 23, 56, tzinfo=VIETNAM))
        self.assertEqual(article.status_en, Status.DRAFT)  # a page dump is a draft for the desk
        self.assertEqual(article.original_language, "en")
        self.assertTrue(article.lead_en.startswith("Leaders of many countries"))
        self.assertEqual(article.body_en.count("<p>"), 25)
        self.assertTrue(article.external_id.startswith("page:"))
        self.assertEqual(
            (article.source.name_en, article.source.name_vi, article.source.slug), ("VNA", "TTXVN", "vna")
        )
        self.assertEqual(article.category.name_en, "Diplomacy and Intergration")

    def test_the_english_seed_photos_keep_caption_credit_and_place(self):
        article = self.import_seed(*ENGLISH_SEED)
        placed = list(article.article_photos.select_related("photo__credit"))
        self.assertEqual([item.paragraph for item in placed], [0, 10, 23])
        self.assertEqual({item.photo.credit.name_en for item in placed}, {"VNA"})
        self.assertEqual(
            Source.objects.count(), 1, "the article's source and the photo credit are one agency"
        )
        self.assertEqual(article.hero_photo, placed[0].photo)
        self.assertEqual(
            placed[2].photo.caption_en, "At the first meeting of the 14th Party Central Committee"
        )
        self.assertEqual(Photo.objects.count(), 3)

    def test_an_existing_integration_section_is_matched_despite_the_typo(self):
        section = make_category(name_en="Diplomacy and Integration", name_vi="Ngoại giao và Hội nhập")
        article = self.import_seed(*ENGLISH_SEED)
        self.assertEqual(article.category, section)
        self.assertEqual(Category.objects.count(), 1)

    def test_importing_again_changes_nothing_and_an_edited_page_updates(self):
        path = self.copy_to_folder(shared_file(*ENGLISH_SEED))
        run_import(path)
        stdout, _stderr = run_import(path)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 1, failed 0")
        path.write_text(
            path.read_text().replace("She expressed her confidence", "She said she was confident")
        )
        stdout, _stderr = run_import(path, format="page")
        self.assertEqual(summary(stdout), "created 0, updated 1, unchanged 0, failed 0")
        self.assertIn("She said she was confident", Article.objects.get().body_en)
        self.assertEqual(Photo.objects.count(), 3)

    def test_image_files_next_to_the_page_are_attached(self):
        path = self.copy_to_folder(shared_file(*ENGLISH_SEED))
        (path.parent / "lam2-4512.jpg").write_bytes(image_bytes(size=(80, 60)))
        run_import(path)
        article = Article.objects.get()
        last = article.article_photos.get(paragraph=23).photo
        self.assertEqual((last.width, last.height), (80, 60))
        self.assertFalse(article.article_photos.get(paragraph=10).photo.image)

    def test_the_vietnamese_seed_is_saved_in_vietnamese(self):
        article = self.import_seed(*VIETNAMESE_SEED)
        self.assertEqual(article.title_vi, "Tổng thống Mỹ Donald Trump chúc mừng Tổng Bí thư Tô Lâm")
        self.assertFalse(article.title_en)
        self.assertEqual(article.published_at_vi, datetime(2026, 1, 31, 21, 20, tzinfo=VIETNAM))
        self.assertEqual(article.hero_photo.credit.name_vi, "VGP")
        self.assertTrue(article.hero_photo.caption_vi.endswith("các tổ chức quốc tế."))
        self.assertIsNone(article.source)
        self.assertEqual(article.category.slug_en, "news", "no breadcrumb: the default section")

    def test_hostile_text_is_neutralised(self):
        text = a_page(
            title="<script>alert(1)</script>Harbour <b onmouseover=x()>opens</b> a new berth"
        ).replace(
            "Port officials",
            '<img src=x onerror=alert(1)>Ferry at dawn <a href="javascript:alert(1)">x</a>'
            " (Photo: <i>VNA</i>)\n\n"
            '<p onclick="x()">Officials <a href="javascript:alert(1)">said</a></p>'
            "<script>x()</script> more.\n\n"
            "Port officials",
        )
        run_import(write_temp(self, text, ".txt"))
        article = Article.objects.get()
        self.assertEqual(article.title_en, "Harbour opens a new berth")
        self.assertEqual(set(re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", article.body_en)), {"p"})
        for harmful in ("script", "javascript", "onclick", "onerror", "alert"):
            self.assertNotIn(harmful, article.body_en)
        self.assertIn("<p>Officials said more.</p>", article.body_en)
        self.assertEqual(article.hero_photo.caption_en, "Ferry at dawn x")
        self.assertEqual(article.hero_photo.credit.name_en, "VNA")

    def test_invalid_utf8_fails_with_a_clear_message_and_saves_nothing(self):
        path = write_temp(self, a_page().encode().replace(b"Harbour", b"Harb\xe0our"), ".txt")
        stdout, stderr = run_import(path, expect_failure=True)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 0, failed 1")
        self.assertIn("not valid UTF-8", stderr)
        self.assertFalse(Article.objects.exists())

    def test_a_page_without_text_fails_with_its_line(self):
        path = write_temp(self, "25/01/2026, 11:56 PM\n\nHarbour city opens a new ferry berth\n", ".txt")
        _stdout, stderr = run_import(path, expect_failure=True)
        self.assertIn(f"{path}: line 3: no article text after the title", stderr)
