from modeltranslation.translator import TranslationOptions, register

from .models import Page, SiteSettings


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "body")
    empty_values = {"title": "", "slug": None, "body": ""}


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("organisation_name", "address", "copyright")
    required_languages = {"vi": ("organisation_name",), "en": ("organisation_name",)}
