"""The site's languages and explicit per-language field access."""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
#: Each language's name, translated when shown ("English" reads "Tiếng Anh" on the Vietnamese site).
LANGUAGE_NAMES = dict(settings.LANGUAGES)


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
