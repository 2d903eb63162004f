"""
Signed preview links: an unpublished language version, as readers will see
it, for whoever holds the link until it expires (``NEWSROOM_PREVIEW_MAX_AGE``,
48 hours by default) or until its article's previews are revoked. The link
names the article, the language and the article's preview key, and is signed
with the site's secret key: changing any of them breaks the signature, and
revoking gives the article a new key, so no link given out before matches it.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.db import DEFAULT_DB_ALIAS
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article

from .models import PreviewKey

SALT = "desk.preview"


class PreviewExpired(Exception):
    """The link was genuine but is older than the allowed age."""


def preview_url(article: Article, language: str) -> str:
    """A fresh signed link to one language version of an article."""
    token = signing.dumps([article.pk, language, current_key(article.pk)], salt=SALT)
    with translation.override(language):
        return reverse("desk:preview", kwargs={"token": token})


def expires_at(now=None):
    return (now or timezone.now()) + timedelta(seconds=settings.NEWSROOM_PREVIEW_MAX_AGE)


def current_key(article_pk: int) -> str:
    """The key the article's links are signed with now: empty until its previews are first revoked."""
    # Read on the primary: a replica a moment behind would still open a link just revoked.
    keys = PreviewKey.objects.using(DEFAULT_DB_ALIAS).filter(article_id=article_pk)
    return keys.values_list("key", flat=True).first() or ""


def previews_revoke(*, article: Article, by: AbstractBaseUser | None = None) -> PreviewKey:
    """Void every preview link of the article given out so far; links made from now on work."""
    preview_key, _created = PreviewKey.objects.update_or_create(
        article=article, defaults={"key": secrets.token_urlsafe(16), "revoked_by": by}
    )
    return preview_key


def article_from_token(token: str, *, language: str) -> Article:
    """
    The article a preview link shows: Http404 for an altered, malformed or
    revoked link, PreviewExpired for a genuine one grown too old.
    """
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewExpired from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise Http404 from error
    # Links made before previews could be revoked carry no key: they match an article never revoked.
    if not isinstance(payload, list) or len(payload) not in (2, 3):
        raise Http404
    pk, signed_language, key = [*payload, ""][:3]
    if not isinstance(pk, int) or signed_language != language or key != current_key(pk):
        raise Http404
    article = Article.objects.select_related("category", "source", "hero_photo__credit").filter(pk=pk).first()
    if article is None or not article.has_language(language):
        raise Http404
    return article
