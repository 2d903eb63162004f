"""Partners name themselves with a key ("Authorization: Api-Key <key>"); everyone else is anonymous."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import PartnerKey

KEYWORD = "Api-Key"


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    """
    A request with a partner's key is the partner's (``request.auth`` is the
    key); one without is anonymous; one with a wrong, revoked or expired key
    is refused (401), rather than quietly served at the anonymous limits.
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as “Authorization: Api-Key <key>”."))
        try:
            key = PartnerKey.objects.find(header[1].decode("ascii"))
        except UnicodeDecodeError:
            key = None
        if key is None:
            raise exceptions.AuthenticationFailed(_("This API key is unknown, revoked or expired."))
        return (AnonymousUser(), key)

    def authenticate_header(self, request):
        return KEYWORD
