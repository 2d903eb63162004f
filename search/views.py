"""The reader's search page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Article
from articles.views import PAGE_SIZE, about_site, urls_in_every_language
from categories.models import Category

from . import engine, highlight
from .forms import SearchForm


def search_view(request):
    """
    ``/<lang>/search/?q=``: ``search/search.html`` with the parsed ``query``,
    a page of ``results`` (each with its highlighted title and snippet), the
    section, format and date filters, and a "did you mean" ``suggestion``.
    """
    language = get_language()
    form = SearchForm(request.GET)
    form.is_valid()  # a filter that does not validate is left out, the others kept
    within = _filtered(Article.objects.published(language), form.cleaned_data, language)
    results = engine.search(request.GET.get("q", ""), language=language, within=within)
    query = results.query
    page = Paginator(results.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    by_id = Article.objects.filter(pk__in=page.object_list).with_page_data().in_bulk()
    found = [by_id[pk] for pk in page.object_list]
    for article in found:
        article.title_highlighted = highlight.highlight(article.title, query, language=language)
        article.snippet = highlight.snippet(article, query, language=language)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "query": query,
        "form": form,
        "page_obj": page,
        "results": found,
        "typo": results.typo,
        "capped": results.capped or len(results.ids) == engine.MAX_RESULTS,
        "suggestion": highlight.suggestion(query, found[:5], language=language, typo=results.typo),
        "params": params.urlencode(),
        "alternate_urls": urls_in_every_language("search:search"),
        "description": about_site(_("Search the articles of %(site)s.")),
    }
    return render(request, "search/search.html", context)


def _filtered(articles, filters: dict, language: str):
    """The search page's filters: section (with every section inside it), format, dates."""
    if section := filters.get("category"):
        articles = articles.filter(category__in=Category.objects.subtree(section))
    if filters.get("format"):
        articles = articles.filter(format=filters["format"])
    if filters.get("since"):
        articles = articles.filter(**{f"published_at_{language}__date__gte": filters["since"]})
    if filters.get("until"):
        articles = articles.filter(**{f"published_at_{language}__date__lte": filters["until"]})
    return articles
