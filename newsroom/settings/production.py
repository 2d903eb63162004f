"""
Production: refuses to start without a secret key; HTTPS only, with HSTS.

NEWSROOM_HTTPS=0 is the one switch for a plain-HTTP run (a laptop, CI's smoke run,
compose without TLS in front): no redirect to HTTPS, no HSTS, cookies sent over HTTP.
SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_HSTS_PRELOAD and SECURE_COOKIES
override it one by one (a proxy that already redirects and sets HSTS: set the first
two to 0).
"""

from .base import *

if not SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")

NEWSROOM_HTTPS = env_bool("NEWSROOM_HTTPS", True)

# The proxy in front (deploy/nginx.conf) says whether the reader's request came over HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", NEWSROOM_HTTPS)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", NEWSROOM_HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", NEWSROOM_HTTPS)
# Container health checks ask over plain HTTP from inside: never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# One year, subdomains included. Preload stays off unless asked for: a preload-listed
# domain is HTTPS-only in every browser for months after it leaves the list, a choice
# for the domain's owner, not for a default.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if NEWSROOM_HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    # security.W021, "SECURE_HSTS_PRELOAD is not True": preload is left to the
    # domain's owner (see above); SECURE_HSTS_PRELOAD=1 turns it on.
    "security.W021",
]
X_FRAME_OPTIONS = "DENY"
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")
