from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CategoriesConfig(AppConfig):
    name = "categories"
    verbose_name = _("Categories")

    def ready(self):
        from newsroom import pagecache

        from .models import Category

        pagecache.watch(Category)  # a section's name or place shows on every page (the menu)
