"""The site menu: sections in menu order with their subsections (its format links are articles_tags')."""

from django import template
from django.db.models import Prefetch

from categories.models import Category
from newsroom import pagecache

register = template.Library()


@register.inclusion_tag("tags/site_menu.html")
def site_menu():
    """
    The main menu: top-level sections with their subsections, then the format
    listings (``format_listings`` of articles_tags, which this app may not know).
    """
    sections = (
        Category.objects.in_menu()
        .top_level()
        .prefetch_related(Prefetch("children", queryset=Category.objects.in_menu(), to_attr="menu_children"))
    )
    return {"sections": pagecache.fragment("menu", lambda: list(sections))}
