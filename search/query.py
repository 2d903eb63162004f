"""
Reading a query: what a reader typed, cleaned into words, "quoted phrases" and
-excluded words (``parse_query``), folded the way the index is (``normalise``).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from newsroom.text import fold

MAX_QUERY = 200
_QUOTED = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"-?\w+", re.UNICODE)


@dataclass
class ParsedQuery:
    """What a reader typed, cleaned: words and quoted phrases folded to plain letters."""

    text: str  # as typed, at most MAX_QUERY characters
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    shortened: bool = False

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases)

    @property
    def words(self) -> list[str]:
        """Every word to find, phrase words included."""
        return self.terms + [word for phrase in self.phrases for word in phrase]


def normalise(text: str) -> str:
    """Lower-case, no diacritics, đ as d: the form both index and query are compared in."""
    return fold(text).lower()


def parse_query(raw: str | None) -> ParsedQuery:
    """
    Read a query the way readers write it: words, "quoted phrases" and
    -excluded words. Operators and punctuation are ignored, never passed on.
    """
    text = unicodedata.normalize("NFC", (raw or "").replace("\x00", " ")).strip()
    shortened = len(text) > MAX_QUERY
    text = text[:MAX_QUERY]
    parsed = ParsedQuery(text=text, shortened=shortened)
    rest = _QUOTED.sub(" ", text)
    for phrase in _QUOTED.findall(text):
        words = _WORD.findall(normalise(phrase).replace("-", " "))
        if len(words) > 1:
            parsed.phrases.append(words)
        elif words:
            parsed.terms.append(words[0])
    for word in _WORD.findall(normalise(rest.replace('"', " "))):
        if word.startswith("-"):
            if word[1:]:
                parsed.excluded.append(word[1:])
        elif word not in parsed.terms:
            parsed.terms.append(word)
    return parsed
