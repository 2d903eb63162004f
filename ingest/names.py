"""
Sections, sources, tags and credits named by imports: found by slug or
name in any language, created when new, and remembered for the rest of the
import. Tags, and sections our own exports describe, match a name exactly
but for case, Unicode normalisation and spacing: "lúa  GẠO" is "Lúa gạo",
"Lua gao" is another tag.
"""

import difflib
import unicodedata

from articles.models import Source, Tag
from articles.services import default_category
from categories.models import Category
from newsroom.languages import LANGUAGE_CODES, localized_text
from newsroom.richtext import html_to_text
from newsroom.text import fold, slugify_vi

from .agencies import known_source
from .records import CategoryRecord, SourceRecord, TagRecord


def text(value: str | None) -> str:
    """Plain text from any source field: tags and scripts gone, entities decoded, spaces collapsed."""
    return " ".join(html_to_text(value).split())


def name_key(name: str | None) -> str:
    """A name as compared with others: case, Unicode normalisation and spacing aside, diacritics kept."""
    folded = unicodedata.normalize("NFC", text(name)).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


def named(item) -> bool:
    """A name given as text (not blank once cleaned) or as a structured record."""
    return isinstance(item, (CategoryRecord, TagRecord, SourceRecord)) or bool(text(item))


class Names:
    """Resolves names to rows, with a cache per import."""

    def __init__(self):
        self._categories: dict[tuple, Category] = {}
        self._sources: dict[str, Source] = {}
        self._tags: dict[tuple, Tag] = {}
        self._tags_by_name: dict[str, Tag] | None = None
        self._default: Category | None = None

    def category(self, path: list, language: str) -> Category:
        path = [item for item in path if named(item)]
        key = (
            language,
            *(
                repr(item) if isinstance(item, CategoryRecord) else fold(text(item)).casefold()
                for item in path
            ),
        )
        if key not in self._categories:
            parent = None
            for depth, item in enumerate(path):
                if isinstance(item, CategoryRecord):
                    parent = self._structured_category(item, parent, anywhere=depth == 0 and len(path) == 1)
                    continue
                name = text(item)
                parent = self._find_category(name, parent, anywhere=depth == 0 and len(path) == 1) or (
                    self._create_category(name, parent, language)
                )
            self._categories[key] = parent
        return self._categories[key]

    def _structured_category(
        self, item: CategoryRecord, parent: Category | None, *, anywhere: bool
    ) -> Category:
        """The section a record names: by slug, else by name in any language under parent, else new."""
        slugs = {code: slugify_vi(slug, max_length=120) for code, slug in item.slugs.items() if slug}
        for code, slug in slugs.items():
            if found := Category.objects.filter(**{f"slug_{code}": slug}).first():
                return found
        wanted = {name_key(name) for name in item.names.values()} - {""}
        candidates = Category.objects.all() if anywhere else Category.objects.filter(parent=parent)
        for category in candidates.order_by("pk"):
            if wanted & {name_key(localized_text(category, "name", code)) for code in LANGUAGE_CODES}:
                return category
        category = Category(parent=parent)
        for code in LANGUAGE_CODES:
            setattr(category, f"name_{code}", text(item.names.get(code, ""))[:120])
            setattr(category, f"description_{code}", text(item.descriptions.get(code, "")))
            if slugs.get(code):
                setattr(category, f"slug_{code}", slugs[code])
        category.save()
        return category

    def _find_category(self, name: str, parent: Category | None, *, anywhere: bool) -> Category | None:
        candidates = Category.objects.all() if anywhere else Category.objects.filter(parent=parent)
        wanted, slug = fold(name).casefold(), slugify_vi(name)
        close = []
        for category in candidates:
            names = [fold(localized_text(category, "name", code)).casefold() for code in LANGUAGE_CODES]
            slugs = [localized_text(category, "slug", code) for code in LANGUAGE_CODES]
            if wanted in names or slug in slugs:
                return category
            ratio = max(difflib.SequenceMatcher(None, wanted, known).ratio() for known in names)
            if ratio >= 0.9:
                close.append((ratio, category.pk, category))
        # A near miss ("Intergration" for "Integration") is the same section.
        return max(close)[2] if close else None

    def _create_category(self, name: str, parent: Category | None, language: str) -> Category:
        category = Category(parent=parent, **{f"name_{language}": name})
        category.save()
        return category

    def default_category(self) -> Category:
        """The section of articles whose source names none."""
        if self._default is None:
            self._default = default_category()
        return self._default

    def source(self, item: str | SourceRecord) -> Source:
        if isinstance(item, SourceRecord):
            return self._structured_source(item)
        name = text(item)
        key = fold(name).casefold()
        if key not in self._sources:
            known = known_source(name)
            slug = known[0] if known else slugify_vi(name, max_length=60) or "source"
            source = (
                Source.objects.filter(slug=slug).first()
                or Source.objects.filter(name_vi__iexact=name).first()
                or Source.objects.filter(name_en__iexact=name).first()
            )
            if source is None:
                vi, en = (known[1], known[2]) if known else (name[:120], name[:120])
                source = Source(name_vi=vi, name_en=en, slug=slug)
                source.save()
            self._sources[key] = source
        return self._sources[key]

    def _structured_source(self, item: SourceRecord) -> Source:
        key = f"slug:{item.slug}"
        if key not in self._sources:
            source = Source.objects.filter(slug=item.slug).first()
            if source is None:
                names = {code: text(item.names.get(code, "")) for code in LANGUAGE_CODES}
                fallback = next(filter(None, names.values()), item.slug)
                source = Source(
                    slug=item.slug, url=item.url, **{f"name_{c}": n or fallback for c, n in names.items()}
                )
                source.save()
            self._sources[key] = source
        return self._sources[key]

    def tag(self, item: str | TagRecord, language: str) -> Tag:
        """The tag an import names: by slug when it gives one, else by name in either language, else new."""
        if isinstance(item, TagRecord):
            return self._structured_tag(item)
        name = text(item)[:100]
        key = (language, name_key(name))
        if key not in self._tags:
            tag = self._tag_named([name])
            if tag is None:
                tag = self._new_tag({language: name}, {})
            self._tags[key] = tag
        return self._tags[key]

    def _structured_tag(self, item: TagRecord) -> Tag:
        slugs = {code: slugify_vi(slug, max_length=100) for code, slug in item.slugs.items() if slug}
        names = {code: text(name)[:100] for code, name in item.names.items() if text(name)}
        key = ("record", *sorted(slugs.items()), *sorted((c, name_key(n)) for c, n in names.items()))
        if key not in self._tags:
            tag = None
            for code, slug in slugs.items():
                tag = tag or Tag.objects.filter(**{f"slug_{code}": slug}).first()
            tag = tag or self._tag_named(names.values()) or self._new_tag(names, slugs)
            self._tags[key] = tag
        return self._tags[key]

    def _tag_named(self, names) -> Tag | None:
        """The first tag bearing one of these names in any language."""
        if self._tags_by_name is None:
            # Every tag's names, read once per import: a name can differ from a stored one by
            # case or spacing, which no portable database lookup ignores while keeping diacritics.
            self._tags_by_name = {}
            for tag in Tag.objects.order_by("-pk"):
                self._remember_tag(tag)
        return next(filter(None, (self._tags_by_name.get(name_key(name)) for name in names)), None)

    def _new_tag(self, names: dict[str, str], slugs: dict[str, str]) -> Tag:
        tag = Tag()
        for code in LANGUAGE_CODES:
            setattr(tag, f"name_{code}", names.get(code, ""))
            if slugs.get(code):
                setattr(tag, f"slug_{code}", slugs[code])
        tag.save()
        if self._tags_by_name is not None:
            self._remember_tag(tag)
        return tag

    def _remember_tag(self, tag: Tag) -> None:
        for code in LANGUAGE_CODES:
            if key := name_key(localized_text(tag, "name", code)):
                self._tags_by_name[key] = tag  # read newest first: the oldest of equal names wins
