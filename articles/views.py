from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from categories.models import Category
from newsroom import pagecache
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES_IN_SENTENCE, localized_text, other_language
from pages.models import SiteSettings

from . import reads, selectors
from .models import Article, Correction, Format, Tag
from .pagination import CappedPaginator
from .querysets import LIST_DEFERRED

PAGE_SIZE = 20


def urls_in_every_language(name: str, **kwargs) -> dict[str, str]:
    """The same page's address in each language (for the language switch and hreflang)."""
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            urls[code] = reverse(name, kwargs=kwargs)
    return urls


def about_site(sentence: str, **names: str) -> str:
    """A page's meta description: a translated sentence naming the site and ``names``."""
    return sentence % {"site": SiteSettings.load().organisation_name or "Newsroom", **names}


def sidebar(*, language: str, article: Article | None = None) -> dict:
    """The blocks beside every article and list: Focus and Interested (without the article being read)."""
    # The same on every page of the language: built once per content generation. Interested
    # may lag the counts by up to NEWSROOM_PAGE_CACHE_TIMEOUT, which a most-read list can afford.
    focus = pagecache.fragment("focus", lambda: selectors.focus_articles(language=language, limit=6))
    most_read = pagecache.fragment("most-read", lambda: reads.most_read(language=language, limit=6))
    return {
        "focus": [a for a in focus if a != article][:5],
        "most_read": [a for a in most_read if a != article][:5],
    }


class PublishedArticlesMixin:
    """Lists of articles readers of the current language may see, newest first, 20 a page."""

    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get_queryset(self):
        language = get_language()
        return Article.objects.published(language).with_card_data().newest_first(language)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**sidebar(language=get_language()), **kwargs)


def home(request):
    """The home page: ``articles/home.html`` with ``page`` (a selectors.HomePage)."""
    language = get_language()
    context = {
        "page": selectors.home_page(language=language),
        "alternate_urls": urls_in_every_language("articles:home"),
        "feed_url": reverse("articles:feed"),
        "description": about_site(_("The latest news, photos and videos from %(site)s.")),
    }
    return render(request, "articles/home.html", context)


class FormatView(PublishedArticlesMixin, ListView):
    """All articles of one format with a listing of its own (``articles.urls.FORMAT_LISTINGS``)."""

    template_name = "articles/format_list.html"
    context_object_name = "articles"
    format = Format.STANDARD

    def get_queryset(self):
        return super().get_queryset().filter(format=self.format)

    def get_context_data(self, **kwargs):
        name = self.request.resolver_match.view_name
        label = Format(self.format).label
        return super().get_context_data(
            format=Format(self.format),
            alternate_urls=urls_in_every_language(name),
            description=about_site(_("%(format)s from %(site)s, newest first."), format=label),
            **kwargs,
        )


class CategoryView(PublishedArticlesMixin, ListView):
    """
    A section page: its articles and those of every section inside it
    (``Category.objects.subtree``), newest first, 20 a page; links to its subsections in the menu.
    """

    template_name = "categories/category_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.category = get_object_or_404(
            Category.objects.select_related("parent"), **{f"slug_{get_language()}": self.kwargs["slug"]}
        )
        self.children = list(self.category.children.in_menu())
        return super().get_queryset().filter(category__in=Category.objects.subtree(self.category))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            children=self.children,
            feed_url=reverse("articles:category-feed", kwargs={"category": self.category.slug}),
            alternate_urls={code: self.category.url_in(code) for code in LANGUAGE_CODES},
            description=localized_text(self.category, "description", get_language())
            or about_site(_("The latest news in %(section)s from %(site)s."), section=self.category.name),
            **kwargs,
        )


class TagView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, **{f"slug_{get_language()}": self.kwargs["slug"]})
        return super().get_queryset().filter(tagged_items__tag=self.tag)

    def get_context_data(self, **kwargs):
        alternate_urls = {}
        for code in LANGUAGE_CODES:
            if slug := localized_text(self.tag, "slug", code):
                with translation.override(code):
                    alternate_urls[code] = reverse("articles:tag", kwargs={"slug": slug})
        description = about_site(_("Articles on %(tag)s from %(site)s."), tag=self.tag.name)
        return super().get_context_data(
            tag=self.tag, alternate_urls=alternate_urls, description=description, **kwargs
        )


