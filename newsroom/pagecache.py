"""
The page cache: readers' pages served from the cache, and never stale.

Every public page a reader without a session asks for is kept in the cache
under the current *generation* of the site's content. Any change readers
could see (an article, a photo's caption, a section's name, a page...)
starts a new generation on commit, so the next request of every page renders
afresh; a scheduled publication does the same when its time comes, because
each generation ends at the next such time. Nothing is purged page by page,
so no list that shows an article can be forgotten.

Apps say what concerns readers in their ``AppConfig.ready``::

    pagecache.watch(Article, ArticlePhoto)          # a save or delete starts a new generation
    pagecache.add_change_clock(next_scheduled_time) # when pages change by themselves

Editors (any request carrying a session cookie) always get fresh pages,
marked private. What a reader gets is public, fit for a shared cache: a
short ``max-age``/``s-maxage`` (the promise to CDNs), ``stale-while-revalidate``
and an ``ETag`` (``ConditionalGetMiddleware`` answers 304s).

The cache must be shared by every process (Redis, ``CACHE_URL``) for a
generation to end everywhere at once: ``NEWSROOM_PAGE_CACHE`` is on by
default only then.
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag
from django.utils.translation import get_language

from . import perrequest

STATE_KEY = "pagecache:state"
#: Statuses kept: pages, moved pages and missing pages (a missing article may be asked for often).
CACHED_STATUSES = {200, 301, 404, 410}

_clocks: list[Callable[[], datetime | None]] = []


def watch(*models) -> None:
    """A save, delete or many-to-many change of these models starts a new generation."""
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ":save", weak=False)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ":delete", weak=False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_changed, sender=through, dispatch_uid=uid + ":" + field.name, weak=False)


def add_change_clock(clock: Callable[[], datetime | None]) -> None:
    """``clock()`` tells the next time pages change by themselves (a scheduled publication), or None."""
    _clocks.append(clock)


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    content_changed()


def content_changed() -> None:
    """
    Start a new generation: now, and again once the change is committed, so a
    request that read the old content meanwhile cannot keep it as the new one's.
    For writes that send no signals (bulk_create, update()).
    """
    _end_generation()
    transaction.on_commit(_end_generation)


def _end_generation() -> None:
    cache.delete(STATE_KEY)
    perrequest.forget(STATE_KEY)


def generation() -> str:
    """The current generation, begun now if the last one ended (by a change or by the clock)."""
    return perrequest.once(STATE_KEY, _generation)


def _generation() -> str:
    state = cache.get(STATE_KEY)
    now = time.time()
    if state is None or (state["until"] is not None and now >= state["until"]):
        times = [when for clock in _clocks if (when := clock()) is not None]
        state = {"generation": uuid.uuid4().hex, "until": min(times).timestamp() if times else None}
        cache.set(STATE_KEY, state, timeout=None)
    return state["generation"]


def fragment(name: str, build: Callable[[], object], *, timeout: int | None = None):
    """
    A block many pages share (the menu, Focus, Interested), built once per
    generation and language: ``build()`` when it is not in the cache. Its value
    must pickle (lists of model instances do, with what they prefetched).
    """
    if not settings.NEWSROOM_FRAGMENT_CACHE:
        return build()
    key = f"pagecache:fragment:{generation()}:{get_language()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout or settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
    return value


def is_editor(request) -> bool:
    """Someone logged in, or who was: a session cookie. Read without touching the session."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_public_path(path: str) -> bool:
    return not path.startswith(tuple(settings.NEWSROOM_PAGE_CACHE_EXCLUDE))


def page_key(request, generation: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"  # pages hold absolute URLs
    return f"pagecache:page:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def is_shareable(response) -> bool:
    """
    A response every reader may get: a kept status, no cookie set, no view's
    own caching rule (``never_cache``, a preview's ``private``) and not
    varying by cookie (a page that read the session is someone's own).
    """
    return (
        response.status_code in CACHED_STATUSES
        and not response.cookies
        and not response.has_header("Cache-Control")
        and "cookie" not in response.get("Vary", "").lower()
        and not response.streaming
    )


def _freeze(response) -> tuple:
    """What is kept of a response: status, headers (the ETag made once, here) and content."""
    if response.status_code == 200 and not response.has_header("ETag"):
        set_response_etag(response)
    return response.status_code, list(response.items()), response.content


def _thaw(frozen: tuple) -> HttpResponse:
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _share(response) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.NEWSROOM_PAGE_MAX_AGE,
        s_maxage=settings.NEWSROOM_PAGE_S_MAXAGE,
        stale_while_revalidate=settings.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE,
    )


class PageCacheMiddleware:
    """
    Serves readers' GET and HEAD requests from the cache and keeps what it
    renders; marks editors' pages private. Place it above the session and
    locale middleware and below ``ConditionalGetMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_public_path(request.path):
            return self.get_response(request)
        if is_editor(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            return response
        if not settings.NEWSROOM_PAGE_CACHE:
            response = self.get_response(request)
            if is_shareable(response):
                _share(response)
            return response
        key = page_key(request, generation())
        frozen = cache.get(key)
        if frozen is not None:
            response = _thaw(frozen)
            _share(response)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_shareable(response):
            if request.method == "GET":
                cache.set(key, _freeze(response), timeout=settings.NEWSROOM_PAGE_CACHE_TIMEOUT)
            _share(response)
            response["X-Page-Cache"] = "miss"
        return response
