"""
Checks an editor sees on saving a bilingual article: warnings about text
typed into the wrong language or bodies that the bilingual view would pair
out of step, and one rule that blocks: a version cannot go live while one of
its photos is captioned in the other language only.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized_text
from newsroom.richtext import html_to_text, split_blocks
from newsroom.text import vietnamese_ratio

#: Texts shorter than this many letters are not judged: names and acronyms carry few marks.
MIN_LETTERS = 30
#: Vietnamese marks a fifth of its letters or more; English with a few Vietnamese names, a few in 100.
VIETNAMESE_AT_LEAST = 0.03
ENGLISH_AT_MOST = 0.08

FIELD_NAMES = {"title": gettext_lazy("title"), "lead": gettext_lazy("lead"), "body": gettext_lazy("body")}


def language_warnings(article) -> list[str]:
    """Vietnamese fields typed without diacritics, English fields that read as Vietnamese."""
    warnings = []
    for code in LANGUAGE_CODES:
        for name in ("title", "lead", "body"):
            text = localized_text(article, name, code)
            if name == "body":
                text = html_to_text(text)
            if sum(char.isalpha() for char in text) < MIN_LETTERS:
                continue
            ratio = vietnamese_ratio(text)
            if code == "vi" and ratio < VIETNAMESE_AT_LEAST:
                warnings.append(
                    _(
                        "The Vietnamese %(field)s has no Vietnamese diacritics: "
                        "is it English, or typed without accents?"
                    )
                    % {"field": FIELD_NAMES[name]}
                )
            elif code == "en" and ratio > ENGLISH_AT_MOST:
                warnings.append(
                    _("The English %(field)s reads like Vietnamese: was it pasted into the wrong tab?")
                    % {"field": FIELD_NAMES[name]}
                )
    return warnings


def alignment_warnings(article, photo_paragraphs: list[int | None]) -> list[str]:
    """
    Bodies the bilingual view would pair out of step: a different number of
    paragraphs, or a photo placed after a paragraph one version does not have.
    """
    if not all(article.has_language(code) for code in LANGUAGE_CODES):
        return []
    counts = {code: len(split_blocks(localized_text(article, "body", code))) for code in LANGUAGE_CODES}
    warnings = []
    if len(set(counts.values())) > 1:
        warnings.append(
            _(
                "The Vietnamese body has %(vi)d paragraphs and the English one %(en)d: "
                "the side-by-side view will pair them out of step."
            )
            % counts
        )
    shortest = min(counts.values())
    if any(paragraph is not None and paragraph > shortest for paragraph in photo_paragraphs):
        warnings.append(
            _("A photo is placed after paragraph %(n)d or later, which one version does not have.")
            % {"n": shortest + 1}
        )
    return warnings


def uncaptioned_photos(photos, language: str) -> list:
    """The photos captioned in another language but not in this one."""
    return [
        photo
        for photo in photos
        if photo is not None
        and not localized_text(photo, "caption", language)
        and any(localized_text(photo, "caption", code) for code in LANGUAGE_CODES if code != language)
    ]


def caption_block_message(photos, language: str) -> str:
    names = ", ".join(f"“{photo}”" for photo in photos)
    return _(
        "The %(language)s version cannot go live: these photos have no %(language)s caption yet: %(photos)s."
    ) % {"language": LANGUAGE_NAMES[language], "photos": names}
