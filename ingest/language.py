"""
The language an imported text is written in, told by lingua: an offline detector whose
models ship in its wheel, so nothing is downloaded at run time. It decides only when sure;
a short or mixed text is left to what the source declares.
"""

import functools
from dataclasses import dataclass

from lingua import Language, LanguageDetectorBuilder

#: The languages told apart: ours, and those wire and partner copy reaching a Vietnamese
#: newsroom is most often in. Fewer languages keep the detector light (about 200 MB, loaded
#: on first use by the import alone) and its readings of short titles sure.
LANGUAGES = (
    Language.VIETNAMESE,
    Language.ENGLISH,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.DUTCH,
    Language.RUSSIAN,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.THAI,
    Language.INDONESIAN,
    Language.MALAY,
    Language.TAGALOG,
)
#: Below this the detector's reading is not taken: the source's word stands.
SURE = 0.9
#: Texts shorter than this (in letters) are too short to tell.
MIN_LETTERS = 25
#: Enough of a long body to tell its language.
SAMPLE = 2000


@dataclass(frozen=True)
class Reading:
    code: str  # ISO 639-1, lower case
    name: str  # in English, as messages name it
    confidence: float


@functools.cache
def _detector():
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def read_language(text: str) -> Reading | None:
    """The language ``text`` is in when the detector is sure of it; None for short or mixed text."""
    sample = text[:SAMPLE]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return None
    best = _detector().compute_language_confidence_values(sample)[0]
    if best.value < SURE:
        return None
    return Reading(best.language.iso_code_639_1.name.lower(), best.language.name.title(), best.value)
