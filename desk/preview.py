"""
Signed preview links: an unpublished language version, as readers will see
it, for whoever holds the link until it expires (``NEWSROOM_PREVIEW_MAX_AGE``,
48 hours by default). The link names the article and the language and is
signed with the site's secret key: changing either breaks the signature.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article

SALT = "desk.preview"


class PreviewExpired(Exception):
    """The link was genuine but is older than the allowed age."""


def preview_url(article: Article, language: str) -> str:
    """A fresh signed link to one language version of an article."""
    token = signing.dumps([article.pk, language], salt=SALT)
    with translation.override(language):
        return reverse("desk:preview", kwargs={"token": token})


def expires_at(now=None):
    return (now or timezone.now()) + timedelta(seconds=settings.NEWSROOM_PREVIEW_MAX_AGE)


def article_from_token(token: str, *, language: str) -> Article:
    """The article a preview link shows; Http404 for an altered link, PreviewExpired for an old one."""
    try:
        pk, signed_language = signing.loads(token, salt=SALT, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewExpired from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Http404 from error
    if signed_language != language:
        raise Http404
    article = Article.objects.select_related("category", "source", "hero_photo__credit").filter(pk=pk).first()
    if article is None or not article.has_language(language):
        raise Http404
    return article
