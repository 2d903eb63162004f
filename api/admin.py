from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import PartnerKey
from .services import partner_key_issue, partner_key_revoke


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    list_display = ["partner", "prefix", "created_at", "expires_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["partner", "contact", "prefix"]
    readonly_fields = ["prefix", "created_at", "revoked_at"]
    fields = [
        "partner",
        "contact",
        "expires_at",
        "sections",
        "language",
        "prefix",
        "created_at",
        "revoked_at",
    ]
    filter_horizontal = ["sections"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        secret = partner_key_issue(key=obj)  # the sections are saved after, with the form's relations
        messages.warning(
            request,
            _(
                "The key for %(partner)s is %(key)s. Copy it now: it is stored only hashed and "
                "cannot be shown again. Partners send it in the header “Authorization: Api-Key …”."
            )
            % {"partner": obj.partner, "key": secret},
        )

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        count = partner_key_revoke(keys=queryset)
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", count) % {"count": count},
            messages.SUCCESS,
        )

    def has_delete_permission(self, request, obj=None):
        # A revoked key stays listed: who had access, and until when.
        return False
