"""Local development: DEBUG on and a throwaway key unless the environment says otherwise."""

from .base import *

DEBUG = env_bool("DEBUG", True)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"

# Serve from the source tree without collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
