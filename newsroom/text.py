"""
Vietnamese text folding and slugs, shared by every app.

Unicode decomposition strips the tone and vowel marks of Vietnamese letters,
but "đ" (U+0111) is a letter of its own, not "d" plus a mark: it is folded
explicitly before decomposition.
"""

import re
import unicodedata

from django.db import connections
from django.utils.text import slugify

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Return text without Vietnamese diacritics: "Đảng Cộng sản" -> "Dang Cong san"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_STROKE))
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed))


def slugify_vi(text: str, *, max_length: int | None = None) -> str:
    """ASCII slug for any text: "Đại hội Đảng lần thứ XIV" -> "dai-hoi-dang-lan-thu-xiv"."""
    # Django's slugify keeps "_": a slug here holds only letters, digits and single hyphens.
    slug = slugify(fold(text).replace("_", " "))
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


def fill_slug(instance, language: str, *, text: str, reserved=frozenset()) -> None:
    """
    Give a translated model instance a unique slug in one language when it has none.

    The slug is made from ``text`` and written to ``slug_<language>``, unique
    among the model's rows in that language. Without text, the instance gets
    no slug (NULL, so the per-language unique constraint ignores it).
    """
    field = f"slug_{language}"
    if getattr(instance, field):
        return
    if not text or not text.strip():
        setattr(instance, field, None)
        return
    max_length = instance._meta.get_field(field).max_length
    base = slugify_vi(text, max_length=max_length) or "item"
    others = type(instance)._base_manager.exclude(pk=instance.pk)
    if base not in reserved and not others.filter(**{field: base}).exists():
        setattr(instance, field, base)
        return
    # Taken: one query for every slug that could clash, however many "-2", "-3"... exist.
    room = base[: max_length - 8]  # a "-1234567" suffix may cut the base short
    clashing = set(_starting_with(others, field, room).values_list(field, flat=True))
    setattr(
        instance,
        field,
        unique_slug(base, taken=lambda s: s in reserved or s in clashing, max_length=max_length),
    )


def _starting_with(queryset, field: str, prefix: str):
    """
    The rows whose slug starts with ``prefix``, read from an index on either
    database: PostgreSQL's LIKE uses a pattern-operator index; SQLite's LIKE
    ignores case and so no index, but slugs are ASCII, so a range is the same.
    """
    if connections[queryset.db].vendor == "sqlite":
        return queryset.filter(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\x7f"})
    return queryset.filter(**{f"{field}__startswith": prefix})


def assign_unique_slugs(model, language: str, wanted: list, *, reserved=frozenset()) -> None:
    """
    Give many new instances unique slugs in one language at once: ``wanted``
    holds (instance, text) pairs. One query for the plain slugs, one more per
    slug that is already taken; instances in the list never collide either.
    """
    field = f"slug_{language}"
    max_length = model._meta.get_field(field).max_length
    bases = [(instance, slugify_vi(text, max_length=max_length) or "item") for instance, text in wanted]
    taken = set(
        model._base_manager.filter(**{f"{field}__in": {base for _i, base in bases}}).values_list(
            field, flat=True
        )
    )
    assigned: set[str] = set(reserved)
    searched: set[str] = set()
    for instance, base in bases:
        if base in taken or base in assigned:
            room = base[: max_length - 8]
            if room not in searched:
                searched.add(room)
                prefixed = _starting_with(model._base_manager.all(), field, room)
                taken.update(prefixed.values_list(field, flat=True))
            base = unique_slug(base, taken=lambda s: s in taken or s in assigned, max_length=max_length)
        assigned.add(base)
        setattr(instance, field, base)


# Marks only Vietnamese puts on Latin letters: hook above, dot below, horn.
_VIETNAMESE_MARKS = {"\u0309", "\u0323", "\u031b"}


def vietnamese_ratio(text: str) -> float:
    """Share of letters carrying a mark (or being đ) found in Vietnamese and hardly anywhere else."""
    letters = distinctive = 0
    for char in unicodedata.normalize("NFD", text):
        if char in _VIETNAMESE_MARKS:
            distinctive += 1
        elif char.isalpha():
            letters += 1
            distinctive += char in "đĐ"
    return distinctive / letters if letters else 0.0


def guess_language(text: str) -> str:
    """ "vi" for Vietnamese text, "en" otherwise: enough to sort wire copy into the two editions."""
    return "vi" if vietnamese_ratio(text) >= 0.01 else "en"
