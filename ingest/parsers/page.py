"""
Page dumps: the plain text of one news web page, as a browser's "save as
text" or a terminal browser writes it. The dump holds the whole page (site
menu, banners, breadcrumb, the article, sidebars, footer), often cut short
by the saving tool (at about 2,000 characters), and sometimes starting in
the middle of the article; only the article is kept. One line is one
paragraph; blank lines do not matter. A dump is text: anything shaped like
an HTML tag is dropped from every line, as the writer drops it from titles
and captions.

The rules, in the order the parser applies them:

- **Listing.** A section listing is refused ("a listing page, not an
  article"): four or more headlines each with a date of its own (on the
  headline's line or the line next to it) and little prose: at most one
  teaser paragraph, under 60 words, between two dates. Two paragraphs in a
  row make it an article (its dated sidebar is not a listing).
- **Dates.** A date line holds a date ("25/01/2026", "31-1-2026",
  "2026-01-31", "January 25, 2026", "25 January 2026", "31 tháng 1 năm
  2026") with an optional time before or after it ("11:56 PM", "21:20",
  "21h20"), an optional zone ("(GMT+7)"; without one, Asia/Ho_Chi_Minh) and
  at most four other words ("Thứ bảy,", "Published:", "Cập nhật lúc"). A
  line that ends with a dated time after longer text is a title and its date
  on one line ("Headline 31/01/2026 21:20"). A date labelled as something
  else than publication ("Founded: 12 May 1992", "Ngày thành lập: ...",
  "Thời gian: 14:00 ngày 20/3/2025", "Ban hành ...") is never the article's.
- **Title.** The headline: the first line that reads like one (three or more
  words, at most 200 characters, no final full stop, case kept as written)
  and is followed, within ten lines of furniture (date lines, share buttons,
  bylines, photos, label lines), by the lead (a paragraph of five or more
  words, not itself a headline unless 25 words or more long). Never a
  headline: a label line ("President: Mr. X", "Chủ tịch: Ông ...",
  "Address: ...", "Tel: ..."), a banner (a date banner, "Hotline",
  the weather, "Print article"/"In bài viết"), a breadcrumb trail, a
  labelled byline ("By Lan Huong"), or the site's name: a line repeated
  across the page (header and footer, prose between), the name in the
  copyright line, or ALL-CAPS masthead lines opening the page (an ALL-CAPS
  headline under the menu, or followed by its lead, is a headline). A label
  line names a contact, or a role or fact with a short value: "President:
  Viet Nam will host the summit next year" is a headline. An undated
  headline whose one-paragraph teaser runs straight into a dated headline
  with its lead is a featured story's box: the dated one is the article.
- **Mid-article start.** When text comes before any headline and reads as
  body prose (it starts with a lowercase word or mid-sentence, or is a
  paragraph of 25 words or more ending a sentence), the dump starts in the
  middle of the article: the article starts there, is flagged
  "title_needed", and its provisional title is the lead's first sentence
  (cut at a word to at most 120 characters, with "…" when cut).
- **Date.** The page's publication line: a date line between the title and
  the lead, else one just above the title (at most three lines, past only
  bylines and short section labels, not past a menu or breadcrumb). So the
  site's current-date banner (at the top, before the menu), dates inside
  the body, and sidebar dates are never the article's. The title's own date
  is the fallback ("The 11th Regular Press Conference 02/8/2018"). Without
  any, the article has no publication time and is flagged "date_needed".
- **No headline.** A page with neither a headline nor body prose falls back
  on its date line: when several qualify, the first followed by prose
  within eight lines wins, a line with a time before one without; the title
  is the date's own line when it holds one, else the first headline-like
  line after the date, else the one just before it, else the first line
  after the date up to 300 characters. A page with neither is not a page
  dump.
- **Category.** From the breadcrumb just above the article: the items after
  the last "Home"/"Trang chủ" in the short lines there, or a one-line trail
  ("Trang chủ > Thời sự > Chính trị"). Only the last item is kept, and only
  from a run of at most two items after "Home" (section, subsection): a
  longer run is the site menu.
- **End of the article.** A source line ("Source: VNA", "Nguồn: VOV",
  "(Source: VNA)", "Theo TTXVN") ends it; the short name-like line just
  before or after it is the byline ("Minh Anh", "PV"), else a name-like
  line between the title and the lead ("By Lan Huong", "MINH ANH"), else a
  labelled byline just above the title ("Bài và ảnh: Trần Minh"). Without a
  source line, the first sidebar heading ("Related news", "Tin liên quan",
  "Đọc nhiều", ...), footer line ("Copyright", "Bản quyền thuộc", "Giấy
  phép số", "Address:", "Tòa soạn:", "Top") or the site's name ends it; label
  lines before the lead (a profile's "Address:", "Tel:") do not. When there
  is a source line, a sidebar heading before it is a box inside the
  article: the heading and its headlines (lines without final punctuation)
  are left out, and the article goes on at the next sentence.
- **Lead and body.** The first paragraph after the title is the lead, the
  others the body. A paragraph has five or more words, or two or more and
  final punctuation; shorter lines, menu items, share buttons, repeated
  date lines, the site's name and "Xem thêm: ..." links are left out. Label
  lines before the lead (an organisation's "Chủ tịch: ...", "Founded: ...")
  are facts, kept as the first body paragraphs.
- **Photos.** A line ending with a credit ("... (Photo: VNA)", "... (Ảnh:
  TTXVN)", "... quốc tế. Ảnh: VGP.", "... (Ảnh minh họa)") is a caption: a
  photo with that caption (credit removed) and credit, placed after the
  body paragraphs before it (0: right after the lead, the main photo). An
  image file-name line ("lam2-4512.jpg", or an http(s) address of one)
  gives the next photo its file (with no caption after it, it is a photo
  of its own); a credit alone on a line ("Ảnh: Ngọc Thu") credits that
  photo; a caption repeated at once (alt text, then caption) is one photo.
- **Language.** Given only when the article's own labels agree ("Source:",
  "Photo:", "Home", English month names: "en"; "Nguồn:", "Theo", "Ảnh:",
  "Trang chủ", "Thứ bảy": "vi"); otherwise "" and the writer guesses.
- **Identity.** ``page:`` and a hash of the title and the date's value (none
  when there is no date), so a re-dump of the same page (even re-spaced, or
  with the date re-formatted) updates the same article.
- **Flags.** "date_needed" and "title_needed" (above) go on the record for
  the desk; the status is left to the writer, which files page dumps as
  drafts.
"""

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from difflib import SequenceMatcher
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newsroom.richtext import html_to_text

