from modeltranslation.translator import TranslationOptions, register

from .models import Category


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description")
    empty_values = {"slug": None}
