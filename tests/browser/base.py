"""
Real-browser tests: Debian's Chromium driven headless by Playwright, never a
downloaded browser. Without Chromium they skip, saying how to enable them
(see tests/tools.py); in CI a missing browser fails instead.
"""

import os

from django.contrib.staticfiles.testing import StaticLiveServerTestCase

from ..tools import CHROMIUM, require

# The flags keep Chromium off the network: no updates, sync or metrics.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _playwright_installed() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return True


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


class BrowserTestCase(StaticLiveServerTestCase):
    """A live server and one headless Chromium shared by the tests of a class."""

    @classmethod
    def setUpClass(cls):
        require(
            bool(CHROMIUM), "Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH."
        )
        require(_playwright_installed(), "Playwright is not installed: pip install -e '.[dev]'.")
        # Playwright's sync API runs an event loop in this thread; the ORM
        # calls the tests make around it are still synchronous. Only while
        # these tests run: the rest of the suite keeps Django's guard.
        before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        cls.addClassCleanup(_restore_env, "DJANGO_ALLOW_ASYNC_UNSAFE", before)
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "browser"):
            cls.browser.close()
            cls._playwright.stop()
        super().tearDownClass()

    @staticmethod
    def _close(context):
        """
        Close the pages without leaving a request in flight: the test database is emptied
        next, and a request the server is still answering then (an admin form's heartbeat,
        its goodbye sent as the page closes, a reader's read beacon) would hold a table it
        has to empty.
        """
        from playwright.sync_api import Error as PlaywrightError

        context.route("**/*", lambda route: route.abort())  # the test is over: nothing more is sent
        for page in context.pages:
            try:
                page.goto("about:blank")
                page.wait_for_load_state("networkidle", timeout=5000)
            except PlaywrightError:  # a page already gone has nothing in flight
                pass
        context.close()

    def new_page(self, *, user=None, locale="vi-VN", width=1280, height=900, bypass_csp=False):
        """
        A fresh browser page, logged in as ``user`` when given. JavaScript
        errors and Content-Security-Policy refusals on it fail the test.
        """
        context = self.browser.new_context(
            locale=locale, viewport={"width": width, "height": height}, bypass_csp=bypass_csp
        )
        self.addCleanup(self._close, context)
        if user is not None:
            self.client.force_login(user)
            session = self.client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": session, "url": self.live_server_url}])
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda message: (
                errors.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        self.addCleanup(lambda: self.assertEqual(errors, [], "JavaScript errors or CSP refusals on the page"))
        return page
