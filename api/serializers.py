"""
What the API answers, one language version at a time: the version's own text
(never the other language's in its place), absolute URLs, and the other
version's id and addresses when it is published too.
"""

from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from newsroom.languages import localized, localized_text, other_language


@extend_schema_field(OpenApiTypes.STR)
class Localized(serializers.Field):
    """A translated field in the request's language ("" when that language has none)."""

    def __init__(self, name: str, **kwargs):
        self.translated = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return localized_text(obj, self.translated, self.context["language"])


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class OptionalURL(serializers.CharField):
    """An address that may be missing: null rather than an empty string."""

    def to_representation(self, value):
        return value or None


def absolute(serializer, path: str) -> str:
    """``path`` made absolute on the request's own scheme and host (worked out once per request)."""
    context = serializer.context
    if "origin" not in context:
        context["origin"] = context["request"].build_absolute_uri("/").rstrip("/")
    return context["origin"] + path


def api_url(serializer, name: str, language: str, **kwargs) -> str:
    return absolute(serializer, reverse(f"api:{name}", kwargs={"lang": language, **kwargs}))


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.CharField(help_text="webp, jpeg, png or gif")
    url = serializers.SerializerMethodField()

    def get_url(self, rendition) -> str:
        return absolute(self, rendition.file.url)


class PhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caption = Localized("caption")
    alt_text = Localized("alt_text")
    credit = serializers.SerializerMethodField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The original image.")
    # Prefetched in order (api.views.RENDITIONS): the smallest WebP first.
    renditions = RenditionSerializer(
        many=True, source="renditions.all", help_text="Resized copies, for responsive images."
    )

    def get_credit(self, photo) -> str | None:
        if photo.credit_id is None:
            return None
        return localized_text(photo.credit, "name", self.context["language"]) or photo.credit.slug

    def get_url(self, photo) -> str | None:
        return absolute(self, photo.image.url) if photo.image else None


class PlacedPhotoSerializer(PhotoSerializer):
    """One of an article's photos (``ArticlePhoto``, with its photo): where it stands, then the photo."""

    after_paragraph = serializers.IntegerField(
        source="paragraph",
        allow_null=True,
        help_text="The body paragraph it follows; null: after the body (or in the gallery).",
    )

    def to_representation(self, placed):
        photo = placed.photo
        photo.paragraph = placed.paragraph
        return super().to_representation(photo)


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = Localized("name")
    slug = Localized("slug")
    url = serializers.SerializerMethodField()

    def get_url(self, category) -> str:
        return absolute(self, category.url_in(self.context["language"]))


class CategorySerializer(SectionSerializer):
    description = Localized("description")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    menu_order = serializers.IntegerField()
    in_menu = serializers.BooleanField(source="show_in_menu")


class NamedInLanguage(serializers.ListSerializer):
    """Only the tags named in the request's language: never one language's name in the other's list."""

    def to_representation(self, data):
        items = data.all() if hasattr(data, "all") else data
        language = self.context["language"]
        return super().to_representation([item for item in items if localized_text(item, "name", language)])


class TagSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = Localized("name")
    slug = Localized("slug")
    url = serializers.SerializerMethodField()

    class Meta:
        list_serializer_class = NamedInLanguage

    def get_url(self, tag) -> str:
        language = self.context["language"]
        with translation.override(language):
            return absolute(self, reverse("articles:tag", kwargs={"slug": localized(tag, "slug", language)}))


class SourceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = Localized("name")
    url = OptionalURL(help_text="Its website, if it has one.")


class VersionSerializer(serializers.Serializer):
    language = serializers.CharField()
    id = serializers.IntegerField()
    url = serializers.URLField(help_text="The version's page on the site.")
    api_url = serializers.URLField()


class ArticleSerializer(serializers.Serializer):
    """One language version of an article, as lists show it."""

    id = serializers.IntegerField()
    language = serializers.SerializerMethodField()
    title = Localized("title")
    slug = Localized("slug")
    url = serializers.SerializerMethodField(help_text="The version's page on the site.")
    api_url = serializers.SerializerMethodField()
    lead = Localized("lead")
    byline = Localized("byline")
    published = serializers.SerializerMethodField()
    updated = serializers.DateTimeField(source="updated_at")
    format = serializers.CharField()
    featured = serializers.BooleanField()
    section = SectionSerializer(source="category")
    tags = TagSerializer(many=True)
    source = SourceSerializer(allow_null=True)
    main_photo = PhotoSerializer(source="hero_photo", allow_null=True)
    translation = serializers.SerializerMethodField(
        help_text="The other language's version, when it is published; null otherwise."
    )

    def get_language(self, article) -> str:
        return self.context["language"]

    def get_url(self, article) -> str:
        return absolute(self, article.url_in(self.context["language"]))

    def get_api_url(self, article) -> str:
        return api_url(self, "article", self.context["language"], pk=article.pk)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_published(self, article):
        return serializers.DateTimeField().to_representation(
            localized(article, "published_at", self.context["language"])
        )

    @extend_schema_field(VersionSerializer(allow_null=True))
    def get_translation(self, article):
        other = other_language(self.context["language"])
        if not article.is_published(other):
            return None
        return {
            "language": other,
            "id": article.pk,
            "url": absolute(self, article.url_in(other)),
            "api_url": api_url(self, "article", other, pk=article.pk),
        }


class CorrectionSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="What was wrong and what is right now.")
    published = serializers.DateTimeField(source="created_at")
    line = serializers.CharField(help_text="As the article page shows it: “Correction, 02/12/2026: …”.")


class ArticleDetailSerializer(ArticleSerializer):
    """One language version in full: its body (sanitised HTML), every photo and its correction notes."""

    body = Localized("body", help_text="Sanitised HTML.")
    corrections = CorrectionSerializer(many=True, source="version_corrections")
    video_url = OptionalURL(help_text="A YouTube or Vimeo address, if it has one.")
    video_file = serializers.SerializerMethodField()
    photos = PlacedPhotoSerializer(many=True, source="article_photos.all")
    ninjs_url = serializers.SerializerMethodField()

    def get_video_file(self, article) -> str | None:
        return absolute(self, article.video_file.url) if article.video_file else None

    def get_ninjs_url(self, article) -> str:
        return api_url(self, "article-ninjs", self.context["language"], pk=article.pk)


def page_serializer(item_serializer, name: str):
    """The schema of a page of items: its links and its results."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "next": serializers.URLField(
                allow_null=True, help_text="The next (older) page; null on the last."
            ),
            "previous": serializers.URLField(
                allow_null=True, help_text="The previous page; null on the first."
            ),
            "results": item_serializer(many=True),
        },
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a bad query: each parameter with what is wrong with it.",
    )
