from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.generic import ListView

from articles.views import PublishedArticlesMixin

from .models import Category


class CategoryView(PublishedArticlesMixin, ListView):
    """A section page: its articles and those of its child sections, newest first."""

    template_name = "categories/category_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.category = get_object_or_404(
            Category.objects.select_related("parent"),
            **{f"slug_{get_language()}": self.kwargs["slug"]},
        )
        sections = [self.category.pk, *self.category.children.values_list("pk", flat=True)]
        return super().get_queryset().filter(category__in=sections)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)
