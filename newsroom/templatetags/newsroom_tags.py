"""Shared template helpers: translated fields with honest fallbacks, absolute URLs, the language switch."""

from django import template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html

from newsroom.languages import (
    LANGUAGE_CODES,
    LANGUAGE_NAMES,
    LANGUAGE_OWN_NAMES,
    OPEN_GRAPH_LOCALES,
    VERSION_OWN_NAMES,
    localized_text,
)

register = template.Library()


@register.simple_tag
def translated(obj, field: str):
    """
    ``obj.<field>`` in the page's language; when only another language has it,
    that text marked with its real ``lang`` and a visible "(Vietnamese)" label,
    never passed off as this language's.
    """
    language = translation.get_language()
    if value := localized_text(obj, field, language):
        return value
    for code in LANGUAGE_CODES:
        if code != language and (value := localized_text(obj, field, code)):
            return format_html(
                '<span lang="{}">{}</span> <span class="lang-label">({})</span>',
                code,
                value,
                LANGUAGE_NAMES[code],  # in the reader's language: "(Vietnamese)" on the English site
            )
    return ""


@register.simple_tag(takes_context=True)
def absolute(context, url: str) -> str:
    """An absolute address for links leaving the site (canonical, Open Graph, share links)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request and url else url


@register.inclusion_tag("tags/language_switch.html", takes_context=True)
def language_switch(context):
    """
    Links to each edition: to the same page in that language when the view
    gives its address (``alternate_urls``), to that edition's home otherwise.
    """
    alternate_urls = context.get("alternate_urls") or {}
    current = translation.get_language()
    links = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            url = alternate_urls.get(code) or reverse("articles:home")
        label = LANGUAGE_OWN_NAMES[code]
        links.append({"code": code, "label": label, "url": url, "current": code == current})
    return {"links": links}


@register.filter
def og_locale(code: str) -> str:
    """A language's Open Graph locale: ``{{ LANGUAGE_CODE|og_locale }}`` is "vi_VN"."""
    return OPEN_GRAPH_LOCALES[code]


@register.filter
def version_name(code: str) -> str:
    """A language version's name in its own language, for a link to it: "Bản tiếng Việt"."""
    return VERSION_OWN_NAMES[code]


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (the bilingual view's texts by language)."""
    return mapping.get(key, "")


@register.filter
def iso(value) -> str:
    """A date and time as HTML's ``datetime`` attribute wants it: ISO 8601, whole seconds, local offset."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
