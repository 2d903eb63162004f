"""
Who else has an article's change form open, so that two people do not write
over each other unawares. Each open form sends a heartbeat (``presence.js``,
every ``HEARTBEAT_SECONDS``); one fresher than ``FRESH_SECONDS`` counts as
someone editing. Kept in the cache (Redis in production), not the database:
it matters for a minute and is lost harmlessly. The save-time edit lock
(``opened_version``) still refuses a stale save.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from articles.models import Article

HEARTBEAT_SECONDS = 20
FRESH_SECONDS = 60


@dataclass(frozen=True)
class Editor:
    """Someone with the form open: since when, and when their last heartbeat came."""

    user_id: int
    name: str
    since: datetime
    seen: datetime

    @property
    def message(self) -> str:
        local = timezone.localtime(self.since)
        same_day = local.date() == timezone.localdate()
        when = date_format(local, "H:i" if same_day else "SHORT_DATETIME_FORMAT")
        return _("%(user)s is editing this article since %(time)s.") % {"user": self.name, "time": when}


def _key(article_id: int) -> str:
    return f"desk:presence:{article_id}"


def _fresh(entries: dict, now: datetime) -> dict:
    cutoff = now - timedelta(seconds=FRESH_SECONDS)
    return {user_id: entry for user_id, entry in entries.items() if entry["seen"] > cutoff}


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def heartbeat(*, article_id: int, user) -> list[Editor]:
    """
    Record that ``user`` has the article's form open now, and return the
    others whose heartbeat is fresh, longest there first. Two heartbeats at
    the same instant may lose one; the next, seconds later, puts it back.
    """
    now = timezone.now()
    entries = _fresh(cache.get(_key(article_id)) or {}, now)
    since = entries.get(user.pk, {}).get("since", now)
    entries[user.pk] = {"name": _name(user), "since": since, "seen": now}
    cache.set(_key(article_id), entries, timeout=FRESH_SECONDS * 2)
    return _others(entries, user)


def leave(*, article_id: int, user) -> None:
    """The user closed the form: nobody need be told they are editing any more."""
    entries = _fresh(cache.get(_key(article_id)) or {}, timezone.now())
    if entries.pop(user.pk, None) is not None:
        cache.set(_key(article_id), entries, timeout=FRESH_SECONDS * 2)


def editing(*, article_id: int, exclude=None) -> list[Editor]:
    """Who has the article's form open now, but ``exclude``."""
    return _others(_fresh(cache.get(_key(article_id)) or {}, timezone.now()), exclude)


def _others(entries: dict, user) -> list[Editor]:
    others = [
        Editor(user_id=user_id, **entry)
        for user_id, entry in entries.items()
        if user is None or user_id != user.pk
    ]
    return sorted(others, key=lambda editor: editor.since)


@never_cache
@require_POST
def heartbeat_view(request, article_id):
    """
    POST from an open change form (CSRF-checked): records the heartbeat and
    answers ``{"messages": [...]}``, who else is editing in the admin's
    language; ``leave=1`` (the page closing) forgets the sender instead.
    """
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return HttpResponseForbidden()
    if not Article.objects.filter(pk=article_id).exists():
        raise Http404
    if request.POST.get("leave"):
        leave(article_id=article_id, user=user)
        return JsonResponse({"messages": []})
    others = heartbeat(article_id=article_id, user=user)
    return JsonResponse({"messages": [editor.message for editor in others], "interval": HEARTBEAT_SECONDS})
