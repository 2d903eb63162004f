"""The test suite: fast hashing, in-memory cache, files in a temporary folder."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "tests-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Reads written as they come; the tests of the Redis path name a Redis and a key prefix of their own.
NEWSROOM_READS_REDIS_URL = ""
# One process per test run: the in-memory cache is shared enough, and every page test goes through it.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_FRAGMENT_CACHE = env_bool("NEWSROOM_FRAGMENT_CACHE", True)
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
STATIC_ROOT = MEDIA_ROOT / "static"
STATIC_ROOT.mkdir()
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
