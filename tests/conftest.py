import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

#: Real-world corpora kept beside the project (seeds, feeds, exports). Tests
#: that read them skip when the folder is absent, as in a fresh clone.
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here: the shared corpora are only present in CI.")
    return path


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the site settings are cached) and the default language."""
    cache.clear()
    yield
    translation.deactivate()  # a request's language outlives it in the thread


def pytest_sessionfinish(session, exitstatus):
    # The test settings put uploads in a fresh temporary folder: remove it.
    if "newsroom-test-media-" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
