"""
External tools some tests need: Debian's Chromium (browser tests), the Nu
Html Checker and axe-core (from npm, see package.json), Java for the checker,
the local Redis (the production cache and read counts).
Without them those tests skip and say how to get them; CI sets
NEWSROOM_TEST_TOOLS=required, which turns a missing tool into a failure.
"""

import os
import shutil
import unittest
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("NEWSROOM_TEST_TOOLS") == "required"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


#: A moment far from midnight in Hà Nội (noon) and in UTC (5 a.m.): tests that count by
#: the day travel there (``time_machine.travel(MIDDAY, tick=True)``), so that a run
#: near midnight cannot see two days.
MIDDAY = datetime(2026, 6, 15, 5, 0, tzinfo=UTC)


def require(available: bool, reason: str) -> None:
    """Skip (or, in CI, fail) unless a tool is available."""
    if available:
        return
    if REQUIRED:
        raise RuntimeError(reason)
    raise unittest.SkipTest(reason)


def require_validator() -> None:
    require(VNU_JAR.exists(), "The Nu Html Checker is missing: run `make install` (needs npm) to get it.")
    require(
        shutil.which("java") is not None,
        "Java is missing: the Nu Html Checker needs it (apt-get install default-jre-headless).",
    )


def redis_reachable(url: str | None = None) -> bool:
    """Whether the Redis the tests use (``TEST_REDIS_URL``, the local one by default) answers."""
    import redis

    try:
        redis.Redis.from_url(url or REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


def require_axe() -> None:
    require(AXE_JS.exists(), "axe-core is missing: run `make install` (needs npm) to get it.")
