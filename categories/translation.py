from modeltranslation.translator import TranslationOptions, register

from .models import Category


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description")
    required_languages = {"vi": ("name",), "en": ("name",)}
    empty_values = {"slug": None}
