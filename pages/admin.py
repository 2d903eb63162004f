from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from newsroom.richtext import rich_text_widget

from .models import Page, SiteSettings


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["title_vi", "title_en", "is_published", "show_in_header", "menu_order"]
    list_editable = ["is_published", "show_in_header", "menu_order"]
    search_fields = ["title_vi", "title_en"]
    prepopulated_fields = {"slug_vi": ["title_vi"], "slug_en": ["title_en"]}
    fields = ["title", "slug", "body", "is_published", "show_in_header", "menu_order"]

    class Media:
        # After Django's urlify.js, which it wraps.
        js = ["admin/js/urlify.js", "newsroom/admin/urlify_vi.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body_"):
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(SiteSettings)
class SiteSettingsAdmin(TabbedTranslationAdmin):
    """One row: adding is offered only until it exists, deleting never."""

    list_display = ["__str__", "organisation_name", "email"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
