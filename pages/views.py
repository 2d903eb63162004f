from html import unescape

from django.shortcuts import get_object_or_404, render
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language

from newsroom.languages import LANGUAGE_CODES, localized_text

from .models import Page


def page_detail(request, slug):
    """A static page: ``pages/page_detail.html`` with ``page``."""
    language = get_language()
    page = get_object_or_404(Page.objects.published(language), **{f"slug_{language}": slug})
    alternate_urls = {
        code: page.url_in(code) for code in LANGUAGE_CODES if localized_text(page, "slug", code)
    }
    context = {
        "page": page,
        "alternate_urls": alternate_urls,
        "description": Truncator(unescape(strip_tags(page.body))).words(30) or page.title,
    }
    return render(request, "pages/page_detail.html", context)
