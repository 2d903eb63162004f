"""
The wire queue in the admin ("Wire" / "Tin nhận về"): what arrived from feeds, wire
files and page dumps, newest first, for the desk to accept (take to edit), publish,
reject or give a section; and a later copy of an article the desk has changed, to
compare and apply. Who may do what is the desk's roles' rule:

- Reporters and editors accept items and assign their section; an item accepted by a
  reporter becomes theirs to write (they are its author), as their own stories are.
- Only editors (``articles.publish_article``) publish or reject from the queue. Items
  flagged "title needed" or "date needed" are never published from it.
- Applying a waiting update is an edit of the article: whoever may edit it.
- A person limited to some sections or one language (desk.models.DeskLimits) takes no
  item outside them, and gives none a section outside them.
"""

import difflib
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article
from categories.models import Category
from ingest import wire
from ingest.models import Flag, WireItem
from newsroom.richtext import html_to_text

from . import roles


def marked(current: str, incoming: str) -> tuple[str, str]:
    """Both texts, word by word, with what the other lacks marked <del> (now) and <ins> (incoming)."""
    old, new = current.split(), incoming.split()
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        before, after = escape(" ".join(old[i1:i2])), escape(" ".join(new[j1:j2]))
        if op == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # every word escaped above


def _rows(item: WireItem) -> list[dict]:
    rows = []
    for row in wire.changes(item):
        text = html_to_text if row["field"] == "body" else str
        row["current_marked"], row["incoming_marked"] = marked(text(row["current"]), text(row["incoming"]))
        row["label"] = Article._meta.get_field(row["field"]).verbose_name
        rows.append(row)
    return rows


class StateFilter(admin.SimpleListFilter):
    """The queue opens on what waits for the desk; the other states are one click away."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(WireItem.State.WAITING, _("Waiting")), ("all", _("All")), *WireItem.State.choices[1:]]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or WireItem.State.WAITING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or WireItem.State.WAITING
        if value == "all":
            return queryset
        return queryset.filter(state=value) if value in WireItem.State.values else queryset.none()


class AgeFilter(admin.SimpleListFilter):
    title = _("arrived")
    parameter_name = "age"
    AGES = {
        "1h": timedelta(hours=1),
        "24h": timedelta(days=1),
        "3d": timedelta(days=3),
        "7d": timedelta(days=7),
    }

    def lookups(self, request, model_admin):
        return [
            ("1h", _("In the last hour")),
            ("24h", _("In the last 24 hours")),
            ("3d", _("In the last 3 days")),
            ("7d", _("In the last 7 days")),
            ("older", _("More than 7 days ago")),
        ]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value in self.AGES:
            return queryset.filter(arrived_at__gte=now - self.AGES[value])
        if value == "older":
            return queryset.filter(arrived_at__lt=now - self.AGES["7d"])
        return queryset


class SectionFilter(admin.SimpleListFilter):
    title = _("section")
    parameter_name = "section"

    def lookups(self, request, model_admin):
        return [(str(section.pk), str(section)) for section in Category.objects.order_by("pk")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        return queryset.filter(article__category_id=value) if value.isdigit() else queryset.none()


class WireActionForm(helpers.ActionForm):
    """The admin's action bar, with the section the "assign a section" action gives."""

    section = forms.ModelChoiceField(
        label=_("section"), queryset=Category.objects.order_by("pk"), required=False
    )


