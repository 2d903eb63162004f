"""
The query parameters of the lists, validated: a value the API cannot read is
a 400 naming the parameter, never a server error or a silently wider list.
The same serializers describe the parameters in the OpenAPI schema.
"""

from datetime import datetime

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from articles.models import Format, Source, Tag, TaggedArticle
from categories.models import Category

#: Largest page a client may ask for, and the page a client gets by default.
MAX_PAGE_SIZE = 100
PAGE_SIZE = 20
#: Dates the archive could hold: outside them a date is a mistake (and some overflow the database).
EARLIEST, LATEST = 1900, 2200


class MomentField(serializers.DateTimeField):
    """An ISO 8601 date and time ("2026-01-15T08:00:00+07:00"), or a date alone (its midnight in Hà Nội)."""

    def to_internal_value(self, value):
        if isinstance(value, str) and len(value) > 40:
            self.fail("invalid", format="YYYY-MM-DD[Thh:mm[:ss][+HH:MM]]")
        try:
            moment = super().to_internal_value(value)
        except (OverflowError, ValueError):
            self.fail("invalid", format="YYYY-MM-DD[Thh:mm[:ss][+HH:MM]]")
        if not EARLIEST <= moment.year <= LATEST:
            raise serializers.ValidationError(
                _("Give a date between %(earliest)d and %(latest)d.")
                % {"earliest": EARLIEST, "latest": LATEST}
            )
        return moment


class PageParams(serializers.Serializer):
    cursor = serializers.CharField(
        required=False,
        max_length=200,
        help_text=_("Where the page starts: the cursor in a previous answer's next or previous link."),
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=PAGE_SIZE,
        help_text=_("How many items a page holds (20 unless asked)."),
    )


class ArticleFilters(PageParams):
    section = serializers.SlugField(
        required=False,
        max_length=120,
        help_text=_("A section's slug in this language: its articles and those of the sections inside it."),
    )
    tag = serializers.SlugField(required=False, max_length=100, help_text=_("A tag's slug in this language."))
    format = serializers.ChoiceField(
        choices=Format.choices, required=False, help_text=_("The article's format.")
    )
    source = serializers.SlugField(required=False, max_length=60, help_text=_("A source's slug (“vna”)."))
    since = MomentField(required=False, help_text=_("Published at or after this time."))
    until = MomentField(required=False, help_text=_("Published before this time."))
    updated_since = MomentField(
        required=False, help_text=_("Changed at or after this time: what a client that syncs asks for.")
    )
    featured = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=_("Only articles in Focus (true), or not.")
    )


class SearchParams(ArticleFilters):
    q = serializers.CharField(
        max_length=1000,
        help_text=_(
            "What to look for, read as the site's search reads it: words, “quoted phrases”, -excluded."
        ),
    )


def validated(serializer_class, request) -> dict:
    """
    The request's query parameters, checked by ``serializer_class`` (a 400 naming
    each bad one). A parameter given is given once and with a value: an empty or
    repeated one is a client's mistake, not a wish to leave it out.
    """
    serializer = serializer_class(data=request.query_params)
    errors = {}
    for name in serializer.fields:
        values = request.query_params.getlist(name)
        if len(values) > 1:
            errors[name] = [_("Give this parameter once.")]
        elif values == [""]:
            errors[name] = [_("Give this parameter a value, or leave it out.")]
    if errors:
        raise serializers.ValidationError(errors)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def filter_articles(articles, filters: dict, language: str):
    """Narrow published articles by the filters; a section, tag or source that does not exist is a 400."""
    if slug := filters.get("section"):
        category = Category.objects.filter(**{f"slug_{language}": slug}).first()
        if category is None:
            raise serializers.ValidationError({"section": [_("There is no section with this slug.")]})
        articles = articles.filter(category__in=Category.objects.subtree(category))
    if slug := filters.get("tag"):
        tag = Tag.objects.filter(**{f"slug_{language}": slug}).values_list("pk", flat=True).first()
        if tag is None:
            raise serializers.ValidationError({"tag": [_("There is no tag with this slug.")]})
        articles = articles.filter(
            Exists(TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id=tag))
        )
    if slug := filters.get("source"):
        source = Source.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if source is None:
            raise serializers.ValidationError({"source": [_("There is no source with this slug.")]})
        articles = articles.filter(source_id=source)
    if filters.get("format"):
        articles = articles.filter(format=filters["format"])
    if filters.get("featured") is not None:
        articles = articles.filter(featured=filters["featured"])
    published_at = f"published_at_{language}"
    if isinstance(since := filters.get("since"), datetime):
        articles = articles.filter(**{f"{published_at}__gte": since})
    if isinstance(until := filters.get("until"), datetime):
        articles = articles.filter(**{f"{published_at}__lt": until})
    if isinstance(updated := filters.get("updated_since"), datetime):
        articles = articles.filter(updated_at__gte=updated)
    return articles
