from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .forms import PhotoForm
from .models import Photo
from .selectors import photo_articles, photos_with_usage
from .services import PhotoAccess, PhotoChangeRefused, PhotoNotStored, photo_access, photo_save


def photo_thumbnail(photo: Photo, *, width: int = 96):
    """A small preview of a photo for admin lists and forms."""
    if not photo or not photo.image:
        return "—"
    return format_html(
        '<img src="{}" width="{}" alt="" class="photo-thumbnail" loading="lazy">',
        photo.image.url,
        width,
    )


class UseFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("unused", _("Unused")), ("used", _("Used in articles"))]

    def queryset(self, request, queryset):
        # usage_count is annotated by PhotoAdmin.get_queryset.
        if self.value() == "unused":
            return queryset.filter(usage_count=0)
        if self.value() == "used":
            return queryset.filter(usage_count__gt=0)
        return queryset


@admin.register(Photo)
class PhotoAdmin(TabbedTranslationAdmin):
    form = PhotoForm
    list_display = ["thumbnail", "__str__", "credit", "size", "usage", "created_at"]
    list_select_related = ["credit"]
    list_filter = [UseFilter, "credit"]
    search_fields = [
        "caption_vi",
        "caption_en",
        "alt_text_vi",
        "alt_text_en",
        "credit__name_vi",
        "credit__name_en",
    ]
    autocomplete_fields = ["credit"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "focal_x", "focal_y"]}),
        (_("Caption and credit"), {"fields": ["caption", "alt_text", "credit"]}),
        (_("Use"), {"fields": ["size", "used_in"]}),
    ]
    readonly_fields = ["preview", "size", "used_in"]

    class Media:
        css = {"all": ["media/admin/focal_point.css"]}
        js = ["media/admin/focal_point.js"]

    def get_queryset(self, request):
        return photos_with_usage(super().get_queryset(request))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj else fieldsets[:-1]  # a new photo has no size or use yet

    # Who may change what (media.services.photo_access), enforced here for
    # forms and direct POSTs alike, and again by photo_save.

    def access(self, request, obj: Photo) -> PhotoAccess:
        """What the person may change of the photo, worked out once a request (as stored when it began)."""
        known = request.__dict__.setdefault("_photo_access", {})
        if obj.pk not in known:
            known[obj.pk] = photo_access(photo=obj, user=request.user)
        return known[obj.pk]

    def has_change_permission(self, request, obj=None):
        if obj is None or obj.pk is None:
            return super().has_change_permission(request) or request.user.has_perm("media.translate_photo")
        return bool(self.access(request, obj).writable)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk is not None:
            writable = self.access(request, obj).writable
            every = self.replace_orig_field(
                [name for _title, options in self.fieldsets for name in options["fields"]]
            )
            readonly += [name for name in every if name not in writable and name not in readonly]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        attrs = {
            "access": self.access(request, obj) if obj is not None and obj.pk is not None else None,
            "storage_error": getattr(request, "_photo_not_stored", None),
        }
        return type(form.__name__, (form,), attrs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        photo = self.get_object(request, unquote(object_id)) if object_id is not None else None
        if photo is not None and self.has_view_permission(request, photo):
            access = self.access(request, photo)
            if request.method == "POST" and not access.writable:
                return self.refused(request, photo, access.reason)
            if request.method != "POST" and access.reason:
                self.message_user(
                    request, access.reason, messages.WARNING if not access.writable else messages.INFO
                )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PhotoChangeRefused as error:  # what changed since the form was checked: photo_save's word
            if photo is None:
                raise
            return self.refused(request, photo, str(error))
        except PhotoNotStored as error:
            # Rolled back, the partial file removed: the same post again, its form saying why.
            request._photo_not_stored = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def refused(self, request, photo: Photo, reason: str) -> TemplateResponse:
        """A refused change: 403, and why."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("Not saved"),
            "opts": self.opts,
            "original": photo,
            "reason": reason,
        }
        return TemplateResponse(request, "admin/media/photo/refused.html", context, status=403)

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        return photo_thumbnail(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        """The photo to click on to set its focal point (focal_point.js); the two numbers work without it."""
        if not obj or not obj.image:
            return "—"
        return format_html(
            '<span class="focal-point" data-focal-point>'
            '<img src="{}" alt="" width="320"><span class="focal-point__marker" hidden></span></span>'
            '<span class="help focal-point__help" hidden>{}</span>',
            obj.image.url,
            _("Click on the subject to set the focal point: teasers crop around it."),
        )

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description=_("used in"), ordering="usage_count")
    def usage(self, obj):
        return obj.usage_count

    @admin.display(description=_("used in"))
    def used_in(self, obj):
        articles = photo_articles(obj) if obj and obj.pk else []
        if not articles:
            return _("No article uses this photo.")
        main_photo = format_html(' <span class="quiet">({})</span>', _("main photo"))
        return format_html(
            '<ul class="photo-used-in">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a>{}</li>',
                (
                    (
                        reverse("admin:articles_article_change", args=[article.pk]),
                        article,
                        main_photo if article.hero_photo_id == obj.pk else "",
                    )
                    for article in articles
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        photo_save(photo=obj, by=request.user)
