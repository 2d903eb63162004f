"""
Properties of the text functions every input passes through, for any input
Hypothesis can make: slugs, the body sanitiser, the plain-text cleaner and
the page-dump parser.
"""

import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.inputs import Input, InputError
from ingest.parsers import page
from ingest.records import ArticleRecord, ItemError
from newsroom.richtext import html_to_text, sanitize_html
from newsroom.text import slugify_vi

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

_tag_names = st.sampled_from(
    ["p", "a", "b", "img", "script", "style", "iframe", "svg", "math", "textarea", "title", "noscript",
     "object", "embed", "form", "table", "td", "x-y", "SCRIPT", "ScRiPt", "br", "plaintext", "xmp"]
)  # fmt: skip
_attribute_names = st.sampled_from(
    ["href", "src", "onerror", "onload", "ONCLICK", "style", "title", "lang", "xlink:href", "formaction"]
)
_urls = st.sampled_from(
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x", "jav&#x09;ascript:x",
     "&#106;avascript:x", "vbscript:msgbox(1)", "data:text/html,<script>x</script>",
     "DATA:image/png;base64,x",
     "https://example.org/", "mailto:a@example.org", "//evil.example", "\x01javascript:x"]
)  # fmt: skip
_entities = st.sampled_from(
    ["&lt;", "&gt;", "&amp;", "&amp;lt;", "&amp;amp;lt;", "&#60;", "&#x3c;", "&#x3C", "&lt", "&quot;", "&#0;",
     "&nbsp;", "&#128512;"]
)  # fmt: skip
_attribute = st.builds(
    lambda name, value, quote: f" {name}={quote}{value}{quote}",
    _attribute_names,
    st.one_of(_urls, st.text(max_size=8)),
    st.sampled_from(['"', "'", ""]),
)
_start_tag = st.builds(
    lambda name, attributes, close: f"<{name}{''.join(attributes)}{close}",
    _tag_names,
    st.lists(_attribute, max_size=3),
    st.sampled_from([">", "/>", "", " >"]),
)
_fragments = st.one_of(
    _start_tag,
    _tag_names.map(lambda name: f"</{name}>"),
    _entities,
    st.sampled_from(["<!--", "-->", "<!", "<?", "</", "<", ">", "]]>", "<![CDATA[", "\x00", "\n", "'", '"']),
    st.text(max_size=6),
)
#: HTML-ish strings: tags, attributes, hostile URLs, entities and any Unicode, in any order.
html_like = st.lists(_fragments, max_size=25).map("".join)
#: Markup encoded once, twice or three times, as feeds and exports deliver it.
encoded_markup = st.builds(
    lambda markup, depth: _encode(markup, depth), html_like, st.integers(min_value=0, max_value=3)
)


def _encode(markup: str, depth: int) -> str:
    for _ in range(depth):
        markup = markup.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return markup


class _Parsed(HTMLParser):
    """The elements, attributes, comments and text an HTML parser finds in a string."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.markup: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self.markup.append(tag)

    def handle_endtag(self, tag):
        self.markup.append("/" + tag)

    def handle_comment(self, data):
        self.markup.append("!--")

    def handle_decl(self, decl):
        self.markup.append("!")

    def handle_pi(self, data):
        self.markup.append("?")

    def unknown_decl(self, data):
        self.markup.append("!")


_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _scheme(url: str) -> str:
    """The scheme a browser reads from an attribute value: spaces and control characters don't hide it."""
    squeezed = "".join(char for char in url if ord(char) > 0x20).lower()
    found = _SCHEME.match(squeezed)
    return found.group(1) if found else ""


class SlugPropertyTests(SimpleTestCase):
    @settings(max_examples=200, deadline=None)
    @given(st.text())
    def test_any_text_gives_an_ascii_slug_that_stays_the_same_when_slugified_again(self, text):
        slug = slugify_vi(text)
        self.assertTrue(slug == "" or SLUG.fullmatch(slug), slug)
        self.assertEqual(slugify_vi(slug), slug)

    @settings(max_examples=200, deadline=None)
    @given(st.text(), st.integers(min_value=1, max_value=60))
    def test_a_shortened_slug_keeps_the_shape_and_the_length(self, text, max_length):
        slug = slugify_vi(text, max_length=max_length)
        self.assertLessEqual(len(slug), max_length)
        self.assertTrue(slug == "" or SLUG.fullmatch(slug), slug)


class SanitiserPropertyTests(SimpleTestCase):
    @settings(max_examples=200, deadline=None)
    @given(st.one_of(html_like, encoded_markup))
    def test_no_output_holds_a_script_a_handler_or_a_hostile_link(self, value):
        parsed = _Parsed(sanitize_html(value))
        for tag, attrs in parsed.tags:
            self.assertNotIn(tag, {"script", "style", "iframe", "object", "embed", "svg", "math", "form"})
            for name, attribute in attrs:
                self.assertFalse(name.startswith("on"), (tag, name))
                if name in ("href", "src", "xlink:href", "formaction"):
                    self.assertNotIn(_scheme(attribute or ""), {"javascript", "vbscript", "data"}, attribute)
        self.assertEqual(sanitize_html(sanitize_html(value)), sanitize_html(value), "stable once clean")


class PlainTextPropertyTests(SimpleTestCase):
    @settings(max_examples=200, deadline=None)
    @given(st.one_of(html_like, encoded_markup, st.text()))
    def test_the_plain_text_of_anything_holds_no_markup(self, value):
        text = html_to_text(value)
        self.assertIsNone(re.search(r"<[A-Za-z/!?]", text), text)
        self.assertEqual(_Parsed(text).markup, [], text)


class PageDumpPropertyTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp())

    @classmethod
    def tearDownClass(cls):
        for path in cls.folder.iterdir():
            path.unlink()
        cls.folder.rmdir()
        super().tearDownClass()

    def assertParsesOrRefuses(self, data: bytes):
        path = self.folder / "dump.txt"
        path.write_bytes(data)
        try:
            results = list(page.parse(Input(name="dump.txt", path=path, base_dir=self.folder)))
        except InputError:
            return
        for result in results:
            self.assertIsInstance(result, (ArticleRecord, ItemError))

    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(
            st.one_of(
                st.text(max_size=40),
                html_like,
                st.sampled_from(
                    ["25/01/2026, 11:56 PM", "31 tháng 1 năm 2026 21h20", "Trang chủ > Thời sự",
                     "Nguồn: TTXVN", "Source: VNA", "Related news", "photo.jpg", "(Ảnh: TTXVN)",
                     "Headline of the day here 31/01/2026 21:20", "99/99/9999 25:61", "2026-02-30"]
                ),
            ),
            max_size=20,
        ).map("\n".join)
    )  # fmt: skip
    def test_any_text_gives_records_or_an_import_error(self, text):
        self.assertParsesOrRefuses(text.encode("utf-8", "surrogatepass"))

    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=400))
    def test_any_bytes_give_records_or_an_import_error(self, data):
        self.assertParsesOrRefuses(data)
