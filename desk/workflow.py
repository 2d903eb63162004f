"""
The desk's steps on one language version, each a small admin page of its own (a form, a
confirmation): send for review naming a reviewer, assign it, add an editorial note, add a
correction to a live version, take it down for a legal reason (``STEPS``). Each view takes
the ArticleAdmin it is served by, for its context; who may take a step is desk.roles' rule.
"""

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass
class Step:
    """One of the desk's steps: who may take it, its form, what it does, and its page's words."""

    may: Callable  # (user, article, language) -> bool
    form: type[forms.Form]
    act: Callable  # (article, language, cleaned_data, user) -> None; ValidationError refuses
    done: str
    title: str
    intro: str
    submit: str
    prepare: Callable = lambda form, article, language: None  # choices, initial values


def _take(step: Step, model_admin, request, object_id, language):
    article = _article(object_id, language)
    if not step.may(request.user, article, language):
        raise PermissionDenied
    form = step.form(request.POST or None)
    step.prepare(form, article, language)
    if request.method == "POST" and form.is_valid():
        try:
            step.act(article, language, form.cleaned_data, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            model_admin.message_user(request, step.done)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "language": language,
        "title": step.title % {"language": LANGUAGE_NAMES[language], "article": article},
        "intro": step.intro,
        "form": form,
        "submit": step.submit,
    }
    return TemplateResponse(request, "admin/articles/article/desk_step.html", context)


def _may_send(user, article, language) -> bool:
    current = localized(article, "status", language)
    return (
        roles.can_edit(user, article)
        and roles.may_work_on(user, article, language)
        and Status.REVIEW in roles.allowed_statuses(user, current, language=language, article=article)
    )


def _editor_here(user, article, language) -> bool:
    return roles.can_publish(user) and roles.may_work_on(user, article, language)


def _reviewers(form, article, language):
    form.fields["reviewer"].queryset = _staff().filter(
        pk__in=[u.pk for u in assignments.section_desk(article)]
    )


def _assignees(form, article, language):
    form.fields["assignee"].queryset = _staff()
    current = Assignment.objects.filter(article=article, language=language).first()
    form.fields["assignee"].initial = current.assignee_id if current else None


STEPS = {
    "review": Step(
        may=_may_send,
        form=ReviewForm,
        prepare=_reviewers,
        act=lambda article, language, data, user: assignments.send_for_review(
            article=article, language=language, by=user, reviewer=data["reviewer"]
        ),
        done=_("Sent for review."),
        title=_("Send the %(language)s version of “%(article)s” for review"),
        intro=_(
            "The reviewer is told in the admin and by email; no reviewer named, the section's editors are."
        ),
        submit=_("Send for review"),
    ),
    "assign": Step(
        may=_editor_here,
        form=AssignForm,
        prepare=_assignees,
        act=lambda article, language, data, user: assignments.assign(
            article=article, language=language, assignee=data["assignee"], by=user
        ),
        done=_("Assigned."),
        title=_("Assign the %(language)s version of “%(article)s”"),
        intro=_("The person is told in the admin and by email."),
        submit=_("Assign"),
    ),
    "note": Step(
        may=lambda user, article, language: user.has_perm("articles.view_article"),
        form=NoteForm,
        act=lambda article, language, data, user: assignments.add_note(
            article=article, text=data["text"], by=user, language=language
        ),
        done=_("Note added."),
        title=_("A note on the %(language)s version of “%(article)s”"),
        intro=_("For the desk only: readers never see editorial notes."),
        submit=_("Add the note"),
    ),
    "correction": Step(
        may=_editor_here,
        form=CorrectionForm,
        act=lambda article, language, data, user: services.article_correct(
            article=article, language=language, text=data["text"], by=user
        ),
        done=_("The correction is published with the article."),
        title=_("A correction to the %(language)s version of “%(article)s”"),
        intro=_("Correct the text in the article itself too; the revision history keeps both."),
        submit=_("Publish the correction"),
    ),
    "takedown": Step(
        may=_editor_here,
        form=TakedownForm,
        act=lambda article, language, data, user: services.article_take_down(
            article=article, language=language, reason=data["reason"], by=user
        ),
        done=_("Taken down: no public page, list, feed, sitemap, search or API shows it."),
        title=_("Take down the %(language)s version of “%(article)s”"),
        intro=_(
            "It leaves every public surface and every cache of this site at once. "
            "Only an editor can bring it back."
        ),
        submit=_("Take it down"),
    ),
}


def step_view(name: str):
    """The admin view of one step (``STEPS``), for ArticleAdmin.get_urls."""

    def view(model_admin, request, object_id, language):
        return _take(STEPS[name], model_admin, request, object_id, language)

    return view


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
