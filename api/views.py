"""
The read API's endpoints. Every list and item starts from
``Article.objects.published(language)``; an id that is not a published version
in that language is a 404 that says no more than an id that never existed.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.models import Article, ArticlePhoto, Correction, Tag, TaggedArticle
from categories.models import Category
from ingest.exports import article_to_ninjs
from media.models import Rendition
from newsroom.languages import LANGUAGE_CODES
from search import engine

from . import caching, filters, pagination
from .serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    CategorySerializer,
    ErrorSerializer,
    TagSerializer,
    page_serializer,
)

LANGUAGE = OpenApiParameter(
    "lang", str, OpenApiParameter.PATH, enum=list(LANGUAGE_CODES), description="The version's language."
)
ID = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 1, "maximum": pagination.MAX_ID},
    OpenApiParameter.PATH,
    description="The article's id (the same in both languages).",
)
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A query parameter the API cannot read."),
    401: OpenApiResponse(ErrorSerializer, description="An unknown, revoked or expired API key."),
    403: OpenApiResponse(ErrorSerializer, description="A partner key limited to the other language."),
    404: OpenApiResponse(ErrorSerializer, description="No such language, or no such published version."),
    # gunicorn's own answer (an HTML page) to a request line longer than it reads.
    414: OpenApiResponse(description="An address too long for the web server, which answers before the API."),
    429: OpenApiResponse(
        ErrorSerializer, description="Too many requests: try again after Retry-After seconds."
    ),
}
NOT_FOUND = _("Not found.")
KEY_LANGUAGE = _("This key reads the %(language)s version only.")


def _article_id(value: str) -> int:
    """A path's id as a number an article could have; anything else is simply not found."""
    if (
        not value.isascii()
        or not value.isdigit()
        or len(value) > 19
        or not 0 < int(value) <= pagination.MAX_ID
    ):
        raise exceptions.NotFound(NOT_FOUND)
    return int(value)


#: A photo's renditions in the order the answers list them.
RENDITIONS = Rendition.objects.order_by("format", "width")


def articles_for_lists(language: str):
    """Published versions with what a list item shows: a fixed number of queries whatever the page's size."""
    return (
        Article.objects.published(language)
        .without_bodies()
        .select_related("category", "source", "hero_photo__credit")
        .prefetch_related("tags", Prefetch("hero_photo__renditions", queryset=RENDITIONS))
    )


def articles_in_full(language: str):
    """Published versions with everything an item shows: its photos with their credits and renditions."""
    return (
        Article.objects.published(language)
        .select_related("category", "source", "hero_photo__credit")
        .prefetch_related(
            "tags",
            Prefetch(
                "corrections",
                queryset=Correction.objects.filter(language=language),
                to_attr="version_corrections",
            ),
            Prefetch("hero_photo__renditions", queryset=RENDITIONS),
            Prefetch(
                "article_photos",
                queryset=ArticlePhoto.objects.select_related("photo__credit").prefetch_related(
                    Prefetch("photo__renditions", queryset=RENDITIONS)
                ),
            ),
        )
    )


