"""The desk's blocks on the admin home page."""

from django import template

from desk import selectors

register = template.Library()


@register.simple_tag
def needs_translation(days=7, limit=10):
    """The desk's "needs translation" list (``selectors.needs_translation``)."""
    return selectors.needs_translation(days=days, limit=limit)


@register.simple_tag
def wire_waiting():
    """What waits on the wire, per feed (``selectors.wire_waiting``)."""
    return selectors.wire_waiting()
