import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

ROOT = Path(__file__).resolve().parent.parent.parent


class LanguageSettingsTests(SimpleTestCase):
    def test_vietnamese_is_the_default_and_english_the_other_language(self):
        self.assertEqual(settings.LANGUAGE_CODE, "vi")
        self.assertEqual([code for code, _name in settings.LANGUAGES], ["vi", "en"])

    def test_times_are_shown_in_viet_nam_and_stored_as_utc(self):
        self.assertEqual(settings.TIME_ZONE, "Asia/Ho_Chi_Minh")
        self.assertTrue(settings.USE_TZ)


class ProductionSettingsTests(SimpleTestCase):
    def _import_settings(self, **env):
        environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
        environment.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings.production")
        return subprocess.run(
            [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
        )

    def test_refuses_to_start_without_a_secret_key(self):
        result = self._import_settings()
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set SECRET_KEY", result.stderr)

    def test_starts_with_a_secret_key_and_debug_off(self):
        result = self._import_settings(SECRET_KEY="x" * 50)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), "False")


class MigrationsTests(TestCase):
    def test_models_and_migrations_agree(self):
        out = StringIO()
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
        self.assertIn("No changes detected", out.getvalue())


class HealthTests(TestCase):
    def test_healthz_answers_when_the_database_does(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok\n")
