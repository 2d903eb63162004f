"""
The article's history in the admin: every revision with a word-by-word diff
against today's text and a restore button, and the preview redirect. Each
view takes the ArticleAdmin it is served by, for permissions and context.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles import services, translation_status
from articles.models import Article
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized_text

from . import preview, roles


def _article(object_id) -> Article:
    """The article an admin address names; 404 for an id that is not a number or not there."""
    try:
        return Article.objects.get(pk=int(object_id))
    except (ValueError, Article.DoesNotExist):
        raise Http404 from None


def preview_redirect(model_admin, request, object_id, language):
    """The article as readers will see it, through a fresh signed link: for its author and the desk."""
    article = _article(object_id)
    if language not in LANGUAGE_CODES or not article.has_language(language):
        raise Http404
    if not roles.can_preview(request.user, article):
        raise PermissionDenied
    return HttpResponseRedirect(preview.preview_url(article, language))


def history_view(model_admin, request, object_id):
    """Every revision of the article, newest first, each with a diff and a restore button."""
    article = _article(object_id)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": _("History of “%(article)s”") % {"article": article},
        "versions": versions,
        "changes": article.status_changes.select_related("changed_by"),
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def revision_view(model_admin, request, object_id, version_id):
    """One revision against the article as it is now, per language; POST restores it."""
    article = _article(object_id)
    version = get_object_or_404(
        Version.objects.get_for_object(article).select_related("revision__user"), pk=version_id
    )
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    may_restore = model_admin.has_change_permission(request, article) and not roles.is_translator_only(
        request.user
    )
    if request.method == "POST":
        if not may_restore:
            raise PermissionDenied
        services.article_restore(article=article, version=version, by=request.user)
        model_admin.message_user(
            request, _("The earlier version is back; the version it replaced stays in the history.")
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "title": _("Revision of %(when)s")
        % {"when": date_format(timezone.localtime(version.revision.date_created), "SHORT_DATETIME_FORMAT")},
        "version": version,
        "diffs": revision_diffs(version.field_dict, article),
        "may_restore": may_restore,
    }
    return TemplateResponse(request, "admin/articles/article/revision.html", context)


def revision_diffs(saved: dict, article: Article) -> list[dict]:
    """Per language, each text field of a revision against today's: what restoring it would change."""
    diffs = []
    for code in LANGUAGE_CODES:
        rows = []
        for name, label in (
            ("title", _("Title")),
            ("lead", _("Lead")),
            ("body", _("Body")),
            ("byline", _("Byline")),
        ):
            then = saved.get(f"{name}_{code}") or ""
            now = localized_text(article, name, code)
            if name == "body":
                then, now = (
                    "\n".join(translation_status.paragraphs(then)),
                    "\n".join(translation_status.paragraphs(now)),
                )
            if then != now:
                rows.append({"label": label, "diff": translation_status.word_diff(now, then)})
        diffs.append({"language": code, "name": LANGUAGE_NAMES[code], "rows": rows})
    return diffs
