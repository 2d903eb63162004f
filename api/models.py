import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The part of a key stored in clear to find it ("nr_" and 8 characters); the rest is stored hashed.
PREFIX_LENGTH = 11


def _hash(key: str) -> str:
    # Keys are 256 random bits: a plain SHA-256 cannot be guessed back, and a slow
    # password hash would only add its cost to every request.
    return hashlib.sha256(key.encode()).hexdigest()


class PartnerKeyQuerySet(models.QuerySet):
    def usable(self):
        """Keys not revoked and not past their expiry."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )

    def find(self, key: str) -> "PartnerKey | None":
        """The usable key matching ``key`` exactly, or None (one query)."""
        if not key.startswith("nr_") or len(key) <= PREFIX_LENGTH or len(key) > 100:
            return None
        found = self.usable().filter(prefix=key[:PREFIX_LENGTH]).first()
        if found is None or not hmac.compare_digest(found.hashed_key, _hash(key)):
            return None
        return found


class PartnerKey(models.Model):
    """A partner's key to the read API: higher request limits than anonymous use."""

    partner = models.CharField(
        _("partner"), max_length=200, help_text=_("Who holds the key: an organisation, an app.")
    )
    contact = models.EmailField(
        _("contact"), blank=True, help_text=_("Whom to tell when the key is revoked or about to expire.")
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    hashed_key = models.CharField(_("hashed key"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("expires"), null=True, blank=True, help_text=_("Leave empty for a key that does not expire.")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    sections = models.ManyToManyField(
        "categories.Category",
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_("The key reads these sections only (and those inside them). Empty: every section."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The key reads this language only. Empty: both."),
    )

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.partner} ({self.prefix}…)"

    def issue(self) -> str:
        """Give this (unsaved) key a new secret and return it: the one time it is seen in full."""
        key = "nr_" + secrets.token_urlsafe(32)
        self.prefix = key[:PREFIX_LENGTH]
        self.hashed_key = _hash(key)
        return key

    def section_ids(self) -> set[int] | None:
        """The sections this key reads (those inside them included); None for every section."""
        from categories.models import Category

        if not hasattr(self, "_section_ids"):
            chosen = list(self.sections.all())
            subtrees = Category.objects.subtree_ids(chosen) if chosen else {}
            self._section_ids = set().union(*subtrees.values()) if chosen else None
        return self._section_ids

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())
