"""
The API rides on the page cache's generation (``newsroom.pagecache``): a
response is kept under the current generation, so any change readers could
see (a correction, a caption, an unpublishing, a scheduled time reached) is
in the next response, as on the site's pages.

Kept responses are the same for everyone, partners included (request limits are
counted before), except for a key limited to some sections: its answers are kept for
that key alone and are private to shared caches.
Every response carries an ``ETag`` (of its content) and a ``Last-Modified``
(when the API first saw the current generation); ``ConditionalGetMiddleware``
answers conditional requests with 304.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from newsroom import pagecache, perrequest

#: Kept: answers and missing items (an unknown id may be asked for often). Errors of the query are not.
KEPT_STATUSES = {200, 404}
_MODIFIED_KEY = "api:modified"


def response_key(request, generation: str, scope: str = "") -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"  # bodies hold absolute URLs
    return f"pagecache:api:{generation}:{scope}:{hashlib.sha256(address.encode()).hexdigest()}"


def generation_modified(generation: str) -> int:
    """
    When this generation began, as far as the API knows: a time in seconds that
    grows with each generation, so an If-Modified-Since from an older one never
    matches a newer one, even two in the same second.
    """

    def compute() -> int:
        state = cache.get(_MODIFIED_KEY)
        if state is not None and state["generation"] == generation:
            return state["at"]
        at = int(time.time())
        if state is not None:
            at = max(at, state["at"] + 1)
        cache.set(_MODIFIED_KEY, {"generation": generation, "at": at}, timeout=None)
        return at

    return perrequest.once(f"{_MODIFIED_KEY}:{generation}", compute)


def cached(request, *, scope: str = "") -> HttpResponse | None:
    """The kept response for this request (and ``scope``: a key's own) in this generation, if any."""
    if not settings.NEWSROOM_PAGE_CACHE:
        return None
    frozen = cache.get(response_key(request, pagecache.generation(), scope))
    if frozen is None:
        return None
    status, headers, content = frozen
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def finish(request, response, *, keep: bool, scope: str = "") -> None:
    """
    Headers every API response has; keep a GET's answer for the rest of the generation.
    An answer of a key's own (``scope``) is kept for that key only and is private to shared caches.
    """
    if response.status_code not in KEPT_STATUSES:
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        return
    generation = pagecache.generation()
    response.render()
    if not response.has_header("ETag"):
        set_response_etag(response)
    response["Last-Modified"] = http_date(generation_modified(generation))
    if scope:
        patch_cache_control(response, private=True, max_age=0)
    else:
        share(response)
    if keep and settings.NEWSROOM_PAGE_CACHE and request.method == "GET":
        frozen = (response.status_code, list(response.items()), response.content)
        cache.set(
            response_key(request, generation, scope), frozen, timeout=settings.NEWSROOM_PAGE_CACHE_TIMEOUT
        )
        response["X-Page-Cache"] = "miss"


def share(response) -> None:
    """What shared caches (a CDN) and browsers are told: as for the site's pages."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.NEWSROOM_PAGE_MAX_AGE,
        s_maxage=settings.NEWSROOM_PAGE_S_MAXAGE,
        stale_while_revalidate=settings.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE,
    )
