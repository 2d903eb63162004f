from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import ListView

from articles.views import PublishedArticlesMixin
from newsroom.languages import LANGUAGE_CODES

from .models import Category


class CategoryView(PublishedArticlesMixin, ListView):
    """A section page: its articles and its subsections', newest first, 20 a page."""

    template_name = "categories/category_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.category = get_object_or_404(
            Category.objects.select_related("parent"), **{f"slug_{get_language()}": self.kwargs["slug"]}
        )
        self.children = list(self.category.children.in_menu())
        sections = [self.category.pk, *(child.pk for child in self.children)]
        return super().get_queryset().filter(category__in=sections)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            children=self.children,
            feed_url=reverse("articles:category-feed", kwargs={"category": self.category.slug}),
            alternate_urls={code: self.category.url_in(code) for code in LANGUAGE_CODES},
            **kwargs,
        )
