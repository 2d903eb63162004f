"""The test suite: fast hashing, the local Redis as cache, files in a temporary folder."""

import tempfile

import redis

from .base import *

DEBUG = False
SECRET_KEY = "tests-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The cache production uses: Redis (TEST_REDIS_CACHE_URL, the local one by default), a
# database of its own for each test process (xdist's gw0, gw1...: databases 1 to 12),
# as every test starts by emptying it. Without a Redis (a laptop), the in-memory
# cache; NEWSROOM_TEST_TOOLS=required (CI) makes a missing Redis an error instead.
def _test_cache() -> dict:
    base = os.environ.get("TEST_REDIS_CACHE_URL", "redis://127.0.0.1:6379").rstrip("/")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    location = f"{base}/{1 + int(worker or 0) % 12}"
    try:
        redis.Redis.from_url(location, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("NEWSROOM_TEST_TOOLS") == "required":
            raise
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    # Keys of this run only (the xdist controller's process id, shared by its workers), so
    # that two suites running at once on one machine never see or empty each other's.
    run = os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": f"test{run}",
    }


CACHES = {"default": _test_cache()}
# Reads written as they come; the tests of the Redis path name a Redis and a key prefix of their own.
NEWSROOM_READS_REDIS_URL = ""
# Every page test goes through the page cache and the shared blocks' cache.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_FRAGMENT_CACHE = env_bool("NEWSROOM_FRAGMENT_CACHE", True)
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
STATIC_ROOT = MEDIA_ROOT / "static"
STATIC_ROOT.mkdir()
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
