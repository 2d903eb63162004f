"""
The wire: what arrived from outside (registered feeds, wire files and page dumps given
to import_articles) as the desk works through it. The writer records each item it
creates (``arrived``), refuses items the desk has rejected (``rejected_keys``) and
keeps a later copy of an article the desk has changed for it to compare and apply
(``hold_update``). The desk's decisions are the functions below ``accept``; who may
take which one is the desk's rule (desk.wire).
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Status
from articles.services import article_save
from categories.models import Category
from newsroom.languages import localized

from .items import Item
from .models import Feed, Flag, WireItem

#: What a later copy may change in a language version, applied by the desk.
UPDATE_FIELDS = ("title", "lead", "body", "byline")
#: A version the desk may still decide on: nothing of it is on the site.
UNDECIDED = (Status.DRAFT, Status.REVIEW)


def digest(item: Item) -> str:
    """A fingerprint of an item's text, to tell a new copy of it from one already seen."""
    versions = {
        code: [getattr(version, name) for name in UPDATE_FIELDS] + [str(version.published_at or "")]
        for code, version in sorted(item.versions.items())
    }
    return hashlib.sha256(json.dumps(versions, ensure_ascii=False).encode()).hexdigest()


def rejected_keys(items: list[Item]) -> set[tuple[str, str]]:
    """Which of these items the desk has rejected, in one query."""
    if not items:
        return set()
    wanted = Q()
    for kind in ("uid", "external_id"):
        values = [item.key[1] for item in items if item.key[0] == kind]
        if values:
            wanted |= Q(key_kind=kind, key__in=values)
    rows = WireItem.objects.filter(wanted, state=WireItem.State.REJECTED)
    return set(rows.values_list("key_kind", "key"))


def _values(article: Article, item: Item, *, feed: Feed | None) -> dict:
    first = next(iter(item.versions))
    return {
        "article": article,
        "title": item.versions[first].title,
        "language": article.original_language if article.original_language in item.versions else first,
        "flags": list(item.flags),
        "notes": "\n".join(item.warnings),
        "digest": digest(item),
        **({"feed": feed} if feed else {}),
    }


def _arrival_state(article: Article) -> str:
    live = all(localized(article, "status", code) == Status.PUBLISHED for code in article.languages)
    return WireItem.State.PUBLISHED if live else WireItem.State.WAITING


def arrived(article: Article, item: Item, *, feed: Feed | None = None) -> None:
    """Record an item just written (new, or updated while the desk had not touched it)."""
    kind, key = item.key
    WireItem.objects.update_or_create(
        key_kind=kind,
        key=key,
        defaults=_values(article, item, feed=feed),
        create_defaults={**_values(article, item, feed=feed), "state": _arrival_state(article)},
    )


def arrived_many(pairs: list[tuple[Article, Item]], *, feed: Feed | None = None) -> None:
    """Record new articles written a batch at a time (their items are new to the wire too)."""
    WireItem.objects.bulk_create(
        [
            WireItem(
                key_kind=item.key[0],
                key=item.key[1],
                state=_arrival_state(article),
                **_values(article, item, feed=feed),
            )
            for article, item in pairs
        ]
    )


def hold_update(article: Article, item: Item, *, feed: Feed | None = None) -> bool:
    """
    Keep a later copy of an article the desk has changed, for the desk to compare and
    apply. False when this copy is one already seen (a feed repeating its items).
    """
    kind, key = item.key
    wire = WireItem.objects.filter(key_kind=kind, key=key).first()
    fingerprint = digest(item)
    if wire is not None and wire.digest == fingerprint:
        return False
    if wire is None:
        wire = WireItem(
            key_kind=kind, key=key, state=WireItem.State.ACCEPTED, **_values(article, item, feed=feed)
        )
    wire.digest = fingerprint
    wire.pending = {
        code: {
            **{name: getattr(version, name) for name in UPDATE_FIELDS},
            "published_at": version.published_at.isoformat() if version.published_at else None,
        }
        for code, version in item.versions.items()
    }
    wire.pending_at = timezone.now()
    wire.save()
    return True