from ..inputs import Input, InputError
from ..records import ArticleRecord, ItemError, PhotoRecord, VersionRecord

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
#: A saved news page is tens of kilobytes; far more is not a page dump.
MAX_BYTES = 5 * 1024 * 1024

# Dates and times

_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_TIME = (
    r"(?<!\d)(?P<hour{n}>\d{{1,2}})\s?[:h]\s?(?P<minute{n}>\d{{2}})(?::(?P<second{n}>\d{{2}}))?(?!\d)"
    r"(?:\s*(?P<half{n}>[ap])\.?\s?m\b\.?)?"
)
_DATE = (
    r"(?:(?<!\d)(?P<d1>\d{1,2})\s?[/.-]\s?(?P<m1>\d{1,2})\s?[/.-]\s?(?P<y1>\d{4})(?!\d)"
    r"|(?<!\d)(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})(?!\d)"
    rf"|\b(?P<mn3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})(?!\d)"
    rf"|(?<!\d)(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn4>{_MONTH})\.?,?\s+(?P<y4>\d{{4}})(?!\d)"
    r"|(?<!\d)(?P<d5>\d{1,2})\s+tháng\s+(?P<m5>\d{1,2}),?\s+năm\s+(?P<y5>\d{4})(?!\d))"
)
_BETWEEN = r"(?:\s*[,|–—-]\s*|\s+(?:lúc|vào lúc|ngày|at|on)\s+|\s+)"
_ZONE = (
    r"(?:\s*\(?\s*(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?\s*\)?"
    r"|\s*\(?\s*ICT\s*\)?)"
)
_DATETIME = re.compile(
    rf"(?:{_TIME.format(n=1)}{_BETWEEN})?{_DATE}(?:{_BETWEEN}{_TIME.format(n=2)})?(?:{_ZONE})?",
    re.IGNORECASE,
)
_LINE_END = re.compile(r"[\s.,;|)]*$")
_VI_DATE_WORDS = re.compile(r"\b(?:thứ|chủ nhật|tháng|lúc|ngày|cập nhật|đăng)\b", re.IGNORECASE)
_EN_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTH}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|published|updated|posted)\b",
    re.IGNORECASE,
)

# Photos, sources, bylines

