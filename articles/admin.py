import taggit.models
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_prose_editor.widgets import AdminProseEditorWidget
from modeltranslation.admin import TabbedTranslationAdmin

from media.admin import photo_thumbnail
from newsroom.languages import LANGUAGE_CODES, localized, localized_text

from . import services
from .models import Article, ArticlePhoto, Source, Status, Tag
from .richtext import EDITOR_EXTENSIONS
from .search import matching_any_language

LANGUAGE_NAMES = {"vi": _("Vietnamese"), "en": _("English")}

# Our Tag (named in each language) replaces taggit's own.
admin.site.unregister(taggit.models.Tag)


def rich_text_widget() -> AdminProseEditorWidget:
    """The body editor: only what the server-side sanitiser keeps."""
    return AdminProseEditorWidget(config={"extensions": EDITOR_EXTENSIONS}, preset="configurable")


@admin.register(Source)
class SourceAdmin(TabbedTranslationAdmin):
    list_display = ["name_vi", "name_en", "slug", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ["name_vi", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Tag)
class TagAdmin(TabbedTranslationAdmin):
    list_display = ["name_vi", "name_en", "slug_vi", "slug_en"]
    search_fields = ["name_vi", "name_en", "slug_vi", "slug_en"]
    prepopulated_fields = {"slug_vi": ["name_vi"], "slug_en": ["name_en"]}


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


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 1
    autocomplete_fields = ["photo"]
    fields = ["thumbnail", "photo", "captions", "credit", "position", "paragraph"]
    readonly_fields = ["thumbnail", "captions", "credit"]
    verbose_name = _("photo")
    verbose_name_plural = _("photos, in order")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo", "photo__credit")

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        return photo_thumbnail(obj.photo) if obj.photo_id else "—"

    @admin.display(description=_("caption"))
    def captions(self, obj):
        if not obj.photo_id:
            return "—"
        return format_html_join(
            "",
            '<div lang="{}"><strong>{}</strong> {}</div>',
            (
                (code, code.upper(), localized_text(obj.photo, "caption", code) or "—")
                for code in LANGUAGE_CODES
            ),
        )

    @admin.display(description=_("credit"))
    def credit(self, obj):
        return obj.photo.credit if obj.photo_id and obj.photo.credit_id else "—"


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    list_display = [
        "title_column",
        "status_column",
        "category",
        "format",
        "published_column",
        "featured",
    ]
    list_filter = [StatusFilter, LanguageFilter, "category", "format", "featured"]
    list_select_related = ["category"]
    search_fields = ["title_vi", "title_en", "lead_vi", "lead_en", "byline_vi", "byline_en"]
    autocomplete_fields = ["category", "source", "hero_photo"]
    prepopulated_fields = {f"slug_{code}": [f"title_{code}"] for code in LANGUAGE_CODES}
    readonly_fields = ["hero_preview", "created_by", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [ArticlePhotoInline]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body", "byline", "status", "published_at"]}),
        (
            _("Section and topics"),
            {"fields": ["category", "format", "tags", "source", "original_language"]},
        ),
        (
            _("Main photo and placement"),
            {"fields": ["featured", "hero_photo", "hero_preview", "video_url"]},
        ),
        (
            _("History"),
            {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        # After Django's urlify.js, which it wraps.
        js = ["admin/js/urlify.js", "newsroom/admin/urlify_vi.js"]
        css = {"all": ["newsroom/admin/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body_"):
            kwargs["widget"] = rich_text_widget()
        if db_field.name == "tags":
            widget = AutocompleteSelectMultiple(db_field, self.admin_site)
            return forms.ModelMultipleChoiceField(
                queryset=Tag.objects.all(),
                required=False,
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text,
                widget=RelatedFieldWidgetWrapper(
                    widget,
                    db_field.remote_field,
                    self.admin_site,
                    can_add_related=True,
                    can_change_related=False,
                    can_view_related=False,
                ),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, by=request.user)

    def get_search_results(self, request, queryset, search_term):
        """The reader's search engine, over both languages and every status: "to lam" finds "Tô Lâm"."""
        if not search_term.strip():
            return queryset, False
        return matching_any_language(search_term, queryset), False

    # Columns

    @admin.display(description=_("title"))
    def title_column(self, obj):
        return str(obj)

    @admin.display(description=_("versions and status"))
    def status_column(self, obj):
        return format_html_join(
            " ",
            '<span class="status status-{}" title="{}">{}{}</span>',
            (
                (
                    self._state(obj, code) if obj.has_language(code) else "missing",
                    LANGUAGE_NAMES[code],
                    code.upper(),
                    f" · {self._state_label(obj, code)}" if obj.has_language(code) else "",
                )
                for code in LANGUAGE_CODES
            ),
        )

    @admin.display(description=_("publication time"))
    def published_column(self, obj):
        times = [
            (code.upper(), date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT"))
            for code in LANGUAGE_CODES
            if obj.has_language(code) and (when := localized(obj, "published_at", code))
        ]
        return format_html_join(mark_safe("<br>"), "{} {}", times) or "—"

    @staticmethod
    def _state(obj, code):
        status = localized(obj, "status", code)
        published_at = localized(obj, "published_at", code)
        if status == Status.PUBLISHED and published_at and published_at > timezone.now():
            return "scheduled"
        return status

    def _state_label(self, obj, code):
        state = self._state(obj, code)
        return _("Scheduled") if state == "scheduled" else Status(state).label

    # Actions

    actions = ["publish", "publish_vi", "publish_en", "unpublish", "feature", "unfeature"]

    def _publish(self, request, queryset, languages):
        done = skipped = 0
        for article in queryset:
            for code in languages:
                if not article.has_language(code):
                    skipped += len(languages) == 1
                    continue
                try:
                    services.article_publish(article=article, language=code, by=request.user)
                    done += 1
                except ValidationError as error:
                    self.message_user(request, "; ".join(error.messages), messages.ERROR)
        self.message_user(
            request,
            ngettext("%(n)d version published.", "%(n)d versions published.", done) % {"n": done},
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d article skipped: it has no version in that language.",
                    "%(n)d articles skipped: they have no version in that language.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Publish every written language version"))
    def publish(self, request, queryset):
        self._publish(request, queryset, LANGUAGE_CODES)

    @admin.action(description=_("Publish the Vietnamese version"))
    def publish_vi(self, request, queryset):
        self._publish(request, queryset, ["vi"])

    @admin.action(description=_("Publish the English version"))
    def publish_en(self, request, queryset):
        self._publish(request, queryset, ["en"])

    @admin.action(description=_("Unpublish (every language version)"))
    def unpublish(self, request, queryset):
        for article in queryset:
            for code in LANGUAGE_CODES:
                services.article_unpublish(article=article, language=code, by=request.user)
        self.message_user(request, _("Unpublished."))

    @admin.action(description=_("Put in Focus (featured)"))
    def feature(self, request, queryset):
        for article in queryset:
            services.article_set_featured(article=article, featured=True, by=request.user)
        self.message_user(request, _("Added to Focus."))

    @admin.action(description=_("Take out of Focus"))
    def unfeature(self, request, queryset):
        for article in queryset:
            services.article_set_featured(article=article, featured=False, by=request.user)
        self.message_user(request, _("Removed from Focus."))

    @admin.display(description=_("main photo preview"))
    def hero_preview(self, obj):
        return photo_thumbnail(obj.hero_photo, width=240) if obj.hero_photo_id else "—"
