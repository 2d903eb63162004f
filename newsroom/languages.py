"""The site's languages: every table of what the site says of them, and explicit per-language field access."""

from django.conf import settings
from django.utils.translation import pgettext_lazy
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
#: Each language's name, translated when shown ("English" reads "Tiếng Anh" on the Vietnamese site).
LANGUAGE_NAMES = dict(settings.LANGUAGES)
#: Each language's name as a sentence says it, translated: "not available in English", "bằng tiếng Việt".
LANGUAGE_NAMES_IN_SENTENCE = {
    "vi": pgettext_lazy("in a sentence", "Vietnamese"),
    "en": pgettext_lazy("in a sentence", "English"),
}
#: Each language's name in itself, the same on every page (the language switch): "Tiếng Việt", "English".
LANGUAGE_OWN_NAMES = {"vi": "Tiếng Việt", "en": "English"}
#: Each language version's name in its own language, for links to it from the other: "Bản tiếng Việt".
VERSION_OWN_NAMES = {"vi": "Bản tiếng Việt", "en": "English version"}
#: Each language's Open Graph locale (language_TERRITORY).
OPEN_GRAPH_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def check_language(language: str) -> str:
    """Return language when the site has it; raise ValueError otherwise."""
    if language not in LANGUAGE_CODES:
        raise ValueError(f"Unknown language {language!r}; expected one of {LANGUAGE_CODES}.")
    return language


def other_language(language: str) -> str:
    """The other edition's language: "vi" -> "en"."""
    return next(code for code in LANGUAGE_CODES if code != language)


def localized(obj, field: str, language: str):
    """``obj.<field>_<language>``: one language's value, never a fallback."""
    return getattr(obj, build_localized_fieldname(field, language))


def localized_text(obj, field: str, language: str) -> str:
    """One language's text, "" when that language has none."""
    return localized(obj, field, language) or ""