_CREDIT_LABEL = r"ảnh minh họa|ảnh minh hoạ|nguồn ảnh|ảnh|photos?|images?|photo credit"
_PAREN_CREDIT = re.compile(
    rf"\s*\(\s*(?P<label>{_CREDIT_LABEL})\s*(?::\s*(?P<credit>[^()]{{1,80}}?))?\s*\)\s*\.?$", re.IGNORECASE
)
_TRAILING_CREDIT = re.compile(
    rf"(?:(?<=[.!?…\"”])|\s[-–—|])\s*(?P<label>{_CREDIT_LABEL})\s*:\s*(?P<credit>[^:!?()]{{1,80}}?)\s*\.?$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    rf"^\(?\s*(?P<label>{_CREDIT_LABEL})\s*(?::\s*(?P<credit>[^()]{{1,80}}?))?\s*\)?\.?$", re.IGNORECASE
)
_IMAGE_NAME = re.compile(r"[^\s/?#]+\.(?:jpe?g|png|gif|webp|avif)", re.IGNORECASE)
_LABELLED_SOURCE = re.compile(
    r"^[(\[]?\s*(?P<label>source|nguồn|nguồn tin)\s*:\s*(?P<name>[^()\[\]]{1,120}?)\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_THEO_SOURCE = re.compile(r"^[(\[]?\s*theo\s+(?P<name>[^()\[\],;:]{1,80}?)\s*[)\]]?\s*\.?$", re.IGNORECASE)
_BYLINE_LABEL = re.compile(r"^(?:by|bài(?:,| và)? ảnh|bài|tác giả|author)\s*:?\s+", re.IGNORECASE)
_BULLET = re.compile(r"^[•·◦▪■*+]\s*")
_TERMINAL = tuple('.!?…:;"”»)')

# Page furniture

_HOME = {"home", "homepage", "trang chủ", "trang chu", "trang nhất", "⌂", "🏠"}
_CHROME = {
    "copy link", "sao chép liên kết", "copy", "share", "chia sẻ", "facebook", "twitter", "x", "zalo",
    "linkedin", "email", "e-mail", "print", "in", "in bài", "in bài viết", "lưu", "lưu bài", "save",
    "bookmark", "top", "về đầu trang", "lên đầu trang", "back to top", "gửi", "gửi bài", "a", "a+", "a-",
    "aa", "font", "cỡ chữ", "nghe", "listen", "menu", "search", "tìm kiếm", "đăng nhập", "login",
    "sign in", "đăng ký", "subscribe", "google news", "tiếng việt", "tiếng anh", "english", "vietnamese",
    "français", "español", "русский", "中文", "日本語", "한국어", "hết", "-hết-",
}  # fmt: skip
# Share bars, players and counters: only ever on short lines.
_CHROME_PHRASES = re.compile(
    r"^(?:chia sẻ (?:bài|lên|qua)|chia sẻ:|share (?:this|on|via)|share:|nghe (?:bài|đọc|tin)|listen to"
    r"|theo dõi (?:báo|chúng tôi|trên)|follow us|cỡ chữ|font size|copy link|in bài|print this)"
    r"|google news|\b\d+ (?:bình luận|comments?|lượt xem|views|lượt thích|likes)$",
    re.IGNORECASE,
)
_INLINE_LINKS = (
    "xem thêm:", "đọc thêm:", "read more:", "see also:", "also read:", "related:", "tin liên quan:",
    "bài liên quan:", "xem tiếp:",
)  # fmt: skip
_HEADINGS = {
    # English sites
    "focus", "interested", "related", "related news", "related articles", "related stories", "related posts",
    "most read", "most viewed", "most popular", "more news", "other news", "latest news", "latest",
    "read more", "see also", "also read", "you may also like", "you may be interested", "recommended",
    "trending", "hot news", "editor's picks", "tags", "keywords", "topics", "comments", "more from",
    # Vietnamese sites
    "tin liên quan", "bài liên quan", "tin cùng chuyên mục", "cùng chuyên mục", "tin khác", "các tin khác",
    "tin mới", "tin mới nhất", "tin mới cập nhật", "tin nổi bật", "tin nóng", "tin tiêu điểm", "tiêu điểm",
    "đọc nhiều", "đọc nhiều nhất", "tin đọc nhiều", "xem nhiều", "xem nhiều nhất", "xem thêm", "đọc thêm",
    "có thể bạn quan tâm", "bạn có thể quan tâm", "quan tâm", "được quan tâm", "bình luận", "ý kiến",
    "ý kiến bạn đọc", "từ khóa", "từ khoá", "thẻ", "chủ đề", "dòng sự kiện", "theo dòng sự kiện",
    "tin ảnh", "tin cùng chủ đề", "bài viết liên quan", "tin bài liên quan",
}  # fmt: skip
_FOOTER_LINES = {"top", "back to top", "về đầu trang", "lên đầu trang"}
_FOOTER_START = re.compile(
    r"^(?:copyright|©|\(c\)\s|bản quyền\s+(?:thuộc|©|\(c\))|giấy phép\b.*\bsố\b|all rights reserved"
    r"|(?:chịu trách nhiệm|tổng biên tập|cơ quan chủ quản|editor-in-chief|liên hệ quảng cáo)[^:]{0,40}:"
    r"|(?:địa chỉ|address|tel|điện thoại|phone|fax|hotline|email|e-mail|tòa soạn|toà soạn|trụ sở"
    r"|head office)\s*[:.])",
    re.IGNORECASE,
)
_BREADCRUMB_SPLIT = re.compile(r"\s*[>»›]\s*|\s+[/|]\s+")
# A site's banners: printed around every page, never a headline (only ever on short lines).
_BANNER = re.compile(
    r"°|\bhotline\b|\bthời tiết\b|\bweather\b|\bprint (?:article|this|page|version)\b|\bin bài(?: viết)?\b"
    r"|\bbản in\b|\bđóng cửa sổ\b|\bclose window\b|\bskip to (?:main )?content\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"copyright|©|\(c\)|bản quyền", re.IGNORECASE)
_COPYRIGHT_FILLER = re.compile(
    r"^(?:\s+|[.,:;©–-]|\(c\)|thuộc về\b|thuộc\b|by\b|of\b|the\b|\d{4}(?:\s*[-–]\s*\d{4})?)", re.IGNORECASE
)

# Label lines ("President: Mr. X", "Địa chỉ: ..."): an organisation's facts or a page's contacts.

_LABEL_LINE = re.compile(r"^(?P<label>[^\W\d_][^:]{0,40}?)\s*:\s*(?P<value>\S.*)$")
# An organisation's people and facts: a label line when the value is short ("President: Mr. X"),
# while "President: Viet Nam will host the summit next year" is a headline.
_FACT_LABELS = {
    "president", "vice president", "vice-president", "honorary president", "chairman", "chairwoman",
    "chair", "chairperson", "secretary general", "secretary-general", "general secretary", "secretary",
    "director", "director general", "director-general", "deputy director", "founded", "established",
    "date of establishment", "founding date", "members", "membership",
    "chủ tịch", "phó chủ tịch", "chủ tịch danh dự", "tổng thư ký", "phó tổng thư ký", "thư ký", "giám đốc",
    "phó giám đốc", "tổng giám đốc", "trưởng ban", "phó trưởng ban", "trưởng đoàn", "viện trưởng",
    "hiệu trưởng", "người đại diện", "ngày thành lập", "thành lập", "năm thành lập", "hội viên",
    "số hội viên", "tổng biên tập", "phó tổng biên tập",
}  # fmt: skip
# Contacts: always a label line.
_CONTACT_LABELS = {
    "address", "head office", "office", "tel", "telephone", "phone", "mobile", "fax", "hotline", "email",
    "e-mail", "website", "web", "địa chỉ", "trụ sở", "trụ sở chính", "văn phòng", "điện thoại", "đt",
    "đtdđ", "di động", "thư điện tử",
}  # fmt: skip
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|sir|madam|ông|bà|đồng chí|đ/c|gs|pgs|ts|ths)\b\.?\s", re.IGNORECASE
)
_CONTACT = re.compile(r"^(?:\+?[\d\s().-]{6,}|\S+@\S+\.\w+|(?:https?://|www\.)\S+)$", re.IGNORECASE)
# Dates that say when something else happened than the article's publication.
_NOT_PUBLISHED = re.compile(
    r"thành lập|ban hành|hiệu lực|ngày sinh|năm sinh|hết hạn|hạn chót|ngày ký|khai mạc|thời gian\s*:"
    r"|địa điểm|founded|founding|established|issued|effective|born|birth|expir|deadline|opening|signed"
    r"|\btime\s*:|venue|schedule",
    re.IGNORECASE,
)


@dataclass
class _Dated:
    value: datetime
    timed: bool
    title: str  # the title sharing the date's line, if any
    language: str  # what the line's own words say: "vi", "en" or ""


@dataclass
class _Photo:
    caption: str
    credit: str = ""
    file_name: str = ""
    url: str = ""
    paragraph: int = 0


