"""
Settings shared by every environment.

Everything is declared here; environment variables switch behaviour. The
leaf modules (dev, test, production) only change defaults.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "reversion",
    "django_prose_editor",
    # Refuses logins after repeated failures (see "Logins" below).
    "axes",
    # The read API (api/): Django REST framework, its OpenAPI schema, Swagger UI's files, CORS.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "newsroom",
    "categories",
    "media",
    "articles",
    "pages",
    "search",
    "desk",
    "ingest",
    "demo",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that answers by itself: the API's CORS headers (NEWSROOM_API_CORS_ORIGINS).
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "newsroom.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "api.middleware.LanguageFromAddressMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the admin's own policy (newsroom/csp.py).
    "newsroom.csp.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"


def _admin_url(value: str) -> str:
    """ADMIN_URL as a URL prefix: "desk-2f9c" or "/desk-2f9c/" both give "desk-2f9c/"."""
    prefix = value.strip().strip("/")
    parts = prefix.split("/")
    if not prefix or not all(part and all(c.isalnum() or c in "-_." for c in part) for part in parts):
        raise ImproperlyConfigured(
            f"ADMIN_URL must be a path such as 'admin/' or 'desk-2f9c/' "
            f"(letters, digits, '-', '_', '.' and '/'), not {value!r}."
        )
    return prefix + "/"


#: Where the editors' admin lives ("admin/" unless ADMIN_URL says otherwise).
ADMIN_URL = _admin_url(os.environ.get("ADMIN_URL", "admin/"))
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default (zero set-up); PostgreSQL in production and CI.
if not os.environ.get("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'newsroom.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; NORMAL sync is safe with WAL.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
# An optional read replica: anonymous readers' pages read from it, everything else
# (editors, writes, tasks, commands, migrations) uses the primary (newsroom.db).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        # Tests read the primary's test database through this alias: a replica has no schema of its own.
        test_options={"MIRROR": "default"},
    )
    DATABASE_ROUTERS = ["newsroom.db.ReplicaRouter"]
    MIDDLEWARE.insert(0, "newsroom.db.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when CACHE_URL is set, process-local memory otherwise.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// or rediss:// URL, not {CACHE_URL!r}.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: Celery with Redis as the broker. With no broker, tasks run inline.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"  # never used when eager
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
#: What beat runs (``celery -A newsroom beat``); each app adds its own periodic tasks here.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}

# Read counts (articles.reads): kept in Redis, written to the database by flush_reads every
# minute; without Redis each counted read is written as its beacon arrives. Set it to its own
# Redis database, not one that evicts keys or that cache.clear() empties.
NEWSROOM_READS_REDIS_URL = os.environ.get(
    "NEWSROOM_READS_REDIS_URL",
    CACHE_URL if CACHE_URL.startswith(("redis://", "rediss://", "unix://")) else "",
)
#: The start of every key the read counts use, so that several sites can share one Redis.
NEWSROOM_READS_KEY_PREFIX = "newsroom:reads:"
CELERY_BEAT_SCHEDULE["articles.flush_reads"] = {
    "task": "articles.tasks.flush_reads",
    "schedule": 60.0,
    # A flush queued behind a slow one is pointless: the next one takes its reads too.
    "options": {"expires": 55},
}
# Polls the registered feeds that are due (each keeps its own interval and back-off).
CELERY_BEAT_SCHEDULE["ingest.poll_feeds"] = {
    "task": "ingest.tasks.poll_feeds",
    "schedule": 60.0,
    "options": {"expires": 55},
}

# The page cache (newsroom.pagecache): readers' pages from the cache, a new
# generation on every change. It needs a cache every process shares (Redis).
_SHARED_CACHE = CACHES["default"]["BACKEND"].endswith("RedisCache")
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", _SHARED_CACHE)
# Blocks every page shares (menu, Focus, Interested) kept under the same generation.
NEWSROOM_FRAGMENT_CACHE = env_bool("NEWSROOM_FRAGMENT_CACHE", _SHARED_CACHE)
NEWSROOM_PAGE_CACHE_TIMEOUT = int(os.environ.get("NEWSROOM_PAGE_CACHE_TIMEOUT", 600))
# The read API keeps its answers under the same generation itself (api.caching), after
# counting each request against its limits.
NEWSROOM_PAGE_CACHE_EXCLUDE = [f"/{ADMIN_URL}", "/healthz", "/static/", "/media/", "/api/"]
# What readers' browsers and shared caches (a CDN) are told: browsers ask again
# each time (a 304 when nothing changed), a CDN may keep a page this long.
NEWSROOM_PAGE_MAX_AGE = int(os.environ.get("NEWSROOM_PAGE_MAX_AGE", 0))
NEWSROOM_PAGE_S_MAXAGE = int(os.environ.get("NEWSROOM_PAGE_S_MAXAGE", 60))
NEWSROOM_PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("NEWSROOM_PAGE_STALE_WHILE_REVALIDATE", 30))

# Logins: django-axes's backend first, so that a locked-out address or account is refused
# before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT failed logins from one address, or for one account from
# anywhere, that address or account is refused for AXES_COOLOFF_TIME; a successful
# login clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["ip_address"], ["username"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The client's address: behind NEWSROOM_PROXY_COUNT proxies of our own (nginx: 1), the
# entry that many places from the right of X-Forwarded-For, which the farthest of them
# wrote; the entries left of it come from the client and are never trusted.
NEWSROOM_PROXY_COUNT = int(os.environ.get("NEWSROOM_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "newsroom.clientip.client_ip"
# Only editors have sessions: one working shift, then log in again.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 12 * 3600))
LOGIN_URL = "admin:login"
# Where a login goes when "next" is missing or points elsewhere (another site).
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Vietnamese first (the default), then English.
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

# modeltranslation: never show one language's text as another's. Templates
# and selectors decide explicitly when to offer the other language, labelled.
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_ENABLE_FALLBACKS = False
MODELTRANSLATION_AUTO_POPULATE = False
# The tabbed admin needs a jQuery UI "tabs" widget; ours ships with the project.
JQUERY_UI_URL = "newsroom/admin/tabs.js"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "var" / "static")
# The "media" app holds code: uploaded files live elsewhere.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads on S3-compatible object storage when a bucket is named (pip install "newsroom[s3]").
# Keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Photos are public: plain URLs (no expiring signature) that a CDN can cache.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            # As on disk: a new upload never replaces another file of the same name.
            "file_overwrite": False,
        },
    }


def _media_sources() -> list[str]:
    """Where photos come from besides this site: the bucket's domain when uploads are on S3."""
    if not AWS_STORAGE_BUCKET_NAME:
        return []
    options = STORAGES["default"]["OPTIONS"]
    if options["custom_domain"]:
        return [f"https://{options['custom_domain']}"]
    if options["endpoint_url"]:
        return [options["endpoint_url"].rstrip("/")]
    return ["https://*.amazonaws.com"]


