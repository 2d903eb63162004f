from modeltranslation.translator import TranslationOptions, register

from .models import Article, Source, Tag


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    # status and published_at are translated too: each language version is
    # published on its own.
    fields = ("title", "slug", "lead", "body", "byline", "status", "published_at", "expires_at", "view_count")
    empty_values = {"title": "", "slug": None, "lead": "", "body": "", "byline": ""}


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("vi", "en")


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    empty_values = {"name": "", "slug": None}
