"""The site's chrome: header, menu, language switch and footer."""

from django import template
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from categories.models import Category
from newsroom.languages import LANGUAGE_CODES
from pages.models import Page, SiteSettings

register = template.Library()

LANGUAGE_LABELS = {"vi": "Tiếng Việt", "en": "English"}


@register.inclusion_tag("tags/language_switch.html", takes_context=True)
def language_switch(context):
    """
    Links to each edition: to the same page in that language when the view
    says it exists (``alternate_urls``), to that edition's home otherwise.
    """
    alternate_urls = context.get("alternate_urls") or {}
    current = translation.get_language()
    links = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = alternate_urls.get(code) or reverse("articles:home")
        links.append({"code": code, "label": LANGUAGE_LABELS[code], "url": url, "current": code == current})
    return {"links": links}


@register.inclusion_tag("tags/site_menu.html")
def site_menu():
    """The main menu: pages marked for the header, then top-level sections with their children."""
    language = translation.get_language()
    sections = (
        Category.objects.in_menu()
        .top_level()
        .prefetch_related(Prefetch("children", queryset=Category.objects.in_menu(), to_attr="menu_children"))
    )
    pages = Page.objects.published(language).filter(show_in_header=True)
    return {"sections": sections, "pages": pages}


@register.inclusion_tag("tags/site_footer.html")
def site_footer():
    """The footer: the organisation's details from the site settings."""
    return {"site": SiteSettings.load()}


@register.simple_tag
def site_name():
    return SiteSettings.load().organisation_name or "Newsroom"
