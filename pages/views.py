from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from .models import Page


def page_detail(request, slug):
    """A static page: ``pages/page_detail.html`` with ``page``."""
    language = get_language()
    page = get_object_or_404(Page.objects.published(language), **{f"slug_{language}": slug})
    return render(request, "pages/page_detail.html", {"page": page})
