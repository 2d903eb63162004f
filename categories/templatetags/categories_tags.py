"""The site menu: sections in menu order with their subsections, then the format listings."""

from django import template
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from categories.models import Category

register = template.Library()


@register.inclusion_tag("tags/site_menu.html")
def site_menu():
    """The main menu: top-level sections with their subsections, then the format listings."""
    sections = (
        Category.objects.in_menu()
        .top_level()
        .prefetch_related(Prefetch("children", queryset=Category.objects.in_menu(), to_attr="menu_children"))
    )
    formats = [
        (reverse("articles:format-video"), _("Video")),
        (reverse("articles:format-photo"), _("Photo")),
        (reverse("articles:format-infographic"), _("Infographics")),
        (reverse("articles:format-megastory"), _("Mega story")),
    ]
    return {"sections": sections, "formats": formats}
