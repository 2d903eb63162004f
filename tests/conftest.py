import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils import translation

from .tools import require

#: Real-world corpora kept beside the project (seeds, feeds, exports). Tests
#: that read them skip when the folder is absent, as in a fresh clone, and fail
#: where it must be there (NEWSROOM_TEST_TOOLS=required, as in CI).
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

#: NEWSROOM_TEST_NO_SKIPS=1: a run that skipped any test fails (CI's PostgreSQL run,
#: where nothing has a reason to skip).
NO_SKIPS = os.environ.get("NEWSROOM_TEST_NO_SKIPS") == "1"
_skipped: list[str] = []


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"{path} is not here: the shared corpora are only present in CI.")
    return path


def _clear_cache():
    """Empty this run's cache: on Redis only its own keys (KEY_PREFIX), not the whole database."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{backend.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the site settings are cached) and the default language."""
    _clear_cache()
    yield
    translation.deactivate()  # a request's language outlives it in the thread


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if NO_SKIPS and _skipped and not hasattr(session.config, "workerinput"):
        session.config.get_terminal_writer().line(
            f"NEWSROOM_TEST_NO_SKIPS: {len(_skipped)} skipped, which this run does not allow: "
            + ", ".join(_skipped[:10]),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    # The test settings put uploads in a fresh temporary folder: remove it.
    if "newsroom-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
