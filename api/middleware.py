from django.utils.cache import cc_delim_re

from newsroom.languages import LANGUAGE_CODES

_PREFIXES = tuple(f"/api/v1/{code}/" for code in LANGUAGE_CODES)


class LanguageFromAddressMiddleware:
    """
    The API's answers under /api/v1/<lang>/ speak the address's language, whatever
    the browser asks: drop the ``Vary: Accept-Language`` the locale middleware adds
    (outside the reader's prefixes), so that a CDN keeps one copy, not one per browser.
    Place it above ``LocaleMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(_PREFIXES) and response.has_header("Vary"):
            kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
