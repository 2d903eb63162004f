"""
Vietnamese text folding and slugs, shared by every app.

Unicode decomposition strips the tone and vowel marks of Vietnamese letters,
but "đ" (U+0111) is a letter of its own, not "d" plus a mark: it is folded
explicitly before decomposition.
"""

import re
import unicodedata

from django.utils.text import slugify

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Return text without Vietnamese diacritics: "Đảng Cộng sản" -> "Dang Cong san"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_STROKE))
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed))


def slugify_vi(text: str, *, max_length: int | None = None) -> str:
    """ASCII slug for any text: "Đại hội Đảng lần thứ XIV" -> "dai-hoi-dang-lan-thu-xiv"."""
    slug = slugify(fold(text))
    if max_length and len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def unique_slug(base: str, *, taken, max_length: int = 200) -> str:
    """
    Return base, or base-2, base-3... - the first that ``taken(candidate)`` says is free.

    ``taken`` is a callable so that each model decides what "taken" means
    (per language, excluding itself).
    """
    base = (base or "item")[:max_length].rstrip("-") or "item"
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
    return candidate


def fill_slug(instance, language: str, *, source: str, reserved=frozenset()) -> None:
    """
    Give a translated model instance a unique slug in one language when it has none.

    Reads ``<source>_<language>``, writes ``slug_<language>``; unique among the
    model's rows in that language. An instance without text in that language
    gets no slug (NULL, so the per-language unique constraint ignores it).
    """
    field = f"slug_{language}"
    if getattr(instance, field):
        return
    text = getattr(instance, f"{source}_{language}") or ""
    if not text.strip():
        setattr(instance, field, None)
        return
    max_length = instance._meta.get_field(field).max_length
    others = type(instance)._base_manager.exclude(pk=instance.pk)
    setattr(
        instance,
        field,
        unique_slug(
            slugify_vi(text, max_length=max_length),
            taken=lambda s: s in reserved or others.filter(**{field: s}).exists(),
            max_length=max_length,
        ),
    )
