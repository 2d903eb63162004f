"""
Request limits: anonymous use per client address (as the login lockout counts
it: ``newsroom.clientip``), partners per key, at the rates NEWSROOM_API_*_RATE set.
Counted in the default cache (Redis in production), shared by every process.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from newsroom.clientip import client_ip


class AddressRateThrottle(SimpleRateThrottle):
    """Anonymous requests, counted per client address."""

    scope = "anonymous"

    def get_rate(self):
        return settings.NEWSROOM_API_ANONYMOUS_RATE

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}


class PartnerRateThrottle(SimpleRateThrottle):
    """Requests with a partner's key, counted per key."""

    scope = "partner"

    def get_rate(self):
        return settings.NEWSROOM_API_PARTNER_RATE

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
