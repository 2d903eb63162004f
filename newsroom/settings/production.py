"""Production: refuses to start without a secret key; secure cookies behind HTTPS."""

from .base import *

if not SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Usually the proxy in front redirects to HTTPS and sets HSTS; these let the app do it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
X_FRAME_OPTIONS = "DENY"
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")