def changes(wire: WireItem) -> list[dict]:
    """A pending update beside the article as it is: one row per field it would change."""
    rows = []
    for code, values in (wire.pending or {}).items():
        for name in UPDATE_FIELDS:
            now, then = localized(wire.article, name, code) or "", values.get(name) or ""
            if now != then:
                rows.append({"language": code, "field": name, "current": now, "incoming": then})
    return rows


# The desk's decisions


def _decided(wire: WireItem, state: str, by) -> None:
    wire.state, wire.decided_by, wire.decided_at = state, by, timezone.now()
    wire.save(update_fields=["state", "decided_by", "decided_at", "article"])


@transaction.atomic
def accept(*, wire: WireItem, by) -> Article:
    """Take an item to edit: it leaves the queue, and later copies wait for the desk to apply them."""
    article = wire.article
    if article.created_by_id is None:
        article.created_by = by  # the desk member who took it on works it as its author
    article_save(article=article, by=by, comment=_("Accepted from the wire."))
    _decided(wire, WireItem.State.ACCEPTED, by)
    return article


@transaction.atomic
def publish(*, wire: WireItem, by) -> Article:
    """Publish every version the item arrived with; refused while a flag needs someone to fix it."""
    if blocked := wire.blocked:
        raise ValidationError(
            _("“%(title)s” cannot be published from the wire: %(flags)s. Open it and fix it first.")
            % {"title": wire.title, "flags": ", ".join(str(label) for label in blocked)}
        )
    article = wire.article
    for code in article.languages:
        if localized(article, "status", code) in UNDECIDED:
            setattr(article, f"status_{code}", Status.PUBLISHED)
    article_save(article=article, by=by, comment=_("Published from the wire."))
    _decided(wire, WireItem.State.PUBLISHED, by)
    return article


@transaction.atomic
def reject(*, wire: WireItem, by) -> None:
    """Delete the item's article and keep its identity, so that it is never imported again."""
    article = wire.article
    if article is not None:
        if any(localized(article, "status", code) not in UNDECIDED for code in article.languages):
            raise ValidationError(
                _("“%(title)s” has been on the site: unpublish it rather than reject it.")
                % {"title": wire.title}
            )
        wire.article = None
        article.delete()
    wire.pending = None
    wire.save(update_fields=["pending"])
    _decided(wire, WireItem.State.REJECTED, by)


@transaction.atomic
def assign_section(*, wire: WireItem, category: Category, by) -> Article:
    article = wire.article
    if article.category_id != category.pk:
        article.category = category
        article_save(article=article, by=by, comment=_("Section assigned on the wire."))
    return article


@transaction.atomic
def apply_update(*, wire: WireItem, by, expected_version: int | None = None) -> Article:
    """Write the waiting copy's text into the article (a revision keeps what it replaced)."""
    article = wire.article
    for code, values in (wire.pending or {}).items():
        if code in article.languages or values.get("title"):
            for name in UPDATE_FIELDS:
                setattr(article, f"{name}_{code}", values.get(name) or "")
    article_save(
        article=article, by=by, expected_version=expected_version, comment=_("Applied the wire's update.")
    )
    wire.pending = wire.pending_at = None
    wire.save(update_fields=["pending", "pending_at"])
    return article


def discard_update(*, wire: WireItem) -> None:
    wire.pending = wire.pending_at = None
    wire.save(update_fields=["pending", "pending_at"])


def desk_saved(article: Article, *, by) -> None:
    """
    The desk saved the article in its form: a waiting item is taken (accepted by whoever
    saved it), and the flags the save resolved are cleared: a title of its own, a
    publication time, a language the desk has seen.
    """
    wire = WireItem.objects.filter(article=article).first()
    if wire is None:
        return
    fields = []
    if wire.state == WireItem.State.WAITING:
        wire.state, wire.decided_by, wire.decided_at = WireItem.State.ACCEPTED, by, timezone.now()
        fields += ["state", "decided_by", "decided_at"]
    original = article.original_language
    resolved = {
        Flag.LANGUAGE: True,
        Flag.TITLE_NEEDED: (localized(article, "title", original) or "") != wire.title,
        Flag.DATE_NEEDED: any(localized(article, "published_at", code) for code in article.languages),
    }
    flags = [flag for flag in wire.flags if not resolved.get(flag, False)]
    if flags != wire.flags:
        wire.flags = flags
        fields.append("flags")
    if fields:
        wire.save(update_fields=fields)
