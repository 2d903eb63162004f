"""
Who works on what: an assignee per language version, a reviewer named when a version is
sent for review (or the section's desk: the editors whose limits cover its section), the
desk's notes on an article, and notifications of assignments and hand-ins, kept in the
admin and sent by email through Django's mail framework (console backend by default).
"""

import operator
from functools import reduce

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article, Status
from articles.services import article_save
from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES, localized

from . import roles
from .models import Assignment, EditorialNote, Notification


def _article_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def notify(users, text: str, *, url: str = "") -> list[Notification]:
    """Tell each person ``text`` in the admin, and by email when they have an address."""
    users = [user for user in dict.fromkeys(users) if user is not None]
    notes = Notification.objects.bulk_create(
        [Notification(user=user, text=text[:500], url=url) for user in users]
    )
    messages = [
        (text[:150], f"{text}\n\n{url}" if url else text, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in users
        if user.email
    ]
    if messages:
        mail.send_mass_mail(messages, fail_silently=True)  # a mail server down never stops the desk
    return notes


def section_desk(article: Article):
    """The editors who review the article's section: those with no section limits, and those covering it."""
    editors = (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="publish_article")
            | Q(user_permissions__codename="publish_article"),
            is_active=True,
            is_staff=True,
        )
        .distinct()
    )
    roles.load_limits(editors)
    return [editor for editor in editors if roles.in_section_limits(editor, article.category_id)]


@transaction.atomic
def assign(*, article: Article, language: str, assignee, by) -> Assignment:
    """Give one language version to someone to write or translate; they are told."""
    assignment, _created = Assignment.objects.update_or_create(
        article=article, language=language, defaults={"assignee": assignee, "updated_by": by}
    )
    if assignee is not None and assignee != by:
        notify(
            [assignee],
            _("%(who)s assigned you the %(language)s version of “%(article)s”.")
            % {"who": by or _("The desk"), "language": LANGUAGE_NAMES[language], "article": article},
            url=_article_url(article),
        )
    return assignment


@transaction.atomic
def send_for_review(*, article: Article, language: str, by, reviewer=None) -> Article:
    """
    Move a draft version to review (as the person's role allows: ``roles.allowed_statuses``)
    and tell its reviewer, or the section's desk when none is named.
    """
    current = localized(article, "status", language)
    if current != Status.REVIEW:
        if Status.REVIEW not in roles.allowed_statuses(by, current, language=language, article=article):
            raise PermissionError(_("You may not send this version for review."))
        setattr(article, f"status_{language}", Status.REVIEW)
        article_save(article=article, by=by)
    Assignment.objects.update_or_create(
        article=article, language=language, defaults={"reviewer": reviewer, "updated_by": by}
    )
    handed_in(article=article, language=language, by=by)
    return article


def handed_in(*, article: Article, language: str, by) -> list[Notification]:
    """A version went to review: tell its reviewer, else the section's desk (never the sender)."""
    assignment = (
        Assignment.objects.filter(article=article, language=language).select_related("reviewer").first()
    )
    reviewers = [assignment.reviewer] if assignment and assignment.reviewer else section_desk(article)
    return notify(
        [user for user in reviewers if user != by],
        _("%(who)s sent the %(language)s version of “%(article)s” for review.")
        % {"who": by or _("Someone"), "language": LANGUAGE_NAMES[language], "article": article},
        url=_article_url(article),
    )


def review_queue(user):
    """
    Articles with a version in review for this person: those they were named to review, and,
    for an editor, those of their sections no one else was named to review (the section's desk).
    """
    articles = Article.objects.filter(
        reduce(operator.or_, (Q(**{f"status_{code}": Status.REVIEW}) for code in LANGUAGE_CODES))
    )
    named = articles.filter(assignments__reviewer=user)
    if not roles.can_publish(user):
        return named.distinct()
    others = Assignment.objects.filter(reviewer__isnull=False).exclude(reviewer=user).values("article_id")
    desk = articles.exclude(pk__in=others)
    sections, _language = roles.limits(user)
    if sections is not None:
        desk = desk.filter(category_id__in=sections)
    return (named | desk).distinct()


def add_note(*, article: Article, text: str, by, language: str = "") -> EditorialNote:
    text = text.strip()
    if not text:
        raise ValueError("an empty note")
    return EditorialNote.objects.create(article=article, text=text, created_by=by, language=language)
