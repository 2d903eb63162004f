"""Every kind of public page is valid HTML by the Nu Html Checker (vnu.jar, from npm)."""

import json
import subprocess
import tempfile
from pathlib import Path

from django.test import TestCase

from ..factories import make_site
from ..tools import VNU_JAR, require_validator


class HtmlValidityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_site()

    def setUp(self):
        require_validator()

    def test_every_kind_of_page_has_no_html_errors(self):
        site = self.site
        urls = [
            "/vi/",
            "/en/",
            site["economy"].url_in("vi"),
            site["viet_nam"].url_in("en"),
            "/en/tag/friendship/",
            "/vi/anh/",
            "/en/video/",
            "/en/page/about-us/",
            *(
                site[name].url_in(code)
                for name in ("main", "video", "photo_story", "infographic", "megastory")
                for code in ("vi", "en")
            ),
            site["main"].url_in("vi") + "bilingual/",
            site["main"].url_in("en") + "bilingual/",
        ]
        missing = [
            site["vietnamese_only"].url_in("vi").replace("/vi/", "/en/", 1),  # "not in English"
            "/en/no/such-page/",
        ]
        with tempfile.TemporaryDirectory() as folder:
            files = {}
            for number, url in enumerate(urls + missing):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404 if url in missing else 200, url)
                path = Path(folder) / f"page-{number}.html"
                path.write_bytes(response.content)
                files[f"file:{path}"] = url  # as the checker names them
            # A page with a known error: proof that the checker read the files and reports.
            canary = Path(folder) / "canary.html"
            canary.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p><div></p>')
            files[f"file:{canary}"] = "canary"
            result = subprocess.run(
                [
                    "java",
                    "-jar",
                    str(VNU_JAR),
                    "--errors-only",
                    "--format",
                    "json",
                    *(Path(folder).glob("*.html")),
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
        self.assertEqual(result.returncode, 1, result.stderr[-2000:])  # 1: errors found (the canary's)
        messages = json.loads(result.stderr)["messages"]
        self.assertIn("canary", {files.get(m.get("url")) for m in messages})
        problems = [
            f"{files.get(m.get('url'), m.get('url'))}: {m.get('message')} ({m.get('extract', '')[:80]!r})"
            for m in messages
            if files.get(m.get("url")) != "canary"
        ]
        self.assertEqual(problems, [])
