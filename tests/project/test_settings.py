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


class ScaleOutSettingsTests(SimpleTestCase):
    """The replica and object storage are switched on by environment variables, and only by them."""

    def _settings(self, code, **env):
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("AWS_") and k not in {"DATABASE_REPLICA_URL", "DJANGO_SETTINGS_MODULE"}
        }
        environment.update(env, SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="newsroom.settings.production")
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import django; django.setup(); from django.conf import settings; {code}",
            ],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_without_a_replica_every_query_uses_the_one_database(self):
        printed = self._settings("print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)")
        self.assertEqual(printed, "['default'] []")

    def test_a_replica_url_adds_the_replica_and_its_router(self):
        printed = self._settings(
            "print(settings.DATABASES['replica']['HOST'], settings.DATABASE_ROUTERS, settings.MIDDLEWARE[0])",
            DATABASE_REPLICA_URL="postgres://reader@db-replica:5432/newsroom",
        )
        self.assertEqual(printed, "db-replica ['newsroom.db.ReplicaRouter'] newsroom.db.ReplicaMiddleware")

    def test_uploads_stay_on_disk_without_a_bucket(self):
        printed = self._settings(
            "from django.core.files.storage import default_storage; print(default_storage.url('a.jpg'))"
        )
        self.assertEqual(printed, "/media/a.jpg")

    def test_a_bucket_puts_uploads_on_s3_compatible_storage(self):
        code = (
            "from django.core.files.storage import storages; "
            "print(type(storages['default']).__name__, storages['default'].url('photos/a.jpg'))"
        )
        printed = self._settings(
            code,
            AWS_STORAGE_BUCKET_NAME="newsroom-media",
            AWS_S3_ENDPOINT_URL="https://s3.example.org",
            AWS_S3_CUSTOM_DOMAIN="media.example.org",
            AWS_ACCESS_KEY_ID="key",
            AWS_SECRET_ACCESS_KEY="secret",
        )
        # Plain public addresses, no expiring signature: a CDN in front can cache them.
        self.assertEqual(printed, "S3Storage https://media.example.org/photos/a.jpg")


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
