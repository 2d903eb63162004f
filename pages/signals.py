from django.core.cache import cache
from django.db import transaction

from newsroom import perrequest

from .models import SiteSettings


def purge_site_settings(sender, **kwargs):
    transaction.on_commit(_purge)


def _purge() -> None:
    cache.delete(SiteSettings.CACHE_KEY)
    perrequest.forget(SiteSettings.CACHE_KEY)
