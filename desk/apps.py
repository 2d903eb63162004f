from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editorial desk")

    def ready(self):
        import taggit.models
        from django.contrib import admin

        # Our Tag (named in each language, in the articles app) replaces taggit's own.
        if admin.site.is_registered(taggit.models.Tag):
            admin.site.unregister(taggit.models.Tag)
