"""
The desk's roles and what each may do to an article, checked on the server
by the admin (forms, actions, direct POSTs) and the services alike.

- Reporter: writes articles, edits their own until one of its versions goes
  live, sends them for review; cannot publish or feature. Uploads photos and
  changes those no live version of an article shows.
- Translator: edits the translation (the version not in the article's
  original language) of any article while it is a draft or in review, and
  hands it in: moves it from draft to in review, and back; never to live,
  and never the original's status. Once that version is published, scheduled or unpublished, its
  text changes through an editor, as the original's does. Of a photo, only the
  caption and alt text in a translation's language, while no live version
  shows them (``media.services.photo_access``).
- Editor: everything about articles: publish, schedule, unpublish, feature, edit any;
  changes any photo, live ones included.
- Administrator: everything, users and groups included.

On the wire (desk.wire): reporters and editors accept items and give them a section;
only editors publish or reject them.

Anyone may also be limited to some sections and to one language (``DeskLimits``):
outside them they read but neither write, publish nor take wire items.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Status
from articles.translation_status import target_language
from categories.models import Category
from newsroom.languages import LANGUAGE_CODES, localized

from .models import DeskLimits

REPORTER, TRANSLATOR, EDITOR, ADMINISTRATOR = "Reporter", "Translator", "Editor", "Administrator"

_READ_SHARED = [
    "categories.view_category",
    "articles.view_source",
    "articles.view_tag",
    "media.view_photo",
]
_WRITE_PHOTOS = ["media.add_photo", "media.change_photo", "articles.add_tag"]
_PLACE_PHOTOS = [f"articles.{action}_articlephoto" for action in ("add", "change", "delete", "view")]

#: Group name -> permissions ("app_label.codename"). Administrator gets every permission.
ROLES = {
    REPORTER: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "ingest.view_wireitem",
        *_PLACE_PHOTOS,
        *_READ_SHARED,
        *_WRITE_PHOTOS,
    ],
    TRANSLATOR: [
        "articles.view_article",
        "articles.change_article",
        "articles.translate_article",
        "articles.view_articlephoto",
        *_READ_SHARED,
        "media.translate_photo",
    ],
    EDITOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.feature_article",
        "articles.translate_article",
        "articles.add_source",
        "articles.change_source",
        "articles.change_tag",
        "articles.view_statuschange",
        "ingest.view_wireitem",
        "ingest.view_feed",
        *_PLACE_PHOTOS,
        "categories.add_category",
        "categories.change_category",
        *_READ_SHARED,
        *_WRITE_PHOTOS,
        "media.change_live_photo",
        "media.delete_photo",
    ],
    ADMINISTRATOR: None,
}

#: The text of one language version: what a translator may write.
TEXT_FIELDS = ("title", "slug", "lead", "body", "byline")


@transaction.atomic
def setup_roles() -> dict[str, int]:
    """Create or update the four groups; return each one's number of permissions. Idempotent."""
    counts = {}
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        if codenames is None:
            permissions = list(Permission.objects.all())
        else:
            permissions = [_permission(codename) for codename in codenames]
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def can_publish(user) -> bool:
    return user.has_perm("articles.publish_article")


def can_feature(user) -> bool:
    return user.has_perm("articles.feature_article")


def can_take_wire(user) -> bool:
    """Reporters and editors take items off the wire (accept them, give them a section)."""
    return user.has_perms(["ingest.view_wireitem", "articles.add_article", "articles.change_article"])


def is_translator_only(user) -> bool:
    """Translates, but neither writes nor publishes stories of their own."""
    return user.has_perm("articles.translate_article") and not can_publish(user)


def translator_text_fields(article: Article) -> list[str]:
    """The fields a translator may write: the translation's text, while it is a draft or in review."""
    target = target_language(article)
    if localized(article, "status", target) not in (Status.DRAFT, Status.REVIEW):
        return []
    return [f"{name}_{target}" for name in TEXT_FIELDS]


def translator_status_fields(article: Article) -> list[str]:
    """The translation's status, while a translator may still hand it in or take it back."""
    target = target_language(article)
    if not article.has_language(target) or localized(article, "status", target) not in (
        Status.DRAFT,
        Status.REVIEW,
    ):
        return []
    return [f"status_{target}"]


