"""The project: settings, root URLs, and the text, language and rich-text helpers every app shares."""

from .celery import app as celery_app

__all__ = ["celery_app"]
