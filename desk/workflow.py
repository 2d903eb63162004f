"""
The desk's steps on one language version, each a small admin page of its own (a form, a
confirmation): send for review naming a reviewer, assign it, add an editorial note, add a
correction to a live version, take it down for a legal reason. Each view takes the
ArticleAdmin it is served by, for permissions and context; the rules are desk.roles'.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.models import Article, Correction, Status, Takedown
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized

from . import assignments, roles
from .models import Assignment, EditorialNote


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class ReviewForm(forms.Form):
    reviewer = PersonChoice(
        label=_("reviewer"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("The section's desk"),
    )


class AssignForm(forms.Form):
    assignee = PersonChoice(label=_("assignee"), queryset=get_user_model().objects.none(), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("correction"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown at the end of the article as “Correction, date: …”, in its feed item and the API."
        ),
    )


class TakedownForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The legal ground (court order, complaint number): kept with your name and the time."),
    )


def _article(object_id, language: str) -> Article:
    if language not in LANGUAGE_CODES:
        raise Http404
    try:
        article = Article.objects.select_related("category").get(pk=int(object_id))
    except (ValueError, Article.DoesNotExist):
        raise Http404 from None
    if not article.has_language(language):
        raise Http404
    return article


def _staff():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")


def _page(model_admin, request, article, language, *, form, title, intro, submit):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "language": language,
        "title": title % {"language": LANGUAGE_NAMES[language], "article": article},
        "intro": intro,
        "form": form,
        "submit": submit,
    }
    return TemplateResponse(request, "admin/articles/article/desk_step.html", context)


def _back(article):
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def review_view(model_admin, request, object_id, language):
    """Send a draft version for review, naming its reviewer (or the section's desk)."""
    article = _article(object_id, language)
    user = request.user
    current = localized(article, "status", language)
    if not (
        roles.can_edit(user, article)
        and roles.may_work_on(user, article, language)
        and Status.REVIEW in roles.allowed_statuses(user, current, language=language, article=article)
    ):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    form.fields["reviewer"].queryset = _staff().filter(
        pk__in=[u.pk for u in assignments.section_desk(article)]
    )
    if request.method == "POST" and form.is_valid():
        assignments.send_for_review(
            article=article, language=language, by=user, reviewer=form.cleaned_data["reviewer"]
        )
        model_admin.message_user(request, _("Sent for review."))
        return _back(article)
    return _page(
        model_admin,
        request,
        article,
        language,
        form=form,
        title=_("Send the %(language)s version of “%(article)s” for review"),
        intro=_(
            "The reviewer is told in the admin and by email; no reviewer named, the section's editors are."
        ),
        submit=_("Send for review"),
    )


def assign_view(model_admin, request, object_id, language):
    """Give a language version to someone to write or translate: an editor's decision."""
    article = _article(object_id, language)
    if not (roles.can_publish(request.user) and roles.may_work_on(request.user, article, language)):
        raise PermissionDenied
    current = Assignment.objects.filter(article=article, language=language).first()
    form = AssignForm(request.POST or None, initial={"assignee": current.assignee_id if current else None})
    form.fields["assignee"].queryset = _staff()
    if request.method == "POST" and form.is_valid():
        assignments.assign(
            article=article, language=language, assignee=form.cleaned_data["assignee"], by=request.user
        )
        model_admin.message_user(request, _("Assigned."))
        return _back(article)
    return _page(
        model_admin,
        request,
        article,
        language,
        form=form,
        title=_("Assign the %(language)s version of “%(article)s”"),
        intro=_("The person is told in the admin and by email."),
        submit=_("Assign"),
    )


def note_view(model_admin, request, object_id, language):
    """Add a note for the desk; readers never see it."""
    article = _article(object_id, language)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignments.add_note(
            article=article, text=form.cleaned_data["text"], by=request.user, language=language
        )
        model_admin.message_user(request, _("Note added."))
        return _back(article)
    return _page(
        model_admin,
        request,
        article,
        language,
        form=form,
        title=_("A note on the %(language)s version of “%(article)s”"),
        intro=_("For the desk only: readers never see editorial notes."),
        submit=_("Add the note"),
    )


def correction_view(model_admin, request, object_id, language):
    """Add a correction note to a live version: an editor's, within their limits."""
    article = _article(object_id, language)
    if not (roles.can_publish(request.user) and roles.may_work_on(request.user, article, language)):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_correct(
                article=article, language=language, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            model_admin.message_user(request, _("The correction is published with the article."))
            return _back(article)
    return _page(
        model_admin,
        request,
        article,
        language,
        form=form,
        title=_("A correction to the %(language)s version of “%(article)s”"),
        intro=_("Correct the text in the article itself too; the revision history keeps both."),
        submit=_("Publish the correction"),
    )


def takedown_view(model_admin, request, object_id, language):
    """Take a version off every public surface at once, for a legal reason: an editor's, within limits."""
    article = _article(object_id, language)
    if not (roles.can_publish(request.user) and roles.may_work_on(request.user, article, language)):
        raise PermissionDenied
    form = TakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.article_take_down(
            article=article, language=language, reason=form.cleaned_data["reason"], by=request.user
        )
        model_admin.message_user(
            request, _("Taken down: no public page, list, feed, sitemap, search or API shows it.")
        )
        return _back(article)
    return _page(
        model_admin,
        request,
        article,
        language,
        form=form,
        title=_("Take down the %(language)s version of “%(article)s”"),
        intro=_(
            "It leaves every public surface and every cache of this site at once. "
            "Only an editor can bring it back."
        ),
        submit=_("Take it down"),
    )


def desk_panel(article: Article, user) -> dict:
    """What the change form's desk panel shows: per language, its assignment, and the links to each step."""
    if article is None or article.pk is None:
        return {}
    found = {
        a.language: a
        for a in Assignment.objects.filter(article=article).select_related("assignee", "reviewer")
    }
    languages = []
    for code in article.languages:
        current = localized(article, "status", code)
        allowed = roles.allowed_statuses(user, current, language=code, article=article)
        editor = roles.can_publish(user) and roles.may_work_on(user, article, code)
        languages.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "assignment": found.get(code),
                "may_send": current == Status.DRAFT
                and Status.REVIEW in allowed
                and roles.may_work_on(user, article, code),
                "may_assign": editor,
                "may_correct": editor and article.is_published(code),
                "may_take_down": editor and current != Status.TAKEN_DOWN,
            }
        )
    return {
        "article": article,
        "languages": languages,
        "notes": list(EditorialNote.objects.filter(article=article).select_related("created_by")),
        "corrections": list(Correction.objects.filter(article=article).select_related("created_by")),
        "takedowns": list(Takedown.objects.filter(article=article).select_related("created_by")),
    }