def refused_text_fields(user, article: Article) -> list[str]:
    """The translation's text fields the user may not post: a translator's, once that version left review."""
    if not is_translator_only(user) or translator_text_fields(article):
        return []
    return [f"{name}_{target_language(article)}" for name in TEXT_FIELDS]


def limits(user) -> tuple[set[int] | None, str]:
    """
    The sections (ids, the sections inside them included) and the language a person is limited
    to (``desk.models.DeskLimits``): None and "" where they are not. Read once per request.
    """
    if not getattr(user, "pk", None) or user.is_superuser:
        return None, ""
    if not hasattr(user, "_desk_limits"):
        load_limits([user])
    return user._desk_limits


def load_limits(users) -> None:
    """Read the limits of many people at once (a few queries, whatever their number)."""
    users = [user for user in users if getattr(user, "pk", None) and not hasattr(user, "_desk_limits")]
    if not users:
        return
    rows = {
        row.user_id: row for row in DeskLimits.objects.filter(user__in=users).prefetch_related("sections")
    }
    chosen = {section for row in rows.values() for section in row.sections.all()}
    subtrees = Category.objects.subtree_ids(chosen) if chosen else {}
    for user in users:
        row = rows.get(user.pk)
        sections = [section.pk for section in row.sections.all()] if row else []
        covered = set().union(*(subtrees[pk] for pk in sections)) if sections else None
        user._desk_limits = (None, "") if user.is_superuser else (covered, row.language if row else "")


def in_section_limits(user, category_id: int | None) -> bool:
    sections, _language = limits(user)
    return sections is None or category_id in sections


def in_language_limits(user, language: str) -> bool:
    _sections, limited_to = limits(user)
    return not limited_to or language == limited_to


def fields_outside_limits(user) -> list[str]:
    """The other language's fields, for a person limited to one language: shown, never written."""
    _sections, limited_to = limits(user)
    if not limited_to:
        return []
    names = (*TEXT_FIELDS, "status", "published_at", "expires_at")
    return [f"{name}_{code}" for code in LANGUAGE_CODES if code != limited_to for name in names]


def may_work_on(user, article: Article, language: str) -> bool:
    """Within the person's limits: the article's section and this language version."""
    return in_section_limits(user, article.category_id) and in_language_limits(user, language)


def can_edit(user, article: Article | None) -> bool:
    """Whether the user may open the article's change form to save it."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is not None and not in_section_limits(user, article.category_id):
        return False
    if article is None or can_publish(user) or user.has_perm("articles.translate_article"):
        return True
    return article.created_by_id == user.pk and not any(
        localized(article, "status", code) in (Status.PUBLISHED, Status.UNPUBLISHED)
        for code in article.languages
    )


def can_preview(user, article: Article) -> bool:
    """The author and the desk (editors, translators) may open and share an unpublished version."""
    return (
        can_publish(user) or user.has_perm("articles.translate_article") or article.created_by_id == user.pk
    )


def can_revoke_previews(user, article: Article) -> bool:
    """Editors and the article's author may void every preview link given out so far."""
    return can_publish(user) or article.created_by_id == user.pk


def allowed_statuses(user, current: str, *, language: str = "", article: Article | None = None) -> list[str]:
    """The statuses a user may give the ``language`` version of ``article``, now ``current``."""
    if can_publish(user):
        # A takedown is recorded with its reason (articles.services.article_take_down), never chosen here.
        return [status for status in Status.values if status != Status.TAKEN_DOWN or current == status]
    if is_translator_only(user):
        # Hands the translation in for review, or takes it back: never live.
        handing_in = article is not None and f"status_{language}" in translator_status_fields(article)
        return [Status.DRAFT, Status.REVIEW] if handing_in else [current]
    # A reporter sends a draft for review, or takes it back.
    return [current, Status.DRAFT, Status.REVIEW] if current in (Status.DRAFT, Status.REVIEW) else [current]


OUTSIDE_LIMITS = _("“%(article)s” is outside the sections or the language you work on.")
SECTION_REFUSED = _("You do not work on the section “%(section)s”: choose one of yours.")
STATUS_REFUSED = _("You may not give the %(language)s version the status “%(status)s”.")
LIVE_TEXT_REFUSED = _(
    "The %(language)s version is no longer a draft or in review: only an editor may change its text."
)