def parse(item: Input) -> Iterator[ArticleRecord | ItemError]:
    """The one article of a page dump; its menu, sidebars and footer are left out."""
    size = item.path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"{item.name}: {size} bytes is too large for a page dump (at most {MAX_BYTES} bytes)."
        )
    lines = [_clean(line) for line in item.read_text().splitlines()]
    if (first := _listing(lines)) is not None:
        yield ItemError(
            f"line {first + 1}", "a listing page, not an article: many headlines, each with its own date"
        )
        return
    site = _site_names(lines)
    start = _find_start(lines, site) or _dated_start(lines)
    if start is None:
        raise InputError(
            f"{item.name}: not a page dump: no line holds an article date or a headline with article text "
            '(like "25/01/2026, 11:56 PM" or "31/01/2026 21:20").'
        )
    yield start if isinstance(start, ItemError) else _article(lines, start, site)


@dataclass
class _Start:
    """Where the article begins: its title line (or first line of text) and its date, if any."""

    at: int
    title: str  # "" when the dump starts mid-article: the title is made from the lead
    body_from: int
    dated: _Dated | None = None
    date_at: int | None = None


def _article(lines: list[str], start: _Start, site: set[str]) -> ArticleRecord | ItemError:
    dated = start.dated
    hints = {dated.language if dated else ""}
    category, home = _breadcrumb(
        lines, min(start.at, start.date_at if start.date_at is not None else start.at)
    )
    hints.add(home)
    end, source, source_at = _article_end(lines, start.body_from, site)
    if source:
        hints.add(source[1])
    text = _Text(start.title, site)
    for line in lines[start.body_from : end]:
        text.read(line)
    text.finish()
    if not text.paragraphs:
        return ItemError(f"line {start.at + 1}", "no article text after the title (is the page cut short?)")
    hints |= text.languages
    byline = (
        text.byline
        or (_byline_after(lines, source_at) if source_at is not None else "")
        or (_byline_above(lines, start.at) if start.title else "")
    )
    title = start.title or _provisional_title(text.paragraphs[0])
    flags = [] if dated else ["date_needed"]
    if not start.title:
        flags.append("title_needed")

    hints.discard("")
    language = hints.pop() if len(hints) == 1 else ""
    identity = f"{title}\n{dated.value.isoformat() if dated else ''}"
    return ArticleRecord(
        external_id="page:" + hashlib.sha256(identity.encode()).hexdigest()[:24],
        versions={
            language: VersionRecord(
                title=title,
                lead=text.paragraphs[0],
                body="".join(
                    f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in text.paragraphs[1:]
                ),
                byline=byline,
                published_at=dated.value if dated else None,
                status=None,
            )
        },
        category=[category] if category else [],
        source=source[0] if source else "",
        photos=[
            PhotoRecord(
                caption={language: photo.caption} if photo.caption else {},
                credit=photo.credit,
                file_name=photo.file_name,
                url=photo.url,
                paragraph=photo.paragraph,
            )
            for photo in text.photos
        ],
        original_language=language,
        position=f"line {start.at + 1}",
        flags=flags,
    )


def _clean(line: str) -> str:
    """
    One line as a reader sees it: composed Unicode, spaces collapsed, no
    zero-width or control characters, and no markup (a dump is text: a tag in
    it is hostile or debris, dropped as the writer drops it from titles).
    """
    if "<" in line or "&" in line:
        line = html_to_text(line)
    line = unicodedata.normalize("NFC", line)
    line = "".join(char for char in line if unicodedata.category(char) not in ("Cc", "Cf") or char == "\t")
    return " ".join(line.split())


# Listings, the site's name, and where the article starts


def _listing(lines: list[str]) -> int | None:
    """The first item's line when the page is a section listing: dated headlines, little prose."""
    items: list[int] = []
    words = sentences = 0  # prose since the last date line: an item's teaser at most
    for index, line in enumerate(lines):
        if not line:
            continue
        if items and _footer(line):
            break
        if _heading(line) or _holds_date(line):
            if not _heading(line) and _dated_headline(lines, index):
                items.append(index)
            words = sentences = 0
        elif _ends_sentence(line) or len(_words(line)) >= 20:
            words, sentences = words + len(_words(line)), sentences + 1
            if words >= 60 or sentences >= 2:
                return None  # an article's text: a lead and a paragraph, or a long one
    return items[0] if len(items) >= 4 else None


def _holds_date(line: str) -> bool:
    """A date line, or a headline with a date in it ("Headline (15/11/2024)")."""
    if len(line) > 300:
        return False
    return _date_line(line) is not None or (_title_like(line) and _date_in(line) is not None)


def _dated_headline(lines: list[str], index: int) -> bool:
    """A date that belongs to a headline: on the headline's own line or on the line next to it."""
    dated = _date_line(lines[index])
    if dated is None or dated.title:
        return True
    near = [*_nonblank(lines, index - 1, -1, limit=1), *_nonblank(lines, index + 1, len(lines), limit=1)]
    return any(_title_like(lines[i]) for i in near)


def _site_names(lines: list[str]) -> set[str]:
    """
    The site's name as printed on the page (compared by its letters): a line
    repeated with article text between (header and footer), the name in a
    copyright line, and ALL-CAPS masthead lines at the very top.
    """
    names = set()
    seen: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if 2 <= len(line.split()) <= 15 and len(line) <= 150:
            seen.setdefault(_letters(line), []).append(index)
        if _footer(line) and (name := _copyright_name(line)):
            names.add(_letters(name))
    prose = [index for index, line in enumerate(lines) if len(_words(line)) >= 12 and _ends_sentence(line)]
    for key, where in seen.items():
        first, last = where[0], where[-1]
        # A title printed again further down is still followed by its date or lead the first time.
        if len(where) >= 2 and any(first < i < last for i in prose) and not _introduces(lines, first):
            names.add(key)
    # The masthead: ALL-CAPS lines opening the page (among its date and banners), not followed by a lead.
    for index in _nonblank(lines, 0, len(lines), limit=6):
        line = lines[index]
        if line.isupper() and len(line.split()) >= 2 and not _date_line(line):
            if not _introduces(lines, index):
                names.add(_letters(line))
        elif not (_date_line(line) or _banner(line) or (_furniture(line) and not _menu_item(line))):
            break
    names.discard("")
    return names


