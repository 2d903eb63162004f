from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Photo


def photo_thumbnail(photo: Photo, *, width: int = 96):
    """A small preview of a photo for admin lists and forms."""
    if not photo or not photo.image:
        return "—"
    return format_html(
        '<img src="{}" width="{}" alt="" class="photo-thumbnail" loading="lazy">',
        photo.image.url,
        width,
    )


@admin.register(Photo)
class PhotoAdmin(TabbedTranslationAdmin):
    list_display = ["thumbnail", "__str__", "credit", "size", "created_at"]
    list_select_related = ["credit"]
    list_filter = ["credit"]
    search_fields = [
        "caption_vi",
        "caption_en",
        "alt_text_vi",
        "alt_text_en",
        "credit__name_vi",
        "credit__name_en",
    ]
    autocomplete_fields = ["credit"]
    fields = ["image", "preview", "caption", "alt_text", "credit", "size"]
    readonly_fields = ["preview", "size"]

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        return photo_thumbnail(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return photo_thumbnail(obj, width=320)

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
