from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from newsroom import perrequest
from newsroom.languages import LANGUAGE_CODES, localized, localized_text
from newsroom.richtext import sanitize_html, validate_no_markup
from newsroom.text import fill_slug


class PageQuerySet(models.QuerySet):
    def published(self, language: str):
        """Pages readers of language may open: published, with that language's text filled."""
        return self.filter(is_published=True, **{f"title_{language}__gt": ""})


class Page(models.Model):
    """A static page such as About Us or Contact."""

    title = models.CharField(_("title"), max_length=200, blank=True, validators=[validate_no_markup])
    slug = models.SlugField(
        _("slug"),
        db_index=False,
        max_length=200,
        blank=True,
        help_text=_("Left blank, it is made from the title."),
    )
    body = models.TextField(_("body"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    show_in_header = models.BooleanField(
        _("link in the header"), default=True, help_text=_("Listed next to Home in the top menu.")
    )
    menu_order = models.PositiveSmallIntegerField(_("menu order"), default=0)
    external_id = models.CharField(
        _("external id"),
        max_length=500,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Where an imported page came from; keeps re-imports from duplicating it."),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["menu_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=[f"slug_{code}"], name=f"page_slug_{code}_unique")
            for code in LANGUAGE_CODES
        ]

    def __str__(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        return localized_text(self, "title", language) or localized_text(
            self, "title", settings.LANGUAGE_CODE
        )

    def save(self, *args, **kwargs):
        for code in LANGUAGE_CODES:
            setattr(self, f"body_{code}", sanitize_html(localized(self, "body", code)))
            fill_slug(self, code, text=localized_text(self, "title", code))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_in(translation.get_language() or settings.LANGUAGE_CODE)

    def url_in(self, language: str) -> str:
        with translation.override(language):
            return reverse("pages:detail", kwargs={"slug": localized_text(self, "slug", language)})


class SiteSettings(models.Model):
    """The one row of site-wide details readers see in the footer."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, validators=[validate_no_markup]
    )
    address = models.CharField(_("address"), max_length=300, blank=True, validators=[validate_no_markup])
    phone = models.CharField(_("telephone"), max_length=60, blank=True, validators=[validate_no_markup])
    email = models.EmailField(_("email"), blank=True)
    copyright = models.CharField(
        _("copyright line"),
        max_length=300,
        blank=True,
        validators=[validate_no_markup],
        help_text=_("The last line of every page."),
    )

    CACHE_KEY = "pages:site-settings"

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "SiteSettings":
        """The site settings, cached and kept for the request; an unsaved empty row until filled in."""
        return perrequest.once(cls.CACHE_KEY, cls._load)

    @classmethod
    def _load(cls) -> "SiteSettings":
        site_settings = cache.get(cls.CACHE_KEY)
        if site_settings is None:
            site_settings = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, site_settings, 300)
        return site_settings
