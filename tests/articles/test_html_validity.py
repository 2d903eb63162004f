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
            site["vietnamese_only"].url_in("vi").replace("/vi/", "/en/", 1),  # "not in English"
            "/en/no/such-page/",
        ]
        with tempfile.TemporaryDirectory() as folder:
            files = {}
            for number, url in enumerate(urls):
                path = Path(folder) / f"page-{number}.html"
                path.write_bytes(self.client.get(url).content)
                files[path.as_uri()] = url
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
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
        problems = [
            f"{files.get(m.get('url'), m.get('url'))}: {m.get('message')} ({m.get('extract', '')[:80]!r})"
            for m in messages
        ]
        self.assertEqual(problems, [])
