"""The header's page links and the footer, from the static pages and the site settings."""

from django import template
from django.utils import translation

from newsroom import pagecache
from pages.models import Page, SiteSettings

register = template.Library()


@register.inclusion_tag("tags/utility_links.html")
def utility_links():
    """Home and the static pages marked for the header (About Us, Contact)."""
    language = translation.get_language()
    pages = Page.objects.published(language).filter(show_in_header=True)
    return {"pages": pagecache.fragment("utility-links", lambda: list(pages))}


@register.inclusion_tag("tags/site_footer.html")
def site_footer():
    """The footer: the organisation's details from the site settings."""
    return {"site": SiteSettings.load()}


@register.simple_tag
def site_name():
    return SiteSettings.load().organisation_name or "Newsroom"