def _introduces(lines: list[str], index: int) -> bool:
    return any(
        _date_line(lines[i]) or (len(_words(lines[i])) >= 10 and _ends_sentence(lines[i]))
        for i in _nonblank(lines, index + 1, len(lines), limit=1)
    )


def _copyright_name(line: str) -> str:
    """ "Example News" in "© 2026 Example News. All rights reserved." and the like."""
    marks = list(_COPYRIGHT.finditer(line))
    if not marks:
        return ""
    rest = line[marks[-1].end() :]
    while match := _COPYRIGHT_FILLER.match(rest):
        rest = rest[match.end() :]
    name = re.split(r"[.,|(]|\s[-–—]\s", rest)[0].strip()
    return "" if re.match(r"(?:all rights|toàn bộ|ghi rõ)", name, re.IGNORECASE) else name


def _site_name(line: str, site: set[str]) -> bool:
    return bool(site) and len(line) <= 150 and len(line.split()) >= 2 and _letters(line) in site


def _find_start(lines: list[str], site: set[str]) -> _Start | None:
    """The headline followed by its lead, or the body prose a dump cut mid-article starts with."""
    for index, line in enumerate(lines):
        if not line or _site_name(line, site):
            continue
        if _continues(line):
            return _Start(index, "", index)
        if headline := _headline(line):
            if (lead_at := _lead_after(lines, index, site)) is not None:
                start = _titled(lines, index, *headline, lead_at)
                return (_dated_next(lines, lead_at, site) if start.date_at is None else None) or start
        elif _opening_prose(line):
            return _Start(index, "", index)
    return None


def _dated_next(lines: list[str], lead_at: int, site: set[str]) -> _Start | None:
    """
    The dated article right after an undated headline and its one-sentence
    teaser (a featured story's box over the article): the article is the one
    with the publication line. A subheading inside an article has no date.
    """
    for index in _nonblank(lines, lead_at + 1, len(lines), limit=10):
        line = lines[index]
        if _furniture(line) or _caption(line) or _image_file(line) or _trail(line) or _short_label(line):
            continue
        headline = _headline(line)
        if headline is None or (lead_at := _lead_after(lines, index, site)) is None:
            return None
        start = _titled(lines, index, *headline, lead_at)
        dated_by_title = start.date_at == index and headline[1] is None
        return start if start.dated and not dated_by_title else None
    return None


def _continues(line: str) -> bool:
    """Text that goes on from a sentence cut off above it: it starts with a lowercase word or mark."""
    if len(line.split()) < 3 or not (line[0].islower() or line[0] in ",.;:)]}»”’…"):
        return False
    return not (_furniture(line) or _image_file(line) or _label_line(line) or _caption(line))


def _opening_prose(line: str) -> bool:
    """A long paragraph of body text, not a caption, label or footer line."""
    words = len(_words(line))
    if words < 25 or not (_ends_sentence(line) or words >= 40):
        return False
    return not (_caption(line) or _label_line(line) or _footer(line) or _furniture(line))


def _headline(line: str) -> tuple[str, _Dated | None] | None:
    """(the title, the date on its line if any) when the line reads like a headline."""
    if dated := _date_line(line):
        return (dated.title, dated) if dated.title else None
    return (line, None) if _title_like(line) else None


def _lead_after(lines: list[str], index: int, site: set[str]) -> int | None:
    """The lead's line when it follows a headline, past only dates, bylines, photos and buttons."""
    for i in _nonblank(lines, index + 1, len(lines), limit=10):
        line = lines[i]
        if (
            _site_name(line, site)
            or _furniture(line)
            or _byline_like(line)
            or _label_line(line)
            or _banner(line)
            or _caption(line)
            or _CREDIT_LINE.match(line)
            or _image_file(line)
            or line.casefold().lstrip(">» ").startswith(_INLINE_LINKS)
        ):
            continue
        if _heading(line) or _footer(line):
            return None
        # A lead without its final full stop is still far longer than a headline.
        if _title_like(line) and len(_words(line)) < 25:
            return None
        if len(_words(line)) >= 5 and _paragraph(line):
            return i
    return None


def _titled(lines: list[str], title_at: int, title: str, dated: _Dated | None, lead_at: int) -> _Start:
    """The article under a headline, dated by its own line, its publication line, or its title."""
    if dated is not None:
        return _Start(title_at, title, title_at + 1, dated, title_at)
    if found := _publication(lines, title_at, lead_at):
        return _Start(title_at, title, title_at + 1, found[1], found[0])
    dated = _date_in(title)
    return _Start(title_at, title, title_at + 1, dated, title_at if dated else None)


def _publication(lines: list[str], title_at: int, lead_at: int) -> tuple[int, _Dated] | None:
    """The publication line: between the title and the lead, else just above the title."""
    for index in range(title_at + 1, lead_at):
        dated = _date_line(lines[index]) if lines[index] else None
        if dated and not dated.title and _published(lines[index]):
            return index, dated
    for index in _nonblank(lines, title_at - 1, -1, limit=3):
        line = lines[index]
        if (dated := _date_line(line)) and not dated.title:
            return (index, dated) if _published(line) else None
        # Past a byline or a section's name only: a menu or breadcrumb means the date is the site's.
        if (
            _menu_item(line)
            or _is_home(line)
            or _trail(line)
            or not (_byline_like(line) or _short_label(line))
        ):
            break
    return None


def _published(line: str) -> bool:
    """Whether a date line says when the article was published, not when something else happened."""
    return not _NOT_PUBLISHED.search(_DATETIME.sub(" ", line))


def _date_in(text: str) -> _Dated | None:
    """The first date written anywhere in a line ("The 11th Regular Press Conference 02/8/2018")."""
    for match in _DATETIME.finditer(text):
        if value := _datetime(match):
            return _Dated(value, bool(match["hour1"] or match["hour2"]), "", _date_language(match[0]))
    return None


