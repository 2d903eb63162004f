"""The client's address as the login lockout (django-axes) counts it."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind NEWSROOM_PROXY_COUNT proxies the X-Forwarded-For entry the farthest one wrote.

    Each proxy of ours appends the address it saw (nginx's $proxy_add_x_forwarded_for),
    so only the last NEWSROOM_PROXY_COUNT entries are ours; anything left of them is
    whatever the client sent, and a client could send a new address on every try.
    """
    count = settings.NEWSROOM_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count > 0 and len(forwarded) >= count and forwarded[-count]:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
