"""
Rich text: what the body editor offers and what the server keeps.

One allow-list serves the admin editor, every importer and every save. The
editor is only a convenience: the server never trusts what it sends. Plain
fields hold no markup at all: ``html_to_text`` makes such text and
``validate_no_markup`` refuses anything else.
"""

import html
import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

#: django-prose-editor extensions offered to editors; each maps to tags below.
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HTML": True,
}

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"lang"},
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Checked on the server for every link, whatever the editor allowed.
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_body_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_text_cleaner = nh3.Cleaner(tags=set(), attributes={}, strip_comments=True)


def rich_text_widget() -> AdminProseEditorWidget:
    """The body editor: only what the server-side sanitiser keeps."""
    return AdminProseEditorWidget(config={"extensions": EDITOR_EXTENSIONS}, preset="configurable")


def sanitize_html(value: str | None) -> str:
    """Return value with only allow-listed tags, attributes and link schemes kept."""
    if not value:
        return ""
    cleaned = _body_cleaner.clean(value).strip()
    # The editor's empty document is "<p></p>": store it as really empty. (A
    # body may show a tag as text, "&lt;b&gt;": one decoding is what readers see.)
    if not html.unescape(_text_cleaner.clean(cleaned)).strip():
        return ""
    return cleaned


#: What an HTML parser reads as markup: "<" opening a tag, an end tag, a comment,
#: a declaration or a processing instruction. "a < b", "5<6" and "<3" are text.
MARKUP = re.compile(r"<[A-Za-z/!?]")


def html_to_text(value: str | None) -> str:
    """
    Return the plain text of an HTML fragment: tags dropped, entities decoded,
    scripts gone. Text that decoding turns into markup ("&lt;img&gt;", a title
    encoded twice) is stripped again, so the result never holds any.
    """
    text = value or ""
    while True:
        cleaned = html.unescape(_text_cleaner.clean(text))
        if not MARKUP.search(cleaned):
            return cleaned
        # A parser leaves a "</" at the very end as text: not for a plain field either.
        text = cleaned if cleaned != text else MARKUP.sub("", cleaned)


def validate_no_markup(value: str) -> None:
    """Refuse plain text holding markup: a plain field is shown as typed, never as HTML."""
    found = MARKUP.search(value or "")
    if found is None:
        return
    end = value.find(">", found.start())
    markup = value[found.start() : end + 1] if end != -1 else value[found.start() :]
    raise ValidationError(
        _("Plain text only: remove the markup (%(markup)s)."),
        code="markup",
        params={"markup": Truncator(markup).chars(30)},
    )


_BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "table", "hr"}
_VOID_TAGS = {"br", "hr"}


class _BlockSplitter(HTMLParser):
    """Re-serialises sanitised HTML, cutting it at the end of each top-level element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._depth = 0
        self._loose = False  # top-level text or inline tags waiting for a <p>

    def handle_starttag(self, tag, attrs):
        attributes = "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in attrs)
        rendered = f"<{tag}{attributes}>"
        if self._depth == 0 and tag in _BLOCK_TAGS:
            self._flush_loose()
            if tag in _VOID_TAGS:
                self.blocks.append(rendered)
                return
        elif self._depth == 0:
            self._loose = True
        self._current.append(rendered)
        if tag not in _VOID_TAGS:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS:
            return
        self._current.append(f"</{tag}>")
        self._depth = max(self._depth - 1, 0)
        if self._depth == 0 and not self._loose:
            self.blocks.append("".join(self._current))
            self._current = []

    def handle_data(self, data):
        if self._depth == 0:
            if not data.strip() and not self._loose:
                return
            self._loose = True
        self._current.append(html.escape(data, quote=False))

    def close(self):
        super().close()
        self._flush_loose()
        return self.blocks

    def _flush_loose(self):
        if self._loose:
            text = "".join(self._current).strip()
            if text:
                self.blocks.append(f"<p>{text}</p>")
        self._current, self._loose = [], False


def split_blocks(value: str) -> list[str]:
    """
    Cut sanitised body HTML into its top-level blocks (paragraphs, headings,
    lists, quotes, tables): the units photos are placed between and the
    bilingual view pairs up. Loose top-level text becomes a paragraph.
    """
    splitter = _BlockSplitter()
    splitter.feed(value or "")
    return splitter.close()