class ReadView(APIView):
    """
    What every endpoint shares: the language from the address (404 for any
    other), request limits, and answers kept under the page cache's generation
    with their ETag and Last-Modified.
    """

    def dispatch(self, request, *args, **kwargs):
        self.language = kwargs.get("lang")
        self.kept = False
        with translation.override(
            self.language if self.language in LANGUAGE_CODES else settings.LANGUAGE_CODE
        ):
            return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.language not in LANGUAGE_CODES:
            raise exceptions.NotFound(NOT_FOUND)
        key = request.auth
        if key is not None and key.language and key.language != self.language:
            raise exceptions.PermissionDenied(KEY_LANGUAGE % {"language": key.get_language_display()})
        # A key limited to some sections reads fewer articles: its answers are its own.
        self.sections = key.section_ids() if key is not None else None
        self.scope = f"key{key.pk}" if self.sections is not None else ""
        if (hit := caching.cached(request, scope=self.scope)) is not None:
            return hit
        self.kept = True
        kwargs.pop("lang")
        return self.read(request, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.get("X-Page-Cache") != "hit":
            if self.language in LANGUAGE_CODES:
                response["Content-Language"] = self.language
            caching.finish(request, response, keep=self.kept, scope=getattr(self, "scope", ""))
        return response

    def within_scope(self, articles):
        """The articles the request's key may read: all, or those of its sections."""
        return articles if self.sections is None else articles.filter(category_id__in=self.sections)

    def get_serializer_context(self) -> dict:
        return {"request": self.request, "language": self.language}

    def read(self, request, **kwargs) -> Response:
        raise NotImplementedError


def _page_response(view, page: pagination.Page, serializer_class) -> Response:
    items = serializer_class(page.items, many=True, context=view.get_serializer_context()).data
    return Response({"next": page.next, "previous": page.previous, "results": items})


@extend_schema_view(
    get=extend_schema(
        parameters=[LANGUAGE, filters.ArticleFilters],
        responses={200: page_serializer(ArticleSerializer, "ArticlePage"), **ERRORS},
        summary="Published articles, newest first",
        operation_id="list_articles",
    )
)
class ArticleListView(ReadView):
    """
    The published versions in one language, newest first, a page at a time:
    follow ``next`` until it is null. With ``updated_since``, what changed since a client last synced.
    """

    def read(self, request):
        params = filters.validated(filters.ArticleFilters, request)
        articles = filters.filter_articles(
            self.within_scope(articles_for_lists(self.language)), params, self.language
        )
        page = pagination.keyset_page(request, articles, field=f"published_at_{self.language}", params=params)
        return _page_response(self, page, ArticleSerializer)


@extend_schema_view(
    get=extend_schema(
        parameters=[LANGUAGE, ID],
        responses={200: ArticleDetailSerializer, **ERRORS},
        summary="One version in full",
        operation_id="get_article",
    )
)
class ArticleDetailView(ReadView):
    """One published version: its text, its body as sanitised HTML, its photos, the other version if live."""

    def read(self, request, pk):
        article = self.within_scope(articles_in_full(self.language)).filter(pk=_article_id(pk)).first()
        if article is None:
            raise exceptions.NotFound(NOT_FOUND)
        return Response(ArticleDetailSerializer(article, context=self.get_serializer_context()).data)


@extend_schema_view(
    get=extend_schema(
        parameters=[LANGUAGE, ID],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description="An IPTC ninjs 2.x document (https://iptc.org/std/ninjs/)."
            ),
            **ERRORS,
        },
        summary="One version as IPTC ninjs",
        operation_id="get_article_ninjs",
    )
)
class ArticleNinjsView(ReadView):
    """The same version as the exports' ninjs (``ingest.exports.article_to_ninjs``)."""

    def read(self, request, pk):
        article = self.within_scope(articles_in_full(self.language)).filter(pk=_article_id(pk)).first()
        if article is None:
            raise exceptions.NotFound(NOT_FOUND)
        base_url = request.build_absolute_uri("/")
        return Response(article_to_ninjs(article, self.language, base_url=base_url))


@extend_schema_view(
    get=extend_schema(
        parameters=[LANGUAGE],
        responses={200: CategorySerializer(many=True), **ERRORS},
        summary="Sections",
        operation_id="list_categories",
    )
)
class CategoryListView(ReadView):
    """Every section named in this language, in menu order, each with its parent's id."""

    def read(self, request):
        categories = Category.objects.exclude(**{f"name_{self.language}": ""}).order_by("menu_order", "pk")
        return Response(CategorySerializer(categories, many=True, context=self.get_serializer_context()).data)


@extend_schema_view(
    get=extend_schema(
        parameters=[LANGUAGE, filters.PageParams],
        responses={200: page_serializer(TagSerializer, "TagPage"), **ERRORS},
        summary="Tags in use",
        operation_id="list_tags",
    )
)
class TagListView(ReadView):
    """The tags named in this language that a published version carries, in id order."""

    def read(self, request):
        params = filters.validated(filters.PageParams, request)
        published = Article.objects.published(self.language)
        used = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=published)
        tags = Tag.objects.exclude(**{f"name_{self.language}": ""}).filter(Exists(used))
        return _page_response(self, pagination.id_page(request, tags, params=params), TagSerializer)


@extend_schema_view(
    get=extend_schema(
        parameters=[LANGUAGE, filters.SearchParams],
        responses={200: page_serializer(ArticleSerializer, "SearchPage"), **ERRORS},
        summary="Search",
        operation_id="search_articles",
    )
)
class SearchView(ReadView):
    """The site's search (``search.engine``): best first, diacritics optional ("to lam" finds "Tô Lâm")."""

    def read(self, request):
        params = filters.validated(filters.SearchParams, request)
        published = self.within_scope(Article.objects.published(self.language))
        within = filters.filter_articles(published, params, self.language)
        results = engine.search(params["q"], language=self.language, within=within)
        page = pagination.offset_page(request, results.ids, params=params)
        by_id = articles_for_lists(self.language).filter(pk__in=page.items).in_bulk()
        page.items = [by_id[pk] for pk in page.items if pk in by_id]
        return _page_response(self, page, ArticleSerializer)


@extend_schema(exclude=True)
class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI 3 schema, generated from the code (``drf-spectacular``)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        caching.finish(request, response, keep=False)
        return response


@require_safe
def docs(request):
    """``api/docs.html``: Swagger UI from the project's own static files, reading ``/api/v1/schema/``."""
    response = TemplateResponse(request, "api/docs.html", {})
    caching.finish(request, response, keep=False)
    return response
