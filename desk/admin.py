from functools import partial

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin
from modeltranslation.translator import translator

from articles import services, translation_status
from articles.models import Article, ArticlePhoto, Source, Status, Tag
from ingest import wire as wire_desk
from ingest.models import Flag, WireItem
from media.admin import photo_thumbnail
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized, localized_text
from newsroom.richtext import rich_text_widget
from search.engine import matching_any_language

from . import assignments, presence, preview, revisions, roles, selectors, workflow
from . import people as _people_admin  # noqa: F401 (desk limits on the user's page, notifications)
from . import wire as _wire_admin  # noqa: F401 (registers the wire queue)
from .filters import LanguageFilter, MyWorkFilter, StatusFilter, TranslationFilter
from .forms import ArticleAdminForm
from .models import Assignment, PreviewKey


def _user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "—"


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

    # A translator writes words, not layout: the photos are theirs to read only.
    def has_add_permission(self, request, obj=None):
        return not roles.is_translator_only(request.user) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not roles.is_translator_only(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not roles.is_translator_only(request.user) and super().has_delete_permission(request, obj)


#: The first fields of each language's column, in this order; any other per-language field
#: of the article follows them, in the model's order.
LANGUAGE_FIELD_ORDER = ("title", "slug", "lead", "body", "byline", "status", "published_at")


def language_fields() -> list[str]:
    """The article's editable per-language fields ("title" for title_vi, title_en), in column order."""
    translated = translator.get_options_for_model(Article).all_fields
    others = [
        field.name
        for field in Article._meta.fields
        if field.name in translated and field.editable and field.name not in LANGUAGE_FIELD_ORDER
    ]
    return [name for name in LANGUAGE_FIELD_ORDER if name in translated] + others


class TitleBox(forms.Textarea):
    """A title in a box that wraps, so that a 300-character title stays in sight; a line break is a space."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 2, "class": "title-box", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return " ".join(value.splitlines()) if isinstance(value, str) else value


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    """
    Articles, the two language versions side by side (``change_form.html``:
    the original first, the translation's state beside each paragraph; tabs
    on a phone), and the shared fields below them.
    """

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "thumbnail_column",
        "title_column",
        "status_column",
        "category",
        "author_column",
        "assignee_column",
        "updated_column",
    ]
    list_display_links = ["title_column"]
    list_filter = [
        MyWorkFilter,
        StatusFilter,
        LanguageFilter,
        TranslationFilter,
        "category",
        "format",
        "featured",
    ]
    list_select_related = ["category", "hero_photo", "created_by", "updated_by"]
    search_fields = ["title_vi", "title_en", "lead_vi", "lead_en", "byline_vi", "byline_en"]
    autocomplete_fields = ["category", "source", "hero_photo"]
    prepopulated_fields = {f"slug_{code}": [f"title_{code}"] for code in LANGUAGE_CODES}
    readonly_fields = [
        "hero_preview",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
        "translation_panel",
        "preview_links",
        "status_history",
        "wire_panel",
        "desk_panel",
    ]
    date_hierarchy = "created_at"
    inlines = [ArticlePhotoInline]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    save_on_top = True
    fieldsets = [
        # Shown as one column per language (change_form.html).
        (None, {"fields": [*language_fields(), "opened_version"], "classes": ["language-versions"]}),
        (
            _("Translation and preview"),
            {"fields": ["translation_panel", "minor_edit", "translation_checked", "preview_links"]},
        ),
        (
            _("Section and topics"),
            {"fields": ["category", "format", "tags", "source", "original_language"]},
        ),
        (
            _("Main photo and placement"),
            {"fields": ["featured", "hero_photo", "hero_preview", "video_url", "video_file"]},
        ),
        (
            _("History"),
            {
                "classes": ["collapse"],
                "fields": ["created_by", "created_at", "updated_by", "updated_at", "status_history"],
            },
        ),
    ]

    class Media:
        # After Django's urlify.js, which it wraps.
        js = [
            "admin/js/urlify.js",
            "newsroom/admin/urlify_vi.js",
            "newsroom/admin/language_columns.js",
            "newsroom/admin/presence.js",
            "newsroom/admin/form_labels.js",
        ]
        css = {"all": ["newsroom/admin/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body_"):
            kwargs["widget"] = rich_text_widget()
        if db_field.name in (f"title_{code}" for code in LANGUAGE_CODES):
            kwargs["widget"] = TitleBox()
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
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(getattr(field, "widget", None), "widget", getattr(field, "widget", None))
        if isinstance(widget, forms.MultiWidget) and "class" in widget.attrs:
            # modeltranslation's class on a date and time would replace its parts' own
            # (vDateField, vTimeField), which the admin's calendar and clock look for.
            extra = widget.attrs.pop("class")
            for part in widget.widgets:
                part.attrs["class"] = " ".join(f"{part.attrs.get('class', '')} {extra}".split())
        return field

    # Who may do what (desk.roles), enforced here for forms, actions and direct POSTs alike.

    def has_change_permission(self, request, obj=None):
        return roles.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    def has_feature_permission(self, request):
        return roles.can_feature(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        user = request.user
        if not roles.can_publish(user):
            times = ("published_at", "expires_at")
            readonly += [f"{name}_{code}" for name in times for code in LANGUAGE_CODES]
        readonly += [name for name in roles.fields_outside_limits(user) if name not in readonly]
        if not roles.can_feature(user):
            readonly.append("featured")
        if obj is not None and roles.is_translator_only(user):
            # The translation's text while it is a draft or in review, nothing else.
            writable = {"opened_version", "minor_edit", "translation_checked"}
            writable.update(roles.translator_text_fields(obj))
            writable.update(roles.translator_status_fields(obj))
            every = self.replace_orig_field(
                [name for _title, options in self.fieldsets for name in options["fields"]]
            )
            readonly += [name for name in every if name not in writable and name not in readonly]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            name: sources
            for name, sources in super().get_prepopulated_fields(request, obj).items()
            if name not in readonly and not readonly.intersection(sources)
        }

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # nothing to translate, preview or look back on yet
            hidden = {
                "translation_panel",
                "minor_edit",
                "translation_checked",
                "preview_links",
                "status_history",
            }
            fieldsets = [
                (title, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
                for title, options in fieldsets
            ]
            fieldsets = [(title, options) for title, options in fieldsets if options["fields"]]
        else:
            fieldsets = [*fieldsets, (_("Desk"), {"fields": ["desk_panel"]})]
            if WireItem.objects.filter(article=obj).exists():
                fieldsets = [(_("From the wire"), {"fields": ["wire_panel"]}), *fieldsets]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            obj.desk_viewer = request.user  # for the read-only panels that depend on who looks
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One revision holds the article, its photo inline and its tags as saved together.
        with reversion.create_revision():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        handed_in = [
            code
            for code in LANGUAGE_CODES
            if change
            and form.initial.get(f"status_{code}") == Status.DRAFT
            and localized(obj, "status", code) == Status.REVIEW
        ]
        services.article_save(
            article=obj,
            by=request.user,
            minor=form.cleaned_data.get("minor_edit", False),
            translation_checked=form.cleaned_data.get("translation_checked", False),
            expected_version=form.cleaned_data.get("opened_version") if change else None,
        )
        if change:
            wire_desk.desk_saved(obj, by=request.user)
        for code in handed_in:  # sent for review from the form: its reviewer, or the section's desk, is told
            assignments.handed_in(article=obj, language=code, by=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        for warning in services.article_warnings(article):
            self.message_user(request, warning, messages.WARNING)

    def get_search_results(self, request, queryset, search_term):
        """The reader's search engine, over both languages and every status: "to lam" finds "Tô Lâm"."""
        if not search_term.strip():
            return queryset, False
        return matching_any_language(search_term, queryset), False

    # Columns

    # Columns: one line per article, every value from the list's one query (list_select_related).

    @admin.display(description=_("photo"))
    def thumbnail_column(self, obj):
        return photo_thumbnail(obj.hero_photo, width=48) if obj.hero_photo_id else ""

    @admin.display(description=_("title"), ordering="title")
    def title_column(self, obj):
        title = str(obj)
        language = next((code for code in LANGUAGE_CODES if localized_text(obj, "title", code) == title), "")
        # Cut to one line by the style sheet; the whole title shows on hovering.
        return format_html(
            '<span class="article-title" title="{}" lang="{}">{}</span>', title, language, title
        )

    @admin.display(description=_("versions and status"))
    def status_column(self, obj):
        badges = []
        for code in LANGUAGE_CODES:
            state = obj.state(code)
            title = LANGUAGE_NAMES[code]
            when = localized(obj, "published_at", code) if state else None
            if when is not None:
                title = f"{title} · {date_format(timezone.localtime(when), 'SHORT_DATETIME_FORMAT')}"
            badges.append(
                format_html(
                    '<span class="status status-{}" title="{}">{}{}</span>',
                    state or "missing",
                    title,
                    code.upper(),
                    f" · {state.label}" if state else "",
                )
            )
            if state and obj.translation_outdated and code == translation_status.target_language(obj):
                badges.append(
                    format_html(
                        '<span class="status status-outdated" title="{}">{} · {}</span>',
                        LANGUAGE_NAMES[code],
                        code.upper(),
                        _("outdated translation"),
                    )
                )
        return mark_safe(" ".join(badges))

    @admin.display(description=_("author"), ordering="created_by__username")
    def author_column(self, obj):
        return _user_name(obj.created_by)

    @admin.display(description=_("assignee"))
    def assignee_column(self, obj):
        given = [(a.language.upper(), _user_name(a.assignee)) for a in obj.assignments.all() if a.assignee_id]
        return format_html_join(mark_safe("<br>"), "{} · {}", sorted(given)) or "—"

    def get_queryset(self, request):
        # The list's assignee column, in one query for the whole page.
        assigned = Prefetch("assignments", queryset=Assignment.objects.select_related("assignee"))
        return super().get_queryset(request).prefetch_related(assigned)

    @admin.display(description=_("last change"), ordering="updated_at")
    def updated_column(self, obj):
        return format_html(
            '<time datetime="{}">{}</time><br><span class="quiet">{}</span>',
            obj.updated_at.isoformat(),
            date_format(timezone.localtime(obj.updated_at), "SHORT_DATETIME_FORMAT"),
            _user_name(obj.updated_by),
        )

    # Actions

    actions = ["publish", "publish_vi", "publish_en", "unpublish", "feature", "unfeature"]

    def _publish(self, request, queryset, languages):
        done = skipped = 0
        for article in queryset:
            for code in languages:
                if not article.has_language(code):
                    skipped += len(languages) == 1
                    continue
                if not roles.may_work_on(request.user, article, code):
                    self.message_user(request, roles.OUTSIDE_LIMITS % {"article": article}, messages.ERROR)
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

    @admin.action(description=_("Publish every written language version"), permissions=["publish"])
    def publish(self, request, queryset):
        self._publish(request, queryset, LANGUAGE_CODES)

    @admin.action(description=_("Publish the Vietnamese version"), permissions=["publish"])
    def publish_vi(self, request, queryset):
        self._publish(request, queryset, ["vi"])

    @admin.action(description=_("Publish the English version"), permissions=["publish"])
    def publish_en(self, request, queryset):
        self._publish(request, queryset, ["en"])

    @admin.action(description=_("Unpublish (every language version)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        for article in queryset:
            for code in LANGUAGE_CODES:
                services.article_unpublish(article=article, language=code, by=request.user)
        self.message_user(request, _("Unpublished."))

    @admin.action(description=_("Put in Focus (featured)"), permissions=["feature"])
    def feature(self, request, queryset):
        for article in queryset:
            services.article_set_featured(article=article, featured=True, by=request.user)
        self.message_user(request, _("Added to Focus."))

    @admin.action(description=_("Take out of Focus"), permissions=["feature"])
    def unfeature(self, request, queryset):
        for article in queryset:
            services.article_set_featured(article=article, featured=False, by=request.user)
        self.message_user(request, _("Removed from Focus."))

    @admin.display(description=_("main photo preview"))
    def hero_preview(self, obj):
        return photo_thumbnail(obj.hero_photo, width=240) if obj.hero_photo_id else "—"

    @admin.display(description=_("translation status"))
    def translation_panel(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return render_to_string(
            "admin/articles/article/translation_panel.html",
            {"states": [(LANGUAGE_NAMES[s.language], s) for s in translation_status.translation_states(obj)]},
        )

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        links = [
            (code, LANGUAGE_NAMES[code], preview.preview_url(obj, code))
            for code in LANGUAGE_CODES
            if obj.has_language(code)
        ]
        return render_to_string(
            "admin/articles/article/preview_links.html",
            {"links": links, "expires": timezone.localtime(preview.expires_at())},
        )

    @admin.display(description=_("assignments, notes, corrections"))
    def desk_panel(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        context = workflow.desk_panel(obj, obj.desk_viewer)
        return render_to_string("admin/articles/article/desk_panel.html", context)

    @admin.display(description=_("arrival"))
    def wire_panel(self, obj):
        item = WireItem.objects.filter(article=obj).select_related("feed").first() if obj else None
        if item is None:
            return "—"
        return render_to_string(
            "admin/articles/article/wire_panel.html",
            {"item": item, "flags": [Flag(flag).label for flag in item.flags]},
        )

    @admin.display(description=_("status changes"))
    def status_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        changes = obj.status_changes.select_related("changed_by")[:20]
        return render_to_string("admin/articles/article/status_history.html", {"changes": changes})

    # Preview, revoking previews, history and restore

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        # Articles' ids are numbers: any other address falls through to the admin's own 404.
        steps = [
            path(
                f"<int:object_id>/{step}/<str:language>/",
                self.admin_site.admin_view(partial(workflow.step_view(step), self)),
                name=f"{info}_{step}",
            )
            for step in workflow.STEPS
        ]
        return [
            *steps,
            path(
                "<int:object_id>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{info}_preview",
            ),
            path(
                "<int:object_id>/revoke-previews/",
                self.admin_site.admin_view(self.revoke_previews_view),
                name=f"{info}_revoke_previews",
            ),
            path(
                "<int:object_id>/history/<int:version_id>/",
                self.admin_site.admin_view(self.revision_view),
                name=f"{info}_revision",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id, language):
        return revisions.preview_redirect(self, request, object_id, language)

    def revoke_previews_view(self, request, object_id):
        """A confirmation page; its POST voids every preview link of the article given out so far."""
        article = self.get_object(request, str(object_id))
        if article is None:
            raise Http404
        if not roles.can_revoke_previews(request.user, article):
            raise PermissionDenied
        if request.method == "POST":
            preview.previews_revoke(article=article, by=request.user)
            self.message_user(request, _("Every preview link of this article given out so far is revoked."))
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Revoke the preview links of “%(article)s”") % {"article": article},
            "last_revoked": PreviewKey.objects.filter(article=article).select_related("revoked_by").first(),
        }
        return TemplateResponse(request, "admin/articles/article/revoke_previews.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_revoke_previews"] = obj is not None and roles.can_revoke_previews(request.user, obj)
        context["language_columns"] = self.language_columns(context["adminform"], obj)
        if obj is not None and obj.pk is not None:
            # Opening the form is its first heartbeat: whoever opens it next sees this user.
            context["presence_url"] = reverse("desk:presence", args=[obj.pk])
            context["presence_interval"] = presence.HEARTBEAT_SECONDS
            context["others_editing"] = presence.heartbeat(article_id=obj.pk, user=request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def language_columns(self, adminform, obj) -> list[dict]:
        """
        One column per language version, the original's first: its fields
        (``<name>_<code>`` as the form has them, read-only ones as such) and,
        in the translation's, the state of each unit beside the field it concerns.
        """
        present = set(adminform.form.fields) | set(adminform.readonly_fields)
        source = translation_status.source_language(obj) if obj is not None else LANGUAGE_CODES[0]
        target = translation_status.target_language(obj) if obj is not None else None
        units = selectors.translation_units(obj) if obj is not None else []
        states = {}
        if obj is not None and obj.pk is not None:
            states = {state.language: state for state in translation_status.translation_states(obj)}
        columns = []
        for code in sorted(LANGUAGE_CODES, key=lambda code: code != source):
            names = [f"{name}_{code}" for name in language_fields() if f"{name}_{code}" in present]
            fieldset = helpers.Fieldset(
                adminform.form,
                name=LANGUAGE_NAMES[code],
                readonly_fields=adminform.readonly_fields,
                fields=names,
                model_admin=self,
            )
            notes = {}
            if code == target and units:
                notes = {f"title_{code}": units[:1], f"lead_{code}": units[1:2], f"body_{code}": units[2:]}
            rows = []
            for line in fieldset:
                for field in line:
                    name = field.field["name"] if field.is_readonly else field.field.name
                    text = name.removesuffix(f"_{code}") in roles.TEXT_FIELDS
                    rows.append({"field": field, "units": notes.get(name, []), "lang": code if text else ""})
            columns.append(
                {
                    "code": code,
                    "name": LANGUAGE_NAMES[code],
                    "original": code == source,
                    "state": states.get(code),
                    "rows": rows,
                }
            )
        return columns

    def history_view(self, request, object_id, extra_context=None):
        return revisions.history_view(self, request, object_id)

    def revision_view(self, request, object_id, version_id):
        return revisions.revision_view(self, request, object_id, version_id)
