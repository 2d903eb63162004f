"""The article change form: the edit lock, the statuses a role allows, the caption rule."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles import services, translation_status
from articles.models import Article, Status
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES, LANGUAGE_NAMES_IN_SENTENCE, localized

from . import roles


class ArticleAdminForm(forms.ModelForm):
    """
    The change form, with the edit lock (``edit_version``: a save based on a
    stale copy is refused, its text kept on the form), the statuses the
    user's role allows, a translator's refused changes to a live translation,
    and the rule that keeps captionless photos off a live version.
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
            allowed = roles.allowed_statuses(self.user, current, language=code, article=self.instance)
            field.choices = [(value, label) for value, label in field.choices if value in allowed]
            field.error_messages["invalid_choice"] = roles.STATUS_REFUSED % {
                "language": LANGUAGE_NAMES[code],
                "status": "%(value)s",
            }

    def clean(self):
        cleaned_data = super().clean()
        # Those fields are read-only on the form: only a hand-made post, or one opened before the
        # version went live, carries them.
        refused = roles.refused_text_fields(self.user, self.instance) if self.user is not None else []
        if any(name in self.data for name in refused):
            language = LANGUAGE_NAMES_IN_SENTENCE[translation_status.target_language(self.instance)]
            raise ValidationError(roles.LIVE_TEXT_REFUSED % {"language": language})
        category = cleaned_data.get("category")
        if (
            self.user is not None
            and category is not None
            and not roles.in_section_limits(self.user, category.pk)
        ):
            self.add_error("category", roles.SECTION_REFUSED % {"section": category})
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted values
        expected = None
        if self.instance.pk is not None:
            # A post that does not say which version it was opened at is taken as stale.
            expected = self.cleaned_data.get("opened_version")
            expected = -1 if expected is None else expected
        try:
            services.article_check(article=self.instance, expected_version=expected)
        except services.StaleEdit as error:
            # The next save, once the editor has reconciled the texts, goes through.
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = error.current_version
            self.add_error(None, error)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