def _dated_start(lines: list[str]) -> _Start | ItemError | None:
    """A page with no headline over a lead: the article starts at its date line, if it has one."""
    found = _find_date(lines)
    if found is None:
        return None
    date_at, dated = found
    if dated.title:
        return _Start(date_at, dated.title, date_at + 1, dated, date_at)
    title_at = _find_title(lines, date_at)
    if title_at is None:
        return ItemError(f"line {date_at + 1}", "no title next to the date line")
    return _Start(title_at, lines[title_at], max(title_at, date_at) + 1, dated, date_at)


def _provisional_title(lead: str) -> str:
    """The lead's first sentence, cut at a word to at most 120 characters ("…" when cut)."""
    sentence = _first_sentence(lead).rstrip(" .")
    if len(sentence) <= 120:
        return sentence
    cut = sentence[:119]
    if sentence[119] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def _first_sentence(text: str) -> str:
    for match in re.finditer(r"[.!?…][\"”’)]*(?=\s+[\"“‘(]?\w)", text):
        before = text[: match.start()]
        after = text[match.end() :].lstrip(' "“‘(')
        last_word = before.rsplit(" ", 1)[-1]
        # "Mr. Nguyen", "TP. Hồ Chí Minh": a short capitalised word before the stop is an abbreviation.
        if (
            len(_words(before)) >= 4
            and after[:1].isupper()
            and not (len(last_word) <= 3 and last_word[:1].isupper())
        ):
            return text[: match.end()]
    return text


def _byline_above(lines: list[str], title_at: int) -> str:
    """A labelled byline printed just above the title ("Bài và ảnh: Trần Minh", "By Lan Huong")."""
    for index in _nonblank(lines, title_at - 1, -1, limit=2):
        line = lines[index]
        if _BYLINE_LABEL.match(line) and (name := _name(line)):
            return name
        if not _date_line(line):
            break
    return ""


# The date line and the title


def _find_date(lines: list[str]) -> tuple[int, _Dated] | None:
    candidates = [
        (index, dated)
        for index, line in enumerate(lines)
        if line and (dated := _date_line(line)) and (dated.title or _published(line))
    ]
    anchored = [(index, dated) for index, dated in candidates if _prose_follows(lines, index)]
    for pool in (anchored, candidates):
        timed = [candidate for candidate in pool if candidate[1].timed]
        if timed or pool:
            return (timed or pool)[0]
    return None


def _date_line(line: str) -> _Dated | None:
    """The date a line holds alone (with a few words around it), or at the end of a title."""
    if len(line) > 400:  # a date line is short, and a title is at most 200 characters
        return None
    matches = [(match, value) for match in _DATETIME.finditer(line) if (value := _datetime(match))]
    if not matches:
        return None
    pieces, kept_from = [], 0
    for match, _value in matches:
        pieces.append(line[kept_from : match.start()])
        kept_from = match.end()
    rest = " ".join([*pieces, line[kept_from:]])
    if len(_words(rest)) <= 4:
        match, value = matches[0]
        return _Dated(value, bool(match["hour1"] or match["hour2"]), "", _date_language(line))
    match, value = matches[-1]
    title = line[: match.start()].strip(" -–—|,")
    timed = match["hour1"] or match["hour2"]
    if timed and _LINE_END.fullmatch(line, match.end()) and _title_like(title, dated=False):
        return _Dated(value, True, title, _date_language(match[0]))
    return None


def _datetime(match: re.Match) -> datetime | None:
    groups = match.groupdict()
    try:
        if groups["y1"]:
            year, month, day = int(groups["y1"]), int(groups["m1"]), int(groups["d1"])
        elif groups["y2"]:
            year, month, day = int(groups["y2"]), int(groups["m2"]), int(groups["d2"])
        elif groups["y3"]:
            year, month, day = int(groups["y3"]), _month(groups["mn3"]), int(groups["d3"])
        elif groups["y4"]:
            year, month, day = int(groups["y4"]), _month(groups["mn4"]), int(groups["d4"])
        else:
            year, month, day = int(groups["y5"]), int(groups["m5"]), int(groups["d5"])
        n = "1" if groups["hour1"] else "2"
        hour, minute = int(groups[f"hour{n}"] or 0), int(groups[f"minute{n}"] or 0)
        second = int(groups[f"second{n}"] or 0)
        half = (groups[f"half{n}"] or "").lower()
        if half and not 1 <= hour <= 12:
            return None
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        if not 1900 <= year <= 2100:
            return None
        zone = VIETNAM
        if groups["sign"]:
            offset = timedelta(hours=int(groups["zh"]), minutes=int(groups["zm"] or 0))
            zone = timezone(-offset if groups["sign"] == "-" else offset)
        value = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
    # A stated zone is honoured, then shown as Vietnam's time like every other date.
    return value.astimezone(VIETNAM) if zone is not VIETNAM else value


def _month(name: str) -> int:
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(
        name[:3].lower()
    ) + 1


def _date_language(text: str) -> str:
    vietnamese, english = bool(_VI_DATE_WORDS.search(text)), bool(_EN_DATE_WORDS.search(text))
    return "vi" if vietnamese and not english else "en" if english and not vietnamese else ""


def _prose_follows(lines: list[str], index: int) -> bool:
    """Whether a sentence-long line comes within eight lines: a header's date has only menus after it."""
    return any(len(_words(lines[i])) >= 10 for i in _nonblank(lines, index + 1, len(lines), limit=8))


def _find_title(lines: list[str], date_at: int) -> int | None:
    after = None
    for index in _nonblank(lines, date_at + 1, len(lines), limit=6):
        line = lines[index]
        if not (_furniture(line) or _image_file(line) or _byline_like(line)) and len(_words(line)) > 2:
            after = index
            break
    if after is not None and _title_like(lines[after]):
        return after
    for index in _nonblank(lines, date_at - 1, -1, limit=3):
        line = lines[index]
        if _menu_item(line):
            break
        if _title_like(line):
            return index
    if after is not None and len(lines[after]) <= 300 and not _caption(lines[after]):
        return after
    return None