@admin.register(WireItem)
class WireItemAdmin(admin.ModelAdmin):
    list_display = [
        "title_column",
        "feed",
        "language",
        "section_column",
        "flags_column",
        "state",
        "update_column",
        "arrived_at",
    ]
    list_display_links = None  # the title links to the article; the item itself is its row
    list_filter = [StateFilter, "feed", "language", SectionFilter, AgeFilter]
    list_select_related = ["feed", "article__category"]
    search_fields = ["title"]
    action_form = WireActionForm
    actions = ["accept", "publish", "reject", "assign_section"]
    list_per_page = 50

    class Media:
        css = {"all": ["newsroom/admin/admin.css"]}

    fields = [
        "title",
        "feed",
        "language",
        "state",
        "flags_column",
        "notes",
        "arrived_at",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # the item is a record of what arrived: decided by actions, edited as its article

    def has_delete_permission(self, request, obj=None):
        return False  # rejected items are kept, so that they never come back

    def has_accept_permission(self, request):
        return roles.can_take_wire(request.user)

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    # Columns

    @admin.display(description=_("title"), ordering="title")
    def title_column(self, item):
        if item.article_id is None:
            return item.title
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[item.article_id]),
            item.title,
        )

    @admin.display(description=_("section"))
    def section_column(self, item):
        return str(item.article.category) if item.article_id and item.article.category_id else "—"

    @admin.display(description=_("flags"))
    def flags_column(self, item):
        return (
            format_html_join(
                " ",
                '<span class="status status-review">{}</span>',
                ((Flag(flag).label,) for flag in item.flags),
            )
            or "—"
        )

    @admin.display(description=_("update waiting"))
    def update_column(self, item):
        if not item.pending:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:ingest_wireitem_update", args=[item.pk]), _("Compare")
        )

    # Actions

    def _each(self, request, queryset, decide, done_message):
        done = outside = 0
        for item in queryset.select_related("article"):
            if item.state != WireItem.State.WAITING or item.article is None:
                continue
            if not roles.may_work_on(request.user, item.article, item.language):
                outside += 1
                continue
            try:
                decide(item)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                done += 1
        skipped = queryset.exclude(state=WireItem.State.WAITING).count()
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d item skipped: it no longer waits for the desk.",
                    "%(n)d items skipped: they no longer wait for the desk.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )
        if outside:
            self.message_user(
                request,
                ngettext(
                    "%(n)d item skipped: it is outside the sections or the language you work on.",
                    "%(n)d items skipped: they are outside the sections or the language you work on.",
                    outside,
                )
                % {"n": outside},
                messages.WARNING,
            )
        if done:
            self.message_user(request, done_message(done))
        return done

    @admin.action(description=_("Accept to edit"), permissions=["accept"])
    def accept(self, request, queryset):
        accepted = []
        self._each(
            request,
            queryset,
            lambda item: accepted.append(wire.accept(wire=item, by=request.user)),
            lambda n: ngettext("%(n)d item accepted.", "%(n)d items accepted.", n) % {"n": n},
        )
        if len(accepted) == 1:  # straight to the article's form
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[accepted[0].pk]))
        return None

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda item: wire.publish(wire=item, by=request.user),
            lambda n: ngettext("%(n)d item published.", "%(n)d items published.", n) % {"n": n},
        )

    @admin.action(description=_("Reject (never imported again)"), permissions=["publish"])
    def reject(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda item: wire.reject(wire=item, by=request.user),
            lambda n: ngettext("%(n)d item rejected.", "%(n)d items rejected.", n) % {"n": n},
        )

    @admin.action(description=_("Assign the chosen section"), permissions=["accept"])
    def assign_section(self, request, queryset):
        try:
            section = WireActionForm.base_fields["section"].clean(request.POST.get("section"))
        except ValidationError:
            section = None
        if section is None:
            self.message_user(request, _("Choose the section to assign first."), messages.ERROR)
            return
        if not roles.in_section_limits(request.user, section.pk):
            self.message_user(request, _("You do not work on that section."), messages.ERROR)
            return
        self._each(
            request,
            queryset,
            lambda item: wire.assign_section(wire=item, category=section, by=request.user),
            lambda n: (
                ngettext("%(n)d item moved to %(section)s.", "%(n)d items moved to %(section)s.", n)
                % {"n": n, "section": section}
            ),
        )

    # A later copy: compare and apply

    def get_urls(self):
        return [
            path(
                "<int:object_id>/update/",
                self.admin_site.admin_view(self.update_view),
                name="ingest_wireitem_update",
            ),
            *super().get_urls(),
        ]

    def update_view(self, request, object_id):
        item = WireItem.objects.select_related("article", "feed").filter(pk=object_id).first()
        if item is None or item.article is None or not item.pending:
            raise Http404
        if not self.has_view_permission(request, item):
            raise PermissionDenied
        may_apply = roles.can_edit(request.user, item.article)
        if request.method == "POST":
            if not may_apply:
                raise PermissionDenied
            if "_discard" in request.POST:
                wire.discard_update(wire=item)
                self.message_user(request, _("The update was discarded; the article stays as it is."))
            else:
                try:
                    opened = request.POST.get("opened_version", "")
                    wire.apply_update(
                        wire=item, by=request.user, expected_version=int(opened) if opened.isdigit() else None
                    )
                except ValidationError as error:
                    self.message_user(request, "; ".join(error.messages), messages.ERROR)
                    return HttpResponseRedirect(request.path)
                self.message_user(
                    request, _("The update was applied; the revision history keeps the text it replaced.")
                )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[item.article_id]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": item,
            "title": _("Update from the wire: “%(title)s”") % {"title": item.article},
            "changes": _rows(item),
            "may_apply": may_apply,
            "opened_version": item.article.edit_version,
        }
        return TemplateResponse(request, "admin/ingest/wireitem/update.html", context)
