"""The OpenAPI schema comes from the code and names every endpoint; its docs load nothing from elsewhere."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import TestCase


class SchemaTests(TestCase):
    def test_the_schema_is_openapi_3_with_the_contracts_addresses(self):
        response = self.client.get("/api/v1/schema/")
        self.assertEqual(response.status_code, 200)
        schema = response.json()
        self.assertTrue(schema["openapi"].startswith("3."))
        self.assertEqual(
            set(schema["paths"]),
            {
                "/api/v1/{lang}/articles/",
                "/api/v1/{lang}/articles/{id}/",
                "/api/v1/{lang}/articles/{id}/ninjs/",
                "/api/v1/{lang}/categories/",
                "/api/v1/{lang}/tags/",
                "/api/v1/{lang}/search/",
            },
        )
        listing = schema["paths"]["/api/v1/{lang}/articles/"]["get"]
        names = {parameter["name"] for parameter in listing["parameters"]}
        self.assertLessEqual(
            {"section", "tag", "format", "source", "since", "until", "updated_since", "featured", "cursor"},
            names,
        )
        self.assertLessEqual({"200", "400", "404", "429"}, set(listing["responses"]))
        self.assertIn("PartnerKey", schema["components"]["securitySchemes"])

    def test_the_schema_passes_the_openapi_validator(self):
        from drf_spectacular.validation import validate_schema

        validate_schema(self.client.get("/api/v1/schema/").json())


class DocsTests(TestCase):
    def test_the_docs_page_uses_the_projects_own_files_and_no_inline_script(self):
        response = self.client.get("/api/v1/docs/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertNotIn("//cdn", html)
        self.assertNotRegex(html, r"(src|href)=\"https?://")
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        self.assertTrue(scripts)
        for attributes, body in scripts:
            self.assertIn(f'src="{settings.STATIC_URL}', attributes)
            self.assertEqual(body.strip(), "")
        for path in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
            with self.subTest(path=path):
                self.assertIsNotNone(finders.find(path), path)
        self.assertIn('data-schema-url="/api/v1/schema/"', html)
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])
        self.assertNotIn("unsafe-inline", response["Content-Security-Policy"])
