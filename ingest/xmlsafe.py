"""
XML from outside, parsed safely: any DTD or entity declaration is refused
before any other parser sees the bytes (XXE, billion laughs, external DTDs).
"""

import re
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from .inputs import InputError

_PROLOG = re.compile(rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*", re.S)
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", re.S)


def parse_xml(data: bytes, name: str) -> Element:
    """The root element of an XML document, or a clear InputError."""
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


def root_name(head: bytes) -> str:
    """The local name of the first element, lower-cased ("rss", "feed", "newsitem"), or ""."""
    rest = head[_PROLOG.match(head).end() :]
    if rest.startswith(b"<!DOCTYPE"):
        return "!doctype"
    match = re.match(rb"<([A-Za-z_][\w.:-]*)", rest)
    return match.group(1).decode("ascii").split(":")[-1].lower() if match else ""


def local(tag: str) -> str:
    """ "{namespace}name" -> "name"."""
    return tag.rsplit("}", 1)[-1]
