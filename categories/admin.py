from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Category


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name_vi", "name_en", "parent", "menu_order", "show_in_menu"]
    list_editable = ["menu_order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name_vi", "name_en", "slug_vi", "slug_en"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug_vi": ["name_vi"], "slug_en": ["name_en"]}
    fields = ["name", "slug", "description", "parent", "menu_order", "show_in_menu"]

    class Media:
        # After Django's urlify.js, which it wraps.
        js = ["admin/js/urlify.js", "newsroom/admin/urlify_vi.js"]
