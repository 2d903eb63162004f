"""
The production deployment's security: Django's deploy check passes on the settings
as they ship, HTTPS and HSTS are on unless switched off, health checks stay on HTTP.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent.parent
#: What an operator must set; nothing else.
MINIMAL_ENV = {
    "SECRET_KEY": "k7#Qv9!mZ2@xL4$wR8^tN6&pB3*yH5(cJ1)dF0-gS" * 2,
    "ALLOWED_HOSTS": "news.example.org",
}
SILENCED = "from django.conf import settings; print(*settings.SILENCED_SYSTEM_CHECKS)"
COOKIES_SECURE = (
    "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
)


def run_production(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run Python under the production settings with only PATH, the minimal variables and env."""
    environment = {"PATH": os.environ["PATH"], "HOME": tempfile.gettempdir(), **MINIMAL_ENV, **env}
    environment["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.production"
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True)


CLIENT_CODE = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
https = {"HTTP_X_FORWARDED_PROTO": "https"}
for path, kwargs in [("/healthz", {}), ("/robots.txt", {}), ("/robots.txt", https)]:
    response = client.get(path, **kwargs)
    print(path, kwargs.get("HTTP_X_FORWARDED_PROTO", "http"), response.status_code,
          response.get("Location", "-"), response.get("Strict-Transport-Security", "-"))
"""


class DeployCheckTests(SimpleTestCase):
    def test_the_deploy_check_finds_nothing_with_only_a_secret_key_and_hosts(self):
        result = run_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("System check identified no issues", result.stdout)

    def test_every_silenced_check_is_named_with_its_reason_in_the_settings(self):
        text = (ROOT / "newsroom" / "settings" / "production.py").read_text()
        result = run_production(["-c", SILENCED])
        self.assertEqual(result.returncode, 0, result.stderr)
        for check in result.stdout.split():
            self.assertRegex(text, rf"# {check}, \"[^\"]+\": \w+", f"{check} is silenced without a reason")


class HttpsTests(SimpleTestCase):
    def _requests(self, **env: str) -> list[str]:
        with tempfile.TemporaryDirectory() as tmp:
            result = run_production(
                ["-c", CLIENT_CODE],
                ALLOWED_HOSTS="testserver",
                DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
                **env,
            )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip().splitlines()

    def test_plain_http_is_redirected_to_https_and_https_gets_a_year_of_hsts(self):
        healthz, http, https = self._requests()
        # Container health checks ask over HTTP from inside the container.
        self.assertEqual(healthz, "/healthz http 200 - -")
        self.assertEqual(http, "/robots.txt http 301 https://testserver/robots.txt -")
        self.assertTrue(https.startswith("/robots.txt https 200 "), https)
        self.assertTrue(https.endswith(" max-age=31536000; includeSubDomains"), https)

    def test_the_switch_serves_plain_http_without_redirect_or_hsts(self):
        healthz, http, https = self._requests(NEWSROOM_HTTPS="0")
        self.assertEqual(healthz, "/healthz http 200 - -")
        self.assertNotIn("https://", http)
        self.assertTrue(https.endswith(" -"), https)

    def test_the_older_variables_still_override_one_by_one(self):
        _healthz, http, https = self._requests(SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="600")
        self.assertNotIn("https://", http)
        self.assertTrue(https.endswith(" max-age=600; includeSubDomains"), https)
        code = COOKIES_SECURE
        self.assertEqual(run_production(["-c", code]).stdout.strip(), "True True")
        self.assertEqual(run_production(["-c", code], SECURE_COOKIES="0").stdout.strip(), "False False")
        self.assertEqual(run_production(["-c", code], NEWSROOM_HTTPS="0").stdout.strip(), "False False")


ADMIN_URL_CODE = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
from django.urls import Resolver404, resolve
for path in ["/desk-2f9c/login/", "/admin/login/"]:
    try:
        print(path, resolve(path).view_name)
    except Resolver404:
        print(path, "not found")
print(client.get("/robots.txt").content.decode())
"""


class AdminAddressTests(SimpleTestCase):
    def test_the_admin_moves_to_the_address_admin_url_names(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run_production(
                ["-c", ADMIN_URL_CODE],
                ADMIN_URL="/desk-2f9c/",
                ALLOWED_HOSTS="testserver",
                NEWSROOM_HTTPS="0",
                DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
            )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("/desk-2f9c/login/ admin:login", result.stdout)
        self.assertIn("/admin/login/ not found", result.stdout)
        self.assertIn("Disallow: /desk-2f9c/", result.stdout)

    def test_an_admin_url_that_is_not_a_path_is_refused_by_name(self):
        result = run_production(["manage.py", "check"], ADMIN_URL="../x y")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ADMIN_URL must be a path", result.stderr)
