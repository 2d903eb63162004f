"""
The desk's people in the admin: each person's limits (sections, one language) on their
user page, and their notifications.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import DeskLimits, Notification


class DeskLimitsInline(admin.StackedInline):
    model = DeskLimits
    can_delete = True
    filter_horizontal = ["sections"]
    verbose_name_plural = _("desk limits")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class DeskUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, DeskLimitsInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Each person sees their own notifications; opening the list marks them read."""

    list_display = ["text_column", "created_at", "read_at"]
    list_filter = ["read_at"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return (
            request.user.is_active
            and request.user.is_staff
            and (obj is None or obj.user_id == request.user.pk)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.user_id == request.user.pk

    @admin.display(description=_("text"))
    def text_column(self, note):
        return format_html('<a href="{}">{}</a>', note.url, note.text) if note.url else note.text

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
        return response
