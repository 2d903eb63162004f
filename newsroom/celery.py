"""
Background work on Celery, Redis as the broker (``CELERY_BROKER_URL``).
Without a broker every task runs inline where it is queued, so a local
``make run`` needs nothing but Python.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
