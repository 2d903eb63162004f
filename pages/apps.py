from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages and site settings")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsroom import pagecache

        from .models import Page, SiteSettings

        pagecache.watch(Page, SiteSettings)  # the footer and menus show pages and site settings
        from .signals import purge_site_settings

        post_save.connect(purge_site_settings, sender=SiteSettings, dispatch_uid="purge_site_settings_save")
        post_delete.connect(
            purge_site_settings, sender=SiteSettings, dispatch_uid="purge_site_settings_delete"
        )