def _byline_like(line: str) -> bool:
    """A labelled or capitalised name under a title ("By Lan Huong", "NGUYỄN VĂN MINH")."""
    return bool(_name(line)) and (bool(_BYLINE_LABEL.match(line)) or line.isupper())


def _title_like(line: str, *, dated: bool = True) -> bool:
    """
    Three or more words, at most 200 characters, no final full stop; not page
    furniture, a label line, a banner, a breadcrumb trail or a labelled byline.
    """
    if len(_words(line)) < 3 or len(line.split()) < 3 or len(line) > 200:
        return False
    end = line.rstrip("\"”’)»'")
    if end.endswith(".") and not end.endswith("..."):
        return False
    if _furniture(line, dated=dated) or _heading(line) or _footer(line) or _caption(line):
        return False
    return not (
        _label_line(line) or _banner(line) or _trail(line) or (_BYLINE_LABEL.match(line) and _name(line))
    )


# The breadcrumb


def _breadcrumb(lines: list[str], start: int) -> tuple[str, str]:
    """(the breadcrumb's last section, the language its "Home" is in) just above the article."""
    window = []
    for index in _nonblank(lines, start - 1, -1, limit=12):
        if _byline_like(lines[index]):
            continue
        if not _short(lines[index]):
            break
        window.append(index)
    for index in window:
        item = _BULLET.sub("", lines[index])
        trail = [part for part in _BREADCRUMB_SPLIT.split(item) if part]
        if len(trail) >= 2 and (_is_home(trail[0]) or re.search(r"[>»›]", item)):
            return _section(trail), _home_language(trail[0])
        if _is_home(item):
            after = [_BULLET.sub("", lines[i]) for i in window if i > index]
            return (_section(reversed(after)) if len(after) <= 2 else ""), _home_language(item)
    return "", ""


def _section(items) -> str:
    items = [item for item in items if not (_is_home(item) or _furniture(item))]
    return items[-1] if items else ""


def _is_home(item: str) -> bool:
    return item.casefold().strip() in _HOME


def _home_language(item: str) -> str:
    key = item.casefold().strip()
    return "en" if key.startswith("home") else "vi" if key.startswith("trang") else ""


# The end of the article: source line, sidebar, footer


def _article_end(
    lines: list[str], start: int, site: set[str]
) -> tuple[int, tuple[str, str] | None, int | None]:
    """(where the article stops, its (source, label language) if named, the source line's index)."""
    prose_at = next(
        (i for i in range(start, len(lines)) if _paragraph(lines[i]) and not _fact(lines[i])), len(lines)
    )

    def footer(index: int) -> bool:
        line = lines[index]
        if index < prose_at and _label_line(line):
            return False  # a profile's "Address:" and "Tel:" before its text are facts, not the footer
        return _footer(line) or _site_name(line, site)

    end = next((i for i in range(start, len(lines)) if footer(i)), len(lines))
    for index in range(start, end):
        if source := _source(lines[index]):
            return index, source, index
    stop = next((i for i in range(start, len(lines)) if _heading(lines[i]) or footer(i)), len(lines))
    return stop, None, None


def _source(line: str) -> tuple[str, str] | None:
    """(the agency, the language of its label) when line is a source line."""
    if match := _LABELLED_SOURCE.match(line):
        name, language = match["name"], "en" if match["label"].lower() == "source" else "vi"
        if len(_words(name)) > 10:
            return None
    elif match := _THEO_SOURCE.match(line):
        name, language = match["name"], "vi"
        if not name[0].isupper() or len(_words(name)) > 6:
            return None
    else:
        return None
    name = name.strip().rstrip(".")
    if name.lower().startswith(("http://", "https://")):
        name = (urlsplit(name).hostname or name).removeprefix("www.")
    return (name, language) if name else None


def _byline_after(lines: list[str], source_at: int) -> str:
    for index in _nonblank(lines, source_at + 1, len(lines), limit=1):
        line = lines[index]
        if not (_heading(line) or _footer(line) or _furniture(line)):
            return _name(line)
    return ""


def _name(line: str) -> str:
    """A byline when line looks like one ("Minh Anh", "PV", "By Thu Hằng - Minh Quân"), else ""."""
    name = _BYLINE_LABEL.sub("", line).rstrip(".")
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60 or any(char.isdigit() for char in name):
        return ""
    if any(char in name for char in '!?:;"“”()[],'):
        return ""
    joiners = {"-", "–", "/", "&", "và", "and"}
    if all(word[0].isupper() or word in joiners for word in words):
        return name
    return ""


# The article's own lines


