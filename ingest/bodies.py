"""
Article bodies from imported HTML: images taken out and handed back with the
paragraph they stood at, counted the way the site counts paragraphs
(``richtext.split_blocks`` on the sanitised body). Feeds and wire formats use
``ImageCutter`` as it is; WordPress subclasses it to resolve its attachments.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from newsroom.richtext import html_to_text, sanitize_html, split_blocks

# Private-use characters mark where each image stood: the sanitiser keeps
# them as text, so they survive into the very blocks the writer will count.
_MARK = "\ue000{}\ue001"
_MARKS = re.compile("\ue000(\\d+)\ue001")
_UNMARKED = {0xE000: None, 0xE001: None}  # the same characters written in the source would misplace images
_EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>")
_LEADING_BREAKS = re.compile(r"^(<[a-z0-9]+[^>]*>)(?:\s*<br>)+\s*")


@dataclass
class BodyImage:
    """An image found in a body: where it pointed and where it stood."""

    src: str
    alt: str = ""
    caption: str = ""  # from the <figcaption> of its <figure>, else of the figure around that
    gallery_caption: bool = False  # the caption is that outer figure's (a gallery's), not its own
    paragraph: int = 0  # top-level blocks before it in the returned body


def body_and_images(markup: str, cutter: "ImageCutter | None" = None) -> tuple[str, list[BodyImage]]:
    """
    The body HTML without its images, sanitised, each block without one passed
    through the cutter's ``block``; and the images in order, with their paragraphs.
    By default tracking pixels and images without a source are dropped.
    """
    cutter = cutter or ImageCutter()
    cutter.feed((markup or "").translate(_UNMARKED))
    cutter.close()
    images = cutter.images
    kept: list[str] = []
    placed: set[int] = set()
    for block in split_blocks(sanitize_html(cutter.html())):
        marks = list(_MARKS.finditer(block))
        if not marks:
            if block := cutter.block(block):
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


@dataclass
class _Figure:
    own: list[int] = field(default_factory=list)  # its own images
    images: list[int] = field(default_factory=list)  # its own and its inner figures' (a gallery's)
    caption: list[str] | None = None  # its <figcaption>'s HTML while inside it
    text: str = ""  # its <figcaption>'s text


class ImageCutter(HTMLParser):
    """
    Copies HTML through, replacing each <img> by a mark. A <figure> holding
    images leaves only their marks, its <figcaption> becoming their caption.
    A format changes what an image is, or how other markup is copied, by
    overriding ``image``, ``start``, ``end``, ``text`` and ``block``.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[BodyImage] = []
        self._buffers: list[list[str]] = [[]]  # the document, then one per open <figure>
        self._figures: list[_Figure] = []

    def image(self, attributes: dict[str, str]) -> BodyImage | None:
        """The image an <img> shows; None for one to drop (tracking pixels, no source)."""
        src = attributes.get("src", "").strip()
        if not src or src.startswith("data:") or _is_pixel(attributes):
            return None
        return BodyImage(src=src, alt=" ".join(attributes.get("alt", "").split()))

    def start(self, tag: str, attributes: dict[str, str]) -> str:
        """A start tag as copied into the body."""
        return self.get_starttag_text()

    def end(self, tag: str) -> str:
        """An end tag as copied: the sanitiser reads a stray one ("</br>" from VnExpress) as browsers do."""
        return f"</{tag}>"

    def text(self, data: str) -> str:
        return html.escape(data, quote=False)

    def block(self, block: str) -> str:
        """A sanitised block without images as kept in the body; "" drops it."""
        return block

    def html(self) -> str:
        return "".join(part for buffer in self._buffers for part in buffer)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        figure = self._figures[-1] if self._figures else None
        if tag == "img":
            if figure is None or figure.caption is None:  # an image inside a caption is not the article's
                self._image(attributes)
        elif tag == "figure":
            self._figures.append(_Figure())
            self._buffers.append([self.get_starttag_text()])
        else:
            if tag == "figcaption" and figure:
                figure.caption = []
            self._emit(self.start(tag, attributes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        figure = self._figures[-1] if self._figures else None
        if tag == "figure" and figure:
            self._figures.pop()
            start, *inner = self._buffers.pop()
            if figure.images:
                for number in figure.images if figure.text else ():
                    image = self.images[number]
                    # Inner figures close first: an image's own caption comes first, a gallery's fills in.
                    if not image.caption:
                        image.caption, image.gallery_caption = figure.text, number not in figure.own
                # Only the images stay: the caption and any link or credit around them go.
                inner = [_MARK.format(number) for number in figure.images]
                if self._figures:
                    self._figures[-1].images += figure.images
            self._emit(f"{start}{''.join(inner)}</figure>")
            return
        if tag == "figcaption" and figure and figure.caption is not None:
            figure.text = " ".join(html_to_text("".join(figure.caption)).split())
            figure.caption = None
        self._emit(self.end(tag))

    def handle_data(self, data):
        self._emit(self.text(data))

    def _emit(self, text: str) -> None:
        self._buffers[-1].append(text)
        if self._figures and self._figures[-1].caption is not None:
            self._figures[-1].caption.append(text)

    def _image(self, attributes: dict[str, str]) -> None:
        image = self.image(attributes)
        if image is None:
            return
        self.images.append(image)
        number = len(self.images) - 1
        if self._figures:
            self._figures[-1].own.append(number)
            self._figures[-1].images.append(number)
        self._emit(_MARK.format(number))


def _is_pixel(attributes: dict[str, str]) -> bool:
    """A 1×1 tracking image (FeedBurner's), not a photo."""
    for name in ("width", "height"):
        value = attributes.get(name, "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 2:
            return True
    return False
