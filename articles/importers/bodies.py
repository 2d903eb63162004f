"""
Article bodies from wire and feed formats: images taken out of the HTML and
handed back with the paragraph they stood at, counted the way the site
counts paragraphs (``richtext.split_blocks`` on the sanitised body).
"""

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..richtext import html_to_text, sanitize_html, split_blocks

# Private-use characters mark where each image stood: the sanitiser keeps
# them as text, so they survive into the very blocks the writer will count.
_MARK = "\ue000{}\ue001"
_MARKS = re.compile("\ue000(\\d+)\ue001")
_EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>")
_LEADING_BREAKS = re.compile(r"^(<[a-z0-9]+[^>]*>)(?:\s*<br>)+\s*")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class BodyImage:
    """An image found in a body: where it pointed and where it stood."""

    src: str
    alt: str = ""
    caption: str = ""  # from the <figcaption> of its <figure>
    paragraph: int = 0  # top-level blocks before it in the returned body


def body_and_images(markup: str) -> tuple[str, list[BodyImage]]:
    """
    The body HTML without its images (sanitised, empty blocks dropped) and the
    images in order. Tracking pixels and images without a source are dropped.
    """
    cutter = _ImageCutter()
    cutter.feed(markup or "")
    cutter.close()
    images = cutter.images
    kept: list[str] = []
    placed: set[int] = set()
    for block in split_blocks(sanitize_html("".join(cutter.out))):
        marks = list(_MARKS.finditer(block))
        if not marks:
            kept.append(block)
            continue
        rest = _LEADING_BREAKS.sub(r"\1", _EMPTY_LINK.sub("", _MARKS.sub("", block)))
        only_images = not html_to_text(rest).strip()
        for mark in marks:
            number = int(mark.group(1))
            # An image opening its paragraph stands before it; one inside the text, after it.
            before = html_to_text(_MARKS.sub("", block[: mark.start()])).strip()
            images[number].paragraph = len(kept) + (1 if before and not only_images else 0)
            placed.add(number)
        if not only_images:
            kept.append(rest)
    # Images the sanitiser removed with their container (inside <script>, say) are not kept.
    return "".join(kept), [image for number, image in enumerate(images) if number in placed]


def text_to_html(value: str) -> str:
    """Plain text as paragraphs: blank lines separate them, single line breaks are spaces."""
    paragraphs = re.split(r"\n\s*\n", (value or "").replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        f"<p>{html.escape(' '.join(paragraph.split()), quote=False)}</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def looks_like_html(value: str) -> bool:
    """Whether text declared plain holds markup after all (ANSA sends <p> as "text/plain")."""
    return bool(re.search(r"<(p|div|br|h[1-6]|ul|ol|table|blockquote)\b[^>]*>", value or "", re.I))


class _ImageCutter(HTMLParser):
    """Copies HTML through, replacing each <img> by a mark and lifting figure captions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.images: list[BodyImage] = []
        self._figure: list[int] | None = None  # images inside the open <figure>
        self._caption: list[str] | None = None  # text of the open <figcaption>

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self._image(dict(attrs))
        elif tag == "figcaption" and self._figure:
            self._caption = []
        else:
            if tag == "figure":
                self._figure = []
            self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._caption is not None:
            caption = " ".join("".join(self._caption).split())
            for number in self._figure or []:
                self.images[number].caption = self.images[number].caption or caption
            self._caption = None
        elif tag == "br":
            self.out.append("<br>")  # "</br>", as VnExpress writes it, is a line break
        elif tag not in _VOID:
            if tag == "figure":
                self._figure = None
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)
        else:
            self.out.append(html.escape(data, quote=False))

    def _image(self, attributes: dict):
        src = (attributes.get("src") or "").strip()
        if not src or src.startswith("data:") or _is_pixel(attributes):
            return
        self.images.append(BodyImage(src=src, alt=" ".join((attributes.get("alt") or "").split())))
        number = len(self.images) - 1
        if self._figure is not None:
            self._figure.append(number)
        self.out.append(_MARK.format(number))


def _is_pixel(attributes: dict) -> bool:
    """A 1×1 tracking image (FeedBurner's), not a photo."""
    for name in ("width", "height"):
        value = (attributes.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 2:
            return True
    return False
