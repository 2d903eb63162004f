"""The partner keys' changes of state: issued once, revoked for good."""

from django.utils import timezone

from .models import PartnerKey


def partner_key_issue(*, key: PartnerKey) -> str:
    """Save a new key and return its secret, which is stored only hashed and never shown again."""
    secret = key.issue()
    key.full_clean()
    key.save()
    return secret


def partner_key_revoke(*, keys) -> int:
    """Revoke keys not yet revoked; return how many. A revoked key is refused from its next request."""
    return keys.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
