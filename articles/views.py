from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.generic import ListView

from newsroom.languages import LANGUAGE_CODES

from .models import Article, Tag
from .selectors import article_body, article_photos

PAGE_SIZE = 20


class PublishedArticlesMixin:
    """Lists of articles readers of the current language may see, newest first."""

    paginate_by = PAGE_SIZE

    def get_queryset(self):
        language = get_language()
        return Article.objects.published(language).with_card_data().newest_first(language)


class HomeView(PublishedArticlesMixin, ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"


class TagView(PublishedArticlesMixin, ListView):
    template_name = "articles/tag.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, **{f"slug_{get_language()}": self.kwargs["slug"]})
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


def article_detail(request, category, slug):
    """
    One language version of an article: ``articles/article_detail.html`` with
    ``article``, ``body`` (text blocks and photos) and ``alternate_urls``.
    Old slugs and a wrong category answer with a permanent redirect.
    """
    language = get_language()
    published = Article.objects.published(language).with_card_data()
    article = published.filter(**{f"slug_{language}": slug}).first()
    if article is None:
        moved = published.filter(slug_redirects__language=language, slug_redirects__slug=slug).first()
        if moved is None:
            raise Http404
        return redirect(moved.url_in(language), permanent=True)
    if category != article.category.slug:
        return redirect(article.url_in(language), permanent=True)
    photos = article_photos(article)
    context = {
        "article": article,
        "body": article_body(article, language=language, photos=photos),
        "alternate_urls": {
            code: article.url_in(code) for code in LANGUAGE_CODES if article.is_published(code)
        },
    }
    return render(request, "articles/article_detail.html", context)
