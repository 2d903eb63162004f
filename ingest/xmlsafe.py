"""
XML from outside, parsed safely: any DTD or entity declaration is refused
before any other parser sees the bytes (XXE, billion laughs, external DTDs).
A document in another encoding than UTF-8 (told by its byte order mark, else
its XML declaration) is decoded first, so the same refusal applies to it.
"""

import codecs
import re
import unicodedata
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from .inputs import InputError

_PROLOG = re.compile(rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*", re.S)
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", re.S)
_ENCODING_DECLARATION = re.compile(r"^(\s*<\?xml[^>]*?encoding=)([\"'])[^\"']*\2")
#: Byte order marks, longest first, and the encodings they announce.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def as_utf8(data: bytes, name: str, *, partial: bool = False) -> bytes:
    """
    The document as UTF-8 bytes declaring UTF-8, in Unicode's composed form (NFC):
    UTF-16 and UTF-32 with a byte order mark, and any encoding the XML
    declaration names ("windows-1258", whose Vietnamese letters are built with
    combining marks, or "iso-8859-1"). UTF-8 input is returned as it is.
    With ``partial``, data is the document's first bytes (to tell its format):
    a character cut at the end does not matter.
    """
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if encoding == "utf-8-sig":
        return data[len(codecs.BOM_UTF8) :]
    if encoding is None:
        declared = _DECLARED_ENCODING.match(data)
        if declared is None:
            return data
        encoding = declared.group(1).decode("ascii")
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            codec = ""
        if codec.startswith(("utf-8", "utf-16", "utf-32")):
            return data  # UTF-8 as it says, or a wide encoding its readable declaration belies: expat judges
    try:
        text = data.decode(encoding, errors="replace" if partial else "strict")
    except LookupError:
        raise InputError(
            f"{name}: the XML declares the encoding {encoding!r}, which is not one imports can read. "
            "Convert the file to UTF-8 (for example with iconv) and import it again."
        ) from None
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not valid {encoding} (byte {error.start}).") from None
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    return _ENCODING_DECLARATION.sub(r'\1"utf-8"', text, count=1).encode("utf-8")


def parse_xml(data: bytes, name: str) -> Element:
    """The root element of an XML document, or a clear InputError."""
    data = as_utf8(data, name)
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise refused(name, error) from None
    except ParseError as error:
        raise not_well_formed(name, data, error) from None


def iterparse_xml(stream, name: str, events=("start", "end")):
    """(event, element) pairs of a large XML document, read a piece at a time."""
    try:
        yield from SafeElementTree.iterparse(stream, events=events, forbid_dtd=True)
    except DefusedXmlException as error:
        raise refused(name, error) from None
    except ParseError as error:
        stream.seek(0)
        raise not_well_formed(name, stream.read(65536), error) from None


def refused(name: str, what: Exception | str) -> InputError:
    """The error for XML that declares a DTD or entities, refused before anything parses it."""
    what = what if isinstance(what, str) else type(what).__name__
    return InputError(
        f"{name}: refused: the XML declares a DTD or entities ({what}). "
        "Imports never expand entities or fetch external definitions."
    )


def not_well_formed(name: str, head: bytes, error: ParseError) -> InputError:
    line, column = getattr(error, "position", (0, 0))
    if error.code == 3:  # XML_ERROR_NO_ELEMENTS: ran out of input
        return InputError(f"{name}: the XML ends too early (line {line}); the file looks truncated.")
    if not _DECLARED_ENCODING.match(head):
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return InputError(
                f"{name}: not valid UTF-8 and no other encoding is declared (line {line}). "
                "Convert it to UTF-8 (for example with iconv) or declare its encoding."
            )
    if "unclosed" in str(error) or "no element found" in str(error):
        return InputError(f"{name}: the XML ends too early (line {line}); the file looks truncated.")
    return InputError(f"{name}: not well-formed XML at line {line}, column {column}: {error}.")


def html_page(name: str) -> InputError:
    """The error for an HTML page where a feed was expected (a server's error or login page, often)."""
    return InputError(
        f"{name}: an HTML page, not a feed. Check the address: a server's error or login page "
        "is often served in a feed's place."
    )


def is_html(head: bytes) -> bool:
    """Whether a document starts as an HTML page does: <!DOCTYPE html> or an <html> root."""
    rest = head[_PROLOG.match(head).end() :]
    return bool(re.match(rb"<!doctype\s+html\b", rest, re.I)) or root_name(head) == "html"


def root_name(head: bytes) -> str:
    """The local name of the first element, lower-cased ("rss", "feed", "newsitem"), or ""."""
    rest = head[_PROLOG.match(head).end() :]
    if rest[:9].upper() == b"<!DOCTYPE":
        return "!doctype"
    match = re.match(rb"<([A-Za-z_][\w.:-]*)", rest)
    return match.group(1).decode("ascii").split(":")[-1].lower() if match else ""


def local(tag: str) -> str:
    """ "{namespace}name" -> "name"."""
    return tag.rsplit("}", 1)[-1]
