"""The one public page the desk serves: an unpublished version behind a signed preview link."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from articles.views import render_article

from . import preview


def article_preview(request, token):
    """
    An unpublished version exactly as readers will see it, for whoever holds
    a signed preview link (``desk.preview``); an expired or altered link
    opens nothing. Never cached, never indexed.
    """
    language = get_language()
    try:
        article = preview.article_from_token(token, language=language)
    except preview.PreviewExpired:
        response = render(request, "desk/preview_expired.html", status=410)
    else:
        response = render_article(request, article, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response
