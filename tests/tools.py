"""
External tools some tests need: Debian's Chromium (browser tests), the Nu
Html Checker and axe-core (from npm, see package.json), Java for the checker.
Without them those tests skip and say how to get them; CI sets
NEWSROOM_TEST_TOOLS=required, which turns a missing tool into a failure.
"""

import os
import shutil
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("NEWSROOM_TEST_TOOLS") == "required"


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


def require_axe() -> None:
    require(AXE_JS.exists(), "axe-core is missing: run `make install` (needs npm) to get it.")
