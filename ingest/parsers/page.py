"""
Page dumps: the plain text of one news web page, as a browser's "save as
text" or a terminal browser writes it. The dump holds the whole page (site
menu, language links, breadcrumb, the article, sidebars, footer); only the
article is kept. One line is one paragraph; blank lines do not matter.
A dump is text: anything shaped like an HTML tag is dropped from every line,
as the writer drops it from titles and captions.

The rules, in the order the parser applies them:

- **Date line.** The article starts at the line holding its date: a date
  ("25/01/2026", "31-1-2026", "2026-01-31", "January 25, 2026",
  "25 January 2026", "31 tháng 1 năm 2026") with an optional time before or
  after it ("11:56 PM", "21:20", "21h20"), an optional zone ("(GMT+7)";
  without one, Asia/Ho_Chi_Minh) and at most four other words ("Thứ bảy,",
  "Published:", "Cập nhật lúc"). A line that ends with a dated time after
  longer text is a title and its date on one line ("Headline 31/01/2026 21:20").
  When several lines qualify, the first followed by prose within eight lines
  wins, a line with a time before one without (a header's "today" has none).
- **Title.** The date's own line when it holds one; else the first line
  after the date that is not page furniture (menu items, share buttons,
  lines of one or two words), when it reads like a headline (three or more
  words, at most 200 characters, no final full stop); else the line just
  before the date when that one does (sites that print the date under the
  title); else that first line after the date, up to 300 characters.
- **Category.** From the breadcrumb just above the article: the items after
  the last "Home"/"Trang chủ" in the short lines there, or a one-line trail
  ("Trang chủ > Thời sự > Chính trị"). Only the last item is kept, and only
  from a run of at most two items after "Home" (section, subsection): a
  longer run is the site menu.
- **End of the article.** A source line ("Source: VNA", "Nguồn: VOV",
  "(Source: VNA)", "Theo TTXVN") ends it; the short name-like line just
  before or after it is the byline ("Minh Anh", "PV"), else a name-like
  line between the title and the lead ("By Lan Huong", "MINH ANH").
  Without a source line, the first sidebar heading ("Related news",
  "Tin liên quan", "Đọc nhiều", ...) or footer line ("Copyright",
  "Bản quyền thuộc", "Giấy phép số", "Address:", "Tòa soạn:", "Top") ends
  it. When there is a source line, a sidebar heading before it is a box
  inside the article: the heading and its headlines (lines without final
  punctuation) are left out, and the article goes on at the next sentence.
- **Lead and body.** The first paragraph after the title is the lead, the
  others the body. A paragraph has five or more words, or two or more and
  final punctuation; shorter lines, menu items, share buttons, repeated
  date lines and "Xem thêm: ..." links are left out.
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
- **Identity.** ``page:`` and a hash of the title and the date's value, so
  a re-dump of the same page (even re-spaced, or with the date re-formatted)
  updates the same article.
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
    found = _find_date(lines)
    if found is None:
        raise InputError(
            f"{item.name}: not a page dump: no line holds an article date "
            '(like "25/01/2026, 11:56 PM" or "31/01/2026 21:20").'
        )
    yield _article(lines, *found)


def _article(lines: list[str], date_at: int, dated: _Dated) -> ArticleRecord | ItemError:
    if dated.title:
        title_at, title = date_at, dated.title
    else:
        title_at = _find_title(lines, date_at)
        if title_at is None:
            return ItemError(f"line {date_at + 1}", "no title next to the date line")
        title = lines[title_at]
    body_from = max(title_at, date_at) + 1
    hints = {dated.language}
    category, home = _breadcrumb(lines, min(title_at, date_at))
    hints.add(home)
    end, source, source_at = _article_end(lines, body_from)
    if source:
        hints.add(source[1])
    text = _Text(title)
    for line in lines[body_from:end]:
        text.read(line)
    text.finish()
    if not text.paragraphs:
        return ItemError(f"line {title_at + 1}", "no article text after the title (is the page cut short?)")
    hints |= text.languages
    byline = text.byline or (_byline_after(lines, source_at) if source_at is not None else "")

    hints.discard("")
    language = hints.pop() if len(hints) == 1 else ""
    identity = f"{title}\n{dated.value.isoformat()}"
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
                published_at=dated.value,
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
        position=f"line {title_at + 1}",
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


# The date line and the title


def _find_date(lines: list[str]) -> tuple[int, _Dated] | None:
    candidates = [(index, dated) for index, line in enumerate(lines) if line and (dated := _date_line(line))]
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
    """Three or more words, at most 200 characters, no final full stop, not page furniture."""
    if len(_words(line)) < 3 or len(line) > 200:
        return False
    if line.endswith(".") and not line.endswith("..."):
        return False
    return not (_furniture(line, dated=dated) or _heading(line) or _footer(line) or _caption(line))


# The breadcrumb


def _breadcrumb(lines: list[str], start: int) -> tuple[str, str]:
    """(the breadcrumb's last section, the language its "Home" is in) just above the article."""
    window = []
    for index in _nonblank(lines, start - 1, -1, limit=12):
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


def _article_end(lines: list[str], start: int) -> tuple[int, tuple[str, str] | None, int | None]:
    """(where the article stops, its (source, label language) if named, the source line's index)."""
    footer = next((i for i in range(start, len(lines)) if _footer(lines[i])), len(lines))
    for index in range(start, footer):
        if source := _source(lines[index]):
            return index, source, index
    stop = next((i for i in range(start, len(lines)) if _heading(lines[i]) or _footer(lines[i])), len(lines))
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

    def __init__(self, title: str):
        self.title = title
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
            self._last_short = ""
        else:
            self._last_short = line
            if not self.paragraphs and not self._top_name:
                self._top_name = _name(line)

    def finish(self) -> None:
        self._flush_file()
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


def _heading(line: str) -> bool:
    return _BULLET.sub("", line).casefold().strip(" :") in _HEADINGS


def _footer(line: str) -> bool:
    key = line.casefold()
    return key in _FOOTER_LINES or (len(line.split()) <= 30 and bool(_FOOTER_START.match(key)))
