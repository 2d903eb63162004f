from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Feed


class FeedForm(forms.ModelForm):
    """The feed's password is never shown back: left empty, the stored one is kept."""

    url = forms.URLField(
        label=_("address"), max_length=1000, assume_scheme="https", help_text=_("The feed's http(s) address.")
    )
    password = forms.CharField(
        label=_("password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the stored password."),
    )
    clear_password = forms.BooleanField(label=_("remove the stored password"), required=False)

    class Meta:
        model = Feed
        fields = [
            "name",
            "url",
            "format",
            "language",
            "category",
            "source",
            "status",
            "poll_minutes",
            "active",
            "username",
            "password",
        ]

    def clean_password(self):
        return self.cleaned_data["password"] or (self.instance.password if self.instance.pk else "")

    def save(self, commit=True):
        if self.cleaned_data.get("clear_password"):
            self.instance.password = ""
        return super().save(commit)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = [
        "name",
        "format",
        "language",
        "status",
        "active",
        "last_success_at",
        "failures",
        "next_poll_at",
    ]
    list_filter = ["active", "format", "language"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["category", "source"]
    readonly_fields = [
        "password_stored",
        "last_polled_at",
        "last_success_at",
        "last_error",
        "failures",
        "next_poll_at",
        "items_created",
        "items_updated",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "url",
                    "format",
                    "language",
                    "category",
                    "source",
                    "status",
                    "poll_minutes",
                    "active",
                ]
            },
        ),
        (_("Access"), {"fields": ["username", "password", "password_stored", "clear_password"]}),
        (
            _("Polling"),
            {
                "fields": [
                    "last_polled_at",
                    "last_success_at",
                    "last_error",
                    "failures",
                    "next_poll_at",
                    "items_created",
                    "items_updated",
                ]
            },
        ),
    ]

    @admin.display(description=_("stored password"))
    def password_stored(self, feed):
        if not feed.password:
            return "—"
        # A long password's last two characters tell which one is stored; a short one shows none.
        return "•" * 8 + (feed.password[-2:] if len(feed.password) > 8 else "")
