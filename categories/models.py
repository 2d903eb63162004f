from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from newsroom.languages import LANGUAGE_CODES, localized_text
from newsroom.richtext import validate_no_markup
from newsroom.text import fill_slug

#: First URL segments the site uses itself: no category may take them as a slug.
RESERVED_SLUGS = frozenset(
    {"admin", "tag", "search", "feed", "page", "bilingual", "static", "media", "healthz",
     "sitemap.xml", "news-sitemap.xml", "video", "photo", "infographics", "mega-story",
     "anh", "do-hoa", "preview", "reads", "corrections", "dinh-chinh"}
)  # fmt: skip


class CategoryQuerySet(models.QuerySet):
    def in_menu(self):
        """Categories shown in the site menu, in menu order."""
        return self.filter(show_in_menu=True).order_by("menu_order", "pk")

    def top_level(self):
        return self.filter(parent__isnull=True)

    def subtree(self, category: "Category") -> "CategoryQuerySet":
        """The section and every section inside it, at any depth, in the menu or not: what it holds."""
        return self.filter(pk__in=self.subtree_ids([category])[category.pk])

    def subtree_ids(self, sections) -> dict[int, set[int]]:
        """
        For each section, the ids of itself and of every section inside it:
        one query over all sections (they are few), whatever their number or depth.
        """
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        subtrees = {}
        for section in sections:
            found, todo = set(), [section.pk]
            while todo:  # "found" also stops a loop of parents an import might have made
                pk = todo.pop()
                if pk not in found:
                    found.add(pk)
                    todo.extend(children.get(pk, ()))
            subtrees[section.pk] = found
        return subtrees


class Category(models.Model):
    """A section of the site ("Diplomacy and Integration"), optionally inside another."""

    name = models.CharField(
        _("name"),
        max_length=120,
        validators=[validate_no_markup],
        help_text=_("Shown in the menu and on the section page."),
    )
    slug = models.SlugField(
        _("slug"),
        db_index=False,
        max_length=120,
        blank=True,
        help_text=_("The address of the section page. Left blank, it is made from the name."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[validate_no_markup],
        help_text=_("A sentence or two shown under the section title."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty for a top-level section."),
    )
    menu_order = models.PositiveSmallIntegerField(
        _("menu order"), default=0, help_text=_("Lower numbers come first in the menu.")
    )
    show_in_menu = models.BooleanField(
        _("show in menu"), default=True, help_text=_("Untick to keep the section out of the menu.")
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["menu_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=[f"slug_{code}"], name=f"category_slug_{code}_unique")
            for code in LANGUAGE_CODES
        ]

    def __str__(self):
        return localized_text(self, "name", translation.get_language() or settings.LANGUAGE_CODE)

    def save(self, *args, **kwargs):
        # Every language gets a slug, from the other language's name if need
        # be: an article's address in either edition starts with it.
        names = [localized_text(self, "name", code) for code in LANGUAGE_CODES]
        for code in LANGUAGE_CODES:
            text = localized_text(self, "name", code) or next(filter(None, names), "")
            fill_slug(self, code, text=text, reserved=RESERVED_SLUGS)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_in(translation.get_language() or settings.LANGUAGE_CODE)

    def url_in(self, language: str) -> str:
        with translation.override(language):
            return reverse("articles:category", kwargs={"slug": localized_text(self, "slug", language)})

    def clean(self):
        if not any(localized_text(self, "name", code) for code in LANGUAGE_CODES):
            raise ValidationError(_("Give the section a name in at least one language."))
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A section cannot be inside itself.")})
            ancestor = ancestor.parent
        for code in LANGUAGE_CODES:
            slug = localized_text(self, "slug", code)
            if slug in RESERVED_SLUGS:
                raise ValidationError(
                    {f"slug_{code}": _("“%(slug)s” is used by the site itself.") % {"slug": slug}}
                )
