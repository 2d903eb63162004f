import json
import re
from urllib.parse import parse_qs, urlsplit

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from media.templatetags.media_tags import photo_url
from pages.models import SiteSettings

from ..urls import FORMAT_LISTINGS

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@register.simple_tag(takes_context=True)
def article_json_ld(context, article, corrections=()):
    """
    A ``NewsArticle`` description for search engines, as a JSON data block
    (never executed, so a strict Content-Security-Policy allows it), with its
    correction notes as schema.org ``CorrectionComment``s.
    """
    request = context["request"]
    language = get_language()
    site = SiteSettings.load()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.lead,
        "inLanguage": language,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(article.url_in(language)),
        "articleSection": article.category.name,
        "author": [{"@type": "Person", "name": article.byline}]
        if article.byline
        else [{"@type": "Organization", "name": site.organisation_name}],
        "publisher": {"@type": "Organization", "name": site.organisation_name},
    }
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": c.created_at.isoformat()}
            for c in corrections
        ]
    if article.hero_photo_id and (image := photo_url(article.hero_photo)):
        data["image"] = [request.build_absolute_uri(image)]
    payload = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def format_listings() -> list[tuple[str, str]]:
    """Each format listing's address and name in the page's language, in menu order (the site menu)."""
    return [(reverse(f"articles:format-{format}"), format.label) for format in FORMAT_LISTINGS]


@register.filter
def video_embed(url: str) -> str:
    """
    The privacy-enhanced player address for a YouTube or Vimeo link
    (youtube-nocookie.com, Vimeo with do-not-track), or "" for anything else.
    """
    parts = urlsplit(url or "")
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host in ("vimeo.com", "player.vimeo.com"):
        number = parts.path.rstrip("/").rsplit("/", 1)[-1]
        return f"https://player.vimeo.com/video/{number}?dnt=1" if number.isdigit() else ""
    if _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return ""
