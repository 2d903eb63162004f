"""
Which translations are missing, up to date or outdated, paragraph by paragraph.

An article's source is its original language; the other version is its
translation. Both are cut into units: the title, the lead, then each body
block (``richtext.split_blocks``), the same units the bilingual view pairs up.
``Article.translation_base`` keeps, per unit, the source text the translation
last matched. Saving a translated unit brings that unit up to date; changing
a source unit without "minor edit" leaves its base behind, so exactly that
unit is outdated, and the base against the current source is the diff the
translator needs.
"""

import difflib
import hashlib
import html
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from newsroom.languages import LANGUAGE_CODES, localized_text, other_language
from newsroom.richtext import html_to_text, split_blocks

MISSING, UP_TO_DATE, OUTDATED, ORIGINAL = "missing", "up-to-date", "outdated", "original"
LABELS = {
    MISSING: _("missing"),
    UP_TO_DATE: _("up to date"),
    OUTDATED: _("outdated"),
    ORIGINAL: _("original"),
}


def units(article, language: str) -> list[str]:
    """The plain text of one version, unit by unit: title, lead, then each body block."""
    return [
        localized_text(article, "title", language),
        localized_text(article, "lead", language),
        *paragraphs(localized_text(article, "body", language)),
    ]


def paragraphs(body: str) -> list[str]:
    """The plain text of each block of a body, as the bilingual view pairs them."""
    return [html_to_text(block) for block in split_blocks(body)]


def fingerprint(text: str) -> str:
    """A short hash of a unit's words: spacing alone changes nothing."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


def unit_label(index: int) -> str:
    if index == 0:
        return str(_("Title"))
    if index == 1:
        return str(_("Lead"))
    return str(_("Paragraph %(number)d")) % {"number": index - 1}


@dataclass
class OutdatedUnit:
    index: int
    label: str
    was: str  # the source when it was translated
    now: str  # the source today

    @property
    def diff(self) -> SafeString:
        return word_diff(self.was, self.now)


@dataclass
class TranslationState:
    language: str
    status: str
    outdated: list[OutdatedUnit] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


def source_language(article) -> str:
    return article.original_language if article.original_language in LANGUAGE_CODES else LANGUAGE_CODES[0]


def target_language(article) -> str:
    """The version that is the translation: the one not in the original language."""
    return other_language(source_language(article))


def track(article, previous, *, minor: bool = False, translation_checked: bool = False) -> None:
    """
    Update ``translation_base`` and ``translation_outdated`` of an article
    about to be saved; ``previous`` is the article as stored before (None
    for a new one). A changed translation unit now matches its source; a
    minor source edit keeps the translation current; ``translation_checked``
    declares the whole translation current.
    """
    source, target = source_language(article), target_language(article)
    if not article.has_language(target) or not article.has_language(source):
        article.translation_base, article.translation_outdated = {}, False
        return
    now = units(article, source)
    base = article.translation_base if article.translation_base.get("source") == source else {}
    had_translation = previous is not None and previous.has_language(target) and previous.has_language(source)
    if not base or not had_translation or translation_checked:
        matched = list(now)  # a new translation is a translation of today's source
    else:
        matched = list(base["units"])
        matched += [""] * (len(now) - len(matched))  # units added since: not translated yet
        old_source, old_target = units(previous, source), units(previous, target)
        new_target = units(article, target)
        for index in range(len(now)):
            translated_anew = _at(new_target, index) != _at(old_target, index)
            if translated_anew or (minor and _at(now, index) != _at(old_source, index)):
                matched[index] = now[index]
        del matched[len(now) :]
    article.translation_base = {"source": source, "units": matched}
    article.translation_outdated = any(
        fingerprint(a) != fingerprint(b) for a, b in zip(matched, now, strict=True)
    )


def _at(values: list[str], index: int) -> str:
    return values[index] if index < len(values) else ""


def translation_states(article) -> list[TranslationState]:
    """Each language's state: the original, or its translation missing, up to date or outdated."""
    source, target = source_language(article), target_language(article)
    states = []
    for code in LANGUAGE_CODES:
        if code == source and article.has_language(code):
            states.append(TranslationState(code, ORIGINAL))
        elif not article.has_language(code):
            states.append(TranslationState(code, MISSING))
        elif code == target and article.translation_outdated:
            now = units(article, source)
            matched = article.translation_base.get("units", [])
            outdated = [
                OutdatedUnit(index, unit_label(index), _at(matched, index), text)
                for index, text in enumerate(now)
                if fingerprint(_at(matched, index)) != fingerprint(text)
            ]
            states.append(TranslationState(code, OUTDATED, outdated))
        else:
            states.append(TranslationState(code, UP_TO_DATE))
    return states


def word_diff(before: str, after: str) -> SafeString:
    """The change from one text to another, word by word, as escaped HTML with <del> and <ins>."""
    old, new = before.split(), after.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(html.escape(" ".join(old[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{html.escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{html.escape(' '.join(new[j1:j2]))}</ins>")
    return mark_safe(" ".join(out))
