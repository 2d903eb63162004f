"""
Content Security Policy for both halves of the site: django-csp's middleware with the
reader site's policy (CONTENT_SECURITY_POLICY) everywhere but the admin, which gets
ADMIN_CONTENT_SECURITY_POLICY: the same "nothing from elsewhere", plus the two inline
pieces its body editor needs, each allowed by its hash and nothing more.
"""

import base64
import functools
import hashlib
import re

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

_INLINE = re.compile(r"<script[^>]*>(.*)</script>", re.DOTALL)


def source_hash(text: str) -> str:
    """The CSP source ('sha256-…') that allows one inline script or style with exactly this text."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@functools.cache
def editor_import_map_hash() -> str:
    """The hash of the body editor's import map as the admin renders it.

    Its text holds the static files' URLs, which change with each deployment's file
    hashes, so it is computed once per process rather than written down.
    """
    from django_prose_editor.widgets import importmap

    return source_hash(_INLINE.search(importmap.render()).group(1))


def admin_policy() -> dict:
    """ADMIN_CONTENT_SECURITY_POLICY's directives, with the editor's import map allowed."""
    directives = dict(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["script-src"] = [*directives.get("script-src", []), editor_import_map_hash()]
    return default_config(directives)


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, giving the admin's pages the admin's policy."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        in_admin = request.path_info.startswith(f"/{settings.ADMIN_URL}")
        if in_admin and not report_only and parts.config is None:
            parts.config = admin_policy()
        return parts
