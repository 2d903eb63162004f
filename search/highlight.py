"""
Showing what matched, in Python on both databases and with the text's diacritics
intact: highlighted words, snippets, and the "did you mean" suggestion.
"""

import difflib
import functools
import html
import re

from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from newsroom.languages import localized_text
from newsroom.richtext import html_to_text

from .query import ParsedQuery, normalise

#: How much of a body the snippet is looked for in.
SNIPPET_SOURCE = 6000
_ENGLISH_SUFFIXES = (
    "ations",
    "ation",
    "ings",
    "ing",
    "ions",
    "ion",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
    "e",
)


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return normalise(char) or " "


def _folded_with_positions(text: str) -> tuple[str, "list[int] | range"]:
    """The folded text and, for each of its characters, where it came from in ``text``."""
    whole = normalise(text)
    if len(whole) == len(text):  # every letter folded to one: positions are unchanged
        return whole, range(len(text))
    folded, positions = [], []
    for index, char in enumerate(text):
        pieces = _fold_char(char)
        folded.append(pieces)
        positions.extend([index] * len(pieces))
    return "".join(folded), positions


def _stem(word: str) -> str:
    for suffix in _ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _spans(text: str, query: ParsedQuery, language: str) -> list[tuple[int, int]]:
    folded, positions = _folded_with_positions(text)
    spans = []
    for match in re.finditer(r"\w+", folded):
        word = match.group()
        for term in query.words:
            if word == term or (language == "en" and len(term) >= 4 and word.startswith(_stem(term))):
                spans.append((positions[match.start()], positions[match.end() - 1] + 1))
                break
    return spans


def highlight(text: str, query: ParsedQuery, *, language: str) -> SafeString:
    """The text, escaped, with each matching word (found without diacritics, shown with them) in <mark>."""
    out, last = [], 0
    for start, end in _spans(text, query, language):
        out += [html.escape(text[last:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        last = end
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))


def snippet(article: Article, query: ParsedQuery, *, language: str, words: int = 40) -> SafeString:
    """A passage of the lead or body around the first match, highlighted."""
    body = localized_text(article, "body", language)[:SNIPPET_SOURCE]
    for text in (localized_text(article, "lead", language), html_to_text(body)):
        text = " ".join(text.split())
        spans = _spans(text, query, language)
        if spans:
            start = text.rfind(" ", 0, max(0, spans[0][0] - 80)) + 1
            passage = " ".join(text[start:].split()[:words])
            prefix = "… " if start else ""
            suffix = " …" if len(passage) < len(text) - start else ""
            return mark_safe(prefix + highlight(passage, query, language=language) + suffix)
    lead = localized_text(article, "lead", language)
    return highlight(" ".join(lead.split()[:words]), query, language=language)


def suggestion(query: ParsedQuery, articles: list[Article], *, language: str, typo: bool = False) -> str:
    """
    The query as the articles write it: with its diacritics ("to lam" →
    "Tô Lâm") or, when the results came from typo-tolerant matching, with its
    spelling corrected ("to lamm" → "Tô Lâm"). Empty when there is nothing better.
    """
    wanted = query.words
    if not wanted:
        return ""
    typed = " ".join(re.findall(r"\w+", query.text))
    windows = []
    for article in articles:
        for text in (localized_text(article, "title", language), localized_text(article, "lead", language)):
            words = re.findall(r"\w+", text)
            folded = [normalise(word) for word in words]
            for start in range(len(words) - len(wanted) + 1):
                windows.append((words[start : start + len(wanted)], folded[start : start + len(wanted)]))
    # The same words, with the diacritics the reader left out: no fuzzy matching needed.
    for words, folded in windows:
        if folded == wanted:
            best = " ".join(words)
            return "" if best.casefold() == typed.casefold() else best
    if not typo:
        return ""
    best, best_score = "", 0.0
    for words, folded in windows:
        score = sum(difflib.SequenceMatcher(None, a, b).ratio() for a, b in zip(folded, wanted, strict=True))
        score /= len(wanted)
        if score > best_score:
            best, best_score = " ".join(words), score
    return best if best_score >= 0.75 and best.casefold() != typed.casefold() else ""
