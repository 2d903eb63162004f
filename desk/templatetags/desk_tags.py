"""The desk's blocks on the admin home page."""

from django import template

from desk import selectors
from desk.models import Notification
from newsroom.languages import LANGUAGE_NAMES, localized_text

register = template.Library()


@register.simple_tag
def needs_translation(days=7, limit=10):
    """The desk's "needs translation" list (``selectors.needs_translation``)."""
    return selectors.needs_translation(days=days, limit=limit)


@register.simple_tag
def wire_waiting():
    """What waits on the wire, per feed (``selectors.wire_waiting``)."""
    return selectors.wire_waiting()


# The day's work on the admin home: each tag one selector; per-language blocks come as
# (code, name, articles), each article carrying ``version_title``, its title in that language.


def _per_language(found: dict) -> list[tuple]:
    rows = []
    for code, articles in found.items():
        for article in articles:
            article.version_title = localized_text(article, "title", code)
        rows.append((code, LANGUAGE_NAMES[code], articles))
    return rows


@register.simple_tag(takes_context=True)
def my_drafts(context, limit=10):
    """The signed-in user's drafts (``selectors.my_drafts``)."""
    return selectors.my_drafts(user=context["request"].user, limit=limit)


@register.simple_tag
def in_review(limit=10):
    """Versions waiting in review, per language (``selectors.in_review``)."""
    return _per_language(selectors.in_review(limit=limit))


@register.simple_tag
def scheduled_today(limit=20):
    """Versions going live later today (``selectors.scheduled_today``)."""
    rows = selectors.scheduled_today(limit=limit)
    for row in rows:
        row["title"] = localized_text(row["article"], "title", row["language"])
    return rows


@register.simple_tag
def most_read_today(limit=5):
    """Today's most read versions, per language (``selectors.most_read_today``)."""
    return _per_language(selectors.most_read_today(limit=limit))


@register.simple_tag(takes_context=True)
def assigned_to_me(context, limit=10):
    """The versions given to the signed-in user (``selectors.assigned_to``), each with ``title``."""
    found = selectors.assigned_to(user=context["request"].user, limit=limit)
    for assignment in found:
        assignment.title = localized_text(assignment.article, "title", assignment.language) or str(
            assignment.article
        )
    return found


@register.simple_tag
def corrections_last_week(limit=10):
    """The correction notes of the last seven days (``selectors.corrections_since``)."""
    return selectors.corrections_since(days=7, limit=limit)


@register.simple_tag(takes_context=True)
def my_notifications(context, limit=5):
    """The person's unread notifications, newest first, and how many there are."""
    unread = Notification.objects.filter(user=context["request"].user, read_at__isnull=True)
    return {"latest": list(unread[:limit]), "count": unread.count()}