class CorrectionsView(ListView):
    """The language's correction notes on live versions, newest first: what was wrong, and where."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def get_queryset(self):
        language = get_language()
        return (
            Correction.objects.filter(language=language, article__in=Article.objects.published(language))
            .select_related("article", "article__category")
            .defer(*(f"article__{name}" for name in LIST_DEFERRED))
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            alternate_urls=urls_in_every_language("articles:corrections"),
            description=about_site(_("Corrections to articles published by %(site)s, newest first.")),
            **kwargs,
        )


def _find(request, category: str, slug: str):
    """
    The published article at this address in the current language; a
    redirect for an old slug or a wrong section; a "not in this language"
    page when only the other language has it; otherwise a 404.
    """
    language = get_language()
    published = Article.objects.published(language).with_page_data()
    article = published.filter(**{f"slug_{language}": slug}).first()
    if article is None:
        moved = published.filter(slug_redirects__language=language, slug_redirects__slug=slug).first()
        if moved is not None:
            return None, redirect(moved.url_in(language), permanent=True)
        elsewhere = selectors.published_elsewhere(slug, language=language)
        if elsewhere is not None:
            article, available = elsewhere
            url = article.url_in(available)
            context = {
                "article": article,
                "available": available,
                "available_url": url,
                "missing_name": LANGUAGE_NAMES_IN_SENTENCE[language],
                "available_name": LANGUAGE_NAMES_IN_SENTENCE[available],
                "alternate_urls": {available: url},
            }
            return None, render(request, "articles/not_in_language.html", context, status=404)
        raise Http404
    if category != article.category.slug:
        return None, redirect(
            request.path.replace(f"/{category}/", f"/{article.category.slug}/", 1), permanent=True
        )
    return article, None


def switch_urls(article: Article, *, suffix: str = "") -> dict[str, str]:
    """
    Where the language switch goes: each version that is published, else the
    address that version would have, which answers "not in this language".
    """
    urls = {}
    language = get_language()
    for code in LANGUAGE_CODES:
        if article.is_published(code):
            urls[code] = article.url_in(code) + suffix
        else:
            with translation.override(code):
                urls[code] = reverse(
                    "articles:detail",
                    kwargs={
                        "category": localized_text(article.category, "slug", code),
                        "slug": localized_text(article, "slug", language),
                    },
                )
    return urls


def article_detail(request, category, slug):
    """
    One language version: ``articles/article_detail.html`` with ``article``,
    ``body`` (text blocks and photos), ``photos``, ``tags``, the sidebar and
    the other version's address. Its read is counted by its beacon (``article_read``).
    """
    article, response = _find(request, category, slug)
    if response:
        return response
    return render_article(request, article)


# The page that sends this beacon is the same cached page for every reader, so it carries no
# CSRF token, and none is needed: CSRF protection stops a site from acting with a visitor's
# session, and this uses none. A forged POST does what any reader's does, count one read of a
# published version once per reader in 30 minutes, and nothing else.
@never_cache
@csrf_exempt
@require_POST
def article_read(request, pk):
    """A page's read beacon (``data-read-url``, sent by ``newsroom/site.js``).

    Counts one read (``reads.count_read``) and always answers 204.
    """
    reads.count_read(request, article_id=pk, language=get_language())
    return HttpResponse(status=204)


def render_article(request, article: Article, *, preview: bool = False):
    language = get_language()
    other = other_language(language)
    photos = selectors.article_photos(article)
    tags = list(article.tags.all())
    # A photo story shows its text, then its photos as a gallery; others place photos in the text.
    in_gallery = article.format == Format.PHOTO
    context = {
        "article": article,
        "preview": preview,
        "body": selectors.article_body(article, language=language, photos=[] if in_gallery else photos),
        "gallery": [i.photo for i in photos if i.photo.image and i.photo_id != article.hero_photo_id]
        if in_gallery
        else [],
        "tags": tags,
        "corrections": list(article.corrections.filter(language=language)),
        "related": selectors.related_articles(article, language=language, tag_ids=[t.pk for t in tags]),
        "alternate_urls": switch_urls(article),
        "published_urls": {
            code: article.url_in(code) for code in LANGUAGE_CODES if article.is_published(code)
        },
        "bilingual_url": article.url_in(language) + "bilingual/"
        if article.is_published(other) and article.is_published(language)
        else None,
        **sidebar(language=language, article=article),
    }
    return render(request, "articles/article_detail.html", context)


def article_bilingual(request, category, slug):
    """
    Both versions side by side: ``articles/article_bilingual.html`` with
    ``pairs`` (title, lead, each paragraph and each caption in both languages).
    """
    article, response = _find(request, category, slug)
    if response:
        return response
    language = get_language()
    other = other_language(language)
    if not article.is_published(other):
        raise Http404
    photos = selectors.article_photos(article)
    context = {
        "article": article,
        "languages": (language, other),
        "pairs": selectors.bilingual_pairs(article, languages=(language, other), photos=photos),
        "alternate_urls": {code: article.url_in(code) + "bilingual/" for code in LANGUAGE_CODES},
        "article_urls": {code: article.url_in(code) for code in LANGUAGE_CODES},
    }
    return render(request, "articles/article_bilingual.html", context)
