"""The article list's filters: status (scheduled included), language versions, translation."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Status
from newsroom.languages import LANGUAGE_CODES


class StatusFilter(admin.SimpleListFilter):
    """Articles with at least one language version in the chosen state."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Status.choices, ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        now = timezone.now()
        condition = Q()
        for code in LANGUAGE_CODES:
            written = Q(**{f"title_{code}__gt": ""})
            if value == "scheduled":
                condition |= written & Q(
                    **{f"status_{code}": Status.PUBLISHED, f"published_at_{code}__gt": now}
                )
            else:
                condition |= written & Q(**{f"status_{code}": value})
        return queryset.filter(condition)


class LanguageFilter(admin.SimpleListFilter):
    """Which language versions an article has: the translation desk's first question."""

    title = _("language versions")
    parameter_name = "versions"

    def lookups(self, request, model_admin):
        return [
            ("both", _("Vietnamese and English")),
            ("missing-vi", _("Missing Vietnamese")),
            ("missing-en", _("Missing English")),
        ]

    def queryset(self, request, queryset):
        has = {code: Q(**{f"title_{code}__gt": ""}) for code in LANGUAGE_CODES}
        match self.value():
            case "both":
                return queryset.filter(has["vi"] & has["en"])
            case "missing-vi":
                return queryset.exclude(has["vi"])
            case "missing-en":
                return queryset.exclude(has["en"])
        return queryset


class TranslationFilter(admin.SimpleListFilter):
    """Where each article's translation stands: what the translation desk works from."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("Translation missing")),
            ("outdated", _("Translation outdated")),
            ("current", _("Translation up to date")),
        ]

    def queryset(self, request, queryset):
        both = Q(title_vi__gt="") & Q(title_en__gt="")
        match self.value():
            case "missing":
                return queryset.exclude(both)
            case "outdated":
                return queryset.filter(both, translation_outdated=True)
            case "current":
                return queryset.filter(both, translation_outdated=False)
        return queryset
