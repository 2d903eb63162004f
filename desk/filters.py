"""The article list's filters: each version's state (scheduled included), language versions, translation."""

import operator
from functools import reduce

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import State
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES_IN_SENTENCE


class StatusFilter(admin.SimpleListFilter):
    """Articles with at least one language version in the chosen state, as the status column shows it."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value not in State.values:
            return queryset.none()
        return reduce(operator.or_, (queryset.in_state(code, value) for code in LANGUAGE_CODES))


class LanguageFilter(admin.SimpleListFilter):
    """Which language versions an article has: the translation desk's first question."""

    title = _("language versions")
    parameter_name = "versions"

    def lookups(self, request, model_admin):
        missing = [
            (f"missing-{code}", _("Missing %(language)s") % {"language": LANGUAGE_NAMES_IN_SENTENCE[code]})
            for code in LANGUAGE_CODES
        ]
        return [("both", _("In both languages")), *missing]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "both":
            return queryset.in_every_language()
        for code in LANGUAGE_CODES:
            if value == f"missing-{code}":
                return queryset.not_in_language(code)
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
        match self.value():
            case "missing":
                return queryset.missing_a_language()
            case "outdated":
                return queryset.in_every_language().filter(translation_outdated=True)
            case "current":
                return queryset.in_every_language().filter(translation_outdated=False)
        return queryset


class MyWorkFilter(admin.SimpleListFilter):
    """The person's own work: what waits for their review, what was assigned to them, their drafts."""

    title = _("my work")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [
            ("review", _("For my review")),
            ("assigned", _("Assigned to me")),
            ("drafts", _("My drafts")),
        ]

    def queryset(self, request, queryset):
        from .assignments import review_queue

        user = request.user
        match self.value():
            case "review":
                return queryset.filter(pk__in=review_queue(user).values("pk"))
            case "assigned":
                return queryset.filter(assignments__assignee=user).distinct()
            case "drafts":
                drafts = reduce(operator.or_, (Q(**{f"status_{code}": "draft"}) for code in LANGUAGE_CODES))
                return queryset.filter(drafts, created_by=user)
            case None:
                return queryset
        return queryset.none()
