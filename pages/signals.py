from django.core.cache import cache
from django.db import transaction

from .models import SiteSettings


def purge_site_settings(sender, **kwargs):
    transaction.on_commit(lambda: cache.delete(SiteSettings.CACHE_KEY))