# The reader site allows no inline script or style and loads nothing from
# elsewhere but photos (on S3, their bucket) and the privacy-enhanced video players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media_sources()],
        "font-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The admin (newsroom/csp.py) loads nothing from elsewhere either. Its body editor adds two
# inline pieces, each allowed by hash: an import map (hashed as each deployment renders it)
# and the base stylesheet Tiptap injects, whose hash below changes only with the editor's
# version (the admin browser tests then fail, naming the new hash). Previews of a photo
# about to be uploaded are blob: images.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
        "img-src": [SELF, "data:", "blob:", *_media_sources()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

TAGGIT_CASE_INSENSITIVE = True

# The read API (/api/v1/): JSON only, anonymous or with a partner's key, limits counted in
# the default cache per client address (newsroom.clientip) or per key.
NEWSROOM_API_ANONYMOUS_RATE = os.environ.get("NEWSROOM_API_ANONYMOUS_RATE", "60/min")
NEWSROOM_API_PARTNER_RATE = os.environ.get("NEWSROOM_API_PARTNER_RATE", "1200/min")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.PartnerKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AddressRateThrottle", "api.throttling.PartnerRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.handle_exception",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Vietnamese as it is written ("Hà Nội"), not as \u escapes.
    "UNICODE_JSON": True,
    # "format" is a filter of the lists (standard, photo, video...), not a choice of renderer.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom read API",
    "DESCRIPTION": (
        "Published articles in Vietnamese (vi) and English (en), their sections and tags, and the "
        "site's search. Anonymous use is limited per address; partners send "
        "`Authorization: Api-Key <key>` for higher limits. Every answer has an ETag and a "
        "Last-Modified: ask again with If-None-Match or If-Modified-Since for a 304."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SCHEMA_PATH_PREFIX_TRIM": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ArticleFormat": "articles.models.Format"},
}
# Which other sites' pages may read the API from a browser: "*" for any, or a list of
# origins ("https://app.example.org,https://partner.example.com"); none by default.
NEWSROOM_API_CORS_ORIGINS = env_list("NEWSROOM_API_CORS_ORIGINS", "")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = NEWSROOM_API_CORS_ORIGINS == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else NEWSROOM_API_CORS_ORIGINS
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# Uploaded and imported images: refuse files bigger than this (bytes), and
# images with more pixels than this (decompression bombs).
NEWSROOM_MAX_UPLOAD_SIZE = int(os.environ.get("NEWSROOM_MAX_UPLOAD_SIZE", 20 * 1024 * 1024))
NEWSROOM_MAX_IMAGE_PIXELS = int(os.environ.get("NEWSROOM_MAX_IMAGE_PIXELS", 50_000_000))
NEWSROOM_MAX_VIDEO_SIZE = int(os.environ.get("NEWSROOM_MAX_VIDEO_SIZE", 500 * 1024 * 1024))

# Imports: what a URL may send, and how long it may take.
NEWSROOM_IMPORT_TIMEOUT = int(os.environ.get("NEWSROOM_IMPORT_TIMEOUT", 30))
# And the whole download, however slowly a server sends it.
NEWSROOM_IMPORT_DOWNLOAD_TIMEOUT = int(os.environ.get("NEWSROOM_IMPORT_DOWNLOAD_TIMEOUT", 120))
NEWSROOM_IMPORT_MAX_BYTES = int(os.environ.get("NEWSROOM_IMPORT_MAX_BYTES", 200 * 1024 * 1024))
#: How long a shared preview link of an unpublished article opens it, in seconds.
NEWSROOM_PREVIEW_MAX_AGE = int(os.environ.get("NEWSROOM_PREVIEW_MAX_AGE", 48 * 3600))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Mail: the desk's notifications (assignments, hand-ins). Printed to the console unless an
# operator names a backend (django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST...).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