class _Text:
    """Reads the article's lines in order: paragraphs, photos, and the byline at the end."""

    def __init__(self, title: str, site: set[str]):
        self.title = title
        self.site = site
        self._facts: list[str] = []  # label lines before the lead ("Chủ tịch: ...")
        self.paragraphs: list[str] = []
        self.photos: list[_Photo] = []
        self.languages: set[str] = set()
        self.byline = ""
        self._file: tuple[str, str] | None = None  # (file name, url) waiting for its caption
        self._in_box = False
        self._last_short = ""
        self._top_name = ""  # a byline printed under the title

    @property
    def _place(self) -> int:
        """Body paragraphs so far: the lead does not count, so 0 is right after the lead."""
        return max(len(self.paragraphs) - 1, 0)

    def read(self, line: str) -> None:
        if not line:
            return
        if self._in_box:
            if not line.endswith(_TERMINAL) and len(_words(line)) < 30 and not _image_file(line):
                return
            self._in_box = False
        if _heading(line):
            self._in_box = True
            return
        if _site_name(line, self.site):
            return
        if not self.paragraphs and _label_line(line):
            self._facts.append(line)
            return
        if _furniture(line) or line == self.title or line.casefold().lstrip(">» ").startswith(_INLINE_LINKS):
            return
        if file := _image_file(line):
            self._flush_file()
            self._file = file
            self._last_short = ""
        elif credit := _CREDIT_LINE.match(line):
            # A credit on a line of its own belongs to the photo just named or shown.
            self.languages.add(_label_language(credit["label"]))
            name = _credit(credit["credit"] or "")
            last = self.photos[-1] if self.photos else None
            if self._file:
                self.photos.append(_Photo("", name, *self._file, paragraph=self._place))
                self._file = None
            elif last and not last.credit and last.paragraph == self._place:
                last.credit = name
        elif caption := _caption(line):
            self._add_photo(*caption)
            self._last_short = ""
        elif _paragraph(line):
            self._flush_file()
            self.paragraphs.append(line)
            # An organisation's facts printed above its text follow the lead.
            self.paragraphs += self._facts
            self._facts = []
            self._last_short = ""
        else:
            self._last_short = line
            if not self.paragraphs and not self._top_name:
                self._top_name = _name(line)

    def finish(self) -> None:
        self._flush_file()
        self.paragraphs += self._facts
        self.byline = _name(self._last_short) or self._top_name

    def _add_photo(self, caption: str, credit: str, label: str) -> None:
        self.languages.add(_label_language(label))
        file_name, url = self._file or ("", "")
        self._file = None
        last = self.photos[-1] if self.photos else None
        if last and last.paragraph == self._place and last.caption and _same_caption(last.caption, caption):
            # Pages print a photo's alt text, then its caption: one photo.
            last.credit = last.credit or credit
            if not last.file_name and not last.url:
                last.file_name, last.url = file_name, url
            return
        self.photos.append(_Photo(caption, credit, file_name, url, self._place))

    def _flush_file(self) -> None:
        """An image file named with no caption after it is still a photo of the article."""
        if self._file:
            self.photos.append(_Photo("", "", *self._file, paragraph=self._place))
            self._file = None


def _caption(line: str) -> tuple[str, str, str] | None:
    """(caption, credit, credit label) when line ends with a photo credit."""
    match = _PAREN_CREDIT.search(line) or _TRAILING_CREDIT.search(line)
    if not match:
        return None
    caption = line[: match.start()].strip(" -–—|")
    if not caption:
        return None
    return caption, _credit(match["credit"] or ""), match["label"]


def _credit(value: str) -> str:
    return value.strip().rstrip(".").strip()


def _label_language(label: str) -> str:
    return "en" if label.lower().startswith(("photo", "image")) else "vi"


def _same_caption(first: str, second: str) -> bool:
    """Equal but for spacing and punctuation ("Viet NamTo Lam"), or nearly equal."""
    first, second = _letters(first), _letters(second)
    if first == second:
        return True
    # Comparing is quadratic: long lines are captions of their own, not alt text.
    return max(len(first), len(second)) <= 1000 and SequenceMatcher(None, first, second).ratio() >= 0.9


def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


# Kinds of lines


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’-]*", text)


def _nonblank(lines: list[str], start: int, stop: int, *, limit: int) -> Iterator[int]:
    """Indexes of up to ``limit`` non-blank lines from start towards stop (either direction)."""
    step = 1 if stop >= start else -1
    found = 0
    for index in range(start, stop, step):
        if lines[index]:
            yield index
            found += 1
            if found == limit:
                return


def _short(line: str) -> bool:
    return len(line.split()) <= 8 and not line.endswith(_TERMINAL)


def _paragraph(line: str) -> bool:
    words = len(_words(line))
    return words >= 5 or (words >= 2 and line.endswith(_TERMINAL))


def _menu_item(line: str) -> bool:
    return bool(_BULLET.match(line)) and len(line.split()) <= 8


def _furniture(line: str, *, dated: bool = True) -> bool:
    """Menus, share buttons, counters, numbers, repeated date lines: never article text."""
    key = _BULLET.sub("", line).casefold().strip(" :")
    if _menu_item(line) or key in _CHROME or not _words(line):
        return True
    if _short(line) and _CHROME_PHRASES.search(key):
        return True
    if dated and (found := _date_line(line)):
        return not found.title
    return False


def _image_file(line: str) -> tuple[str, str] | None:
    """(file name, http(s) address or "") when line names an image file and nothing else."""
    if len(line) > 500 or " " in line:
        return None
    address = line.split("?")[0].split("#")[0]
    name = address.rsplit("/", 1)[-1]
    if not _IMAGE_NAME.fullmatch(name):
        return None
    return name, line if line.lower().startswith(("http://", "https://")) else ""


def _label_line(line: str) -> bool:
    """ "Label: value" lines of facts and contacts: "President: Mr. X", "Địa chỉ: ...", "Tel: ..."."""
    if len(line) > 200 or not (match := _LABEL_LINE.match(line)):
        return False
    label, value = match["label"].casefold().strip(), match["value"]
    if len(label.split()) > 4:
        return False
    if label in _CONTACT_LABELS or _CONTACT.match(value):
        return True
    if len(value.split()) > 6:
        return False
    return label in _FACT_LABELS or bool(_HONORIFIC.match(value))  # a name: "Ông Nguyễn Văn Bình"


def _fact(line: str) -> bool:
    return _label_line(line) or _furniture(line) or _caption(line) is not None


def _banner(line: str) -> bool:
    return len(line.split()) <= 10 and bool(_BANNER.search(line))


def _trail(line: str) -> bool:
    """A breadcrumb trail on one line: "Home > Business > Economy", "Trang chủ / Tin tức"."""
    parts = [part for part in _BREADCRUMB_SPLIT.split(_BULLET.sub("", line)) if part]
    return len(parts) >= 2 and (_is_home(parts[0]) or bool(re.search(r"\s[>»›]\s", line)))


def _short_label(line: str) -> bool:
    """A section's name over a title ("Thời sự"): a few words, not a menu item."""
    return len(line.split()) <= 3 and not line.endswith(_TERMINAL)


def _ends_sentence(line: str) -> bool:
    return line.rstrip("\"”’)»'").endswith((".", "!", "?", "…"))


def _heading(line: str) -> bool:
    return _BULLET.sub("", line).casefold().strip(" :") in _HEADINGS


def _footer(line: str) -> bool:
    key = line.casefold()
    return key in _FOOTER_LINES or (len(line.split()) <= 30 and bool(_FOOTER_START.match(key)))
