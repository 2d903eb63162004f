from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Format
from categories.models import Category


class SearchForm(forms.Form):
    """The search page's filters; bad values are dropped, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=1000)
    category = forms.ModelChoiceField(
        label=_("Section"), queryset=Category.objects.all(), required=False, empty_label=_("All sections")
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("All formats")), *Format.choices], required=False
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
