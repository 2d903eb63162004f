"""The article change form: the edit lock, the statuses a role allows, the caption rule."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from articles import guards, services
from articles.models import Article, Status
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized

from . import roles


class ArticleAdminForm(forms.ModelForm):
    """
    The change form, with the edit lock (``edit_version``: a save based on a
    stale copy is refused, its text kept on the form), the statuses the
    user's role allows, and the rule that keeps captionless photos off a live version.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    minor_edit = forms.BooleanField(
        label=_("Minor edit"),
        required=False,
        help_text=_("A typo or spacing fix: the translation is not marked as outdated."),
    )
    translation_checked = forms.BooleanField(
        label=_("Translation checked"),
        required=False,
        help_text=_("The translation was compared with the original and says the same: mark it up to date."),
    )
    user = None  # set by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = []  # the admin's fieldsets say which

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.edit_version
        for code in LANGUAGE_CODES:
            field = self.fields.get(f"status_{code}")
            if field is None or self.user is None:
                continue
            current = localized(self.instance, "status", code) or Status.DRAFT
            allowed = roles.allowed_statuses(self.user, current)
            field.choices = [(value, label) for value, label in field.choices if value in allowed]
            field.error_messages["invalid_choice"] = roles.STATUS_REFUSED % {
                "language": LANGUAGE_NAMES[code],
                "status": "%(value)s",
            }

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._check_not_stale(cleaned.get("opened_version"))
        # The instance still holds the stored values (_post_clean has not run):
        # the new ones are in cleaned. Only a version going live is held back.
        article = self.instance
        photos = [cleaned.get("hero_photo", article.hero_photo), *services.placed_photos(article)]
        for code in LANGUAGE_CODES:
            status = cleaned.get(f"status_{code}", localized(article, "status", code))
            going_live = status == Status.PUBLISHED and localized(article, "status", code) != Status.PUBLISHED
            if going_live and cleaned.get(f"title_{code}", localized(article, "title", code)):
                uncaptioned = guards.uncaptioned_photos(photos, code)
                if uncaptioned:
                    self.add_error(
                        f"status_{code}" if f"status_{code}" in self.fields else None,
                        guards.caption_block_message(uncaptioned, code),
                    )
        return cleaned

    def _check_not_stale(self, posted):
        # Locked until the end of the admin's transaction: two saves cannot both pass.
        current = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("edit_version", "updated_at", "updated_by__username")
            .first()
        )
        if current is None or posted == current["edit_version"]:
            return
        # The next save, once the editor has reconciled the texts, goes through.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = current["edit_version"]
        raise ValidationError(
            _(
                "%(who)s saved this article at %(when)s, after you opened it. Your changes were NOT saved: "
                "they are still in this form. Open the article in another tab to see the saved version, "
                "bring the two together here, then save again."
            )
            % {
                "who": current["updated_by__username"] or _("Someone"),
                "when": date_format(timezone.localtime(current["updated_at"]), "SHORT_DATETIME_FORMAT"),
            },
            code="stale",
        )
