from django import template
from django.utils.translation import get_language

from media.services import photo_renditions
from newsroom.languages import localized_text

register = template.Library()


@register.inclusion_tag("tags/responsive_image.html")
def responsive_image(photo, sizes="100vw", lazy=True, priority=False, css_class=""):
    """
    A photo as ``<picture>``: WebP and original-format renditions in
    ``srcset`` with ``sizes``, intrinsic ``width``/``height`` (no layout shift),
    lazy loading below the fold. Nothing for a photo without a file.
    """
    renditions = photo_renditions(photo) if photo else []
    if not renditions:
        return {"photo": None}
    webp = [r for r in renditions if r.format == "webp"]
    fallback = [r for r in renditions if r.format != "webp"] or webp
    default = min(fallback, key=lambda r: abs(r.width - 640))
    largest = max(fallback, key=lambda r: r.width)
    return {
        "photo": photo,
        "alt": photo_alt(photo),
        "sizes": sizes,
        "webp_srcset": ", ".join(f"{r.file.url} {r.width}w" for r in webp) if webp is not fallback else "",
        "srcset": ", ".join(f"{r.file.url} {r.width}w" for r in fallback),
        "src": default.file.url,
        "width": largest.width,
        "height": largest.height,
        "lazy": lazy,
        "priority": priority,
        "css_class": css_class,
    }


@register.simple_tag
def photo_alt(photo) -> str:
    """Alt text in the page's language: the alt text, else the caption, else nothing (decorative)."""
    language = get_language()
    return localized_text(photo, "alt_text", language) or localized_text(photo, "caption", language)


@register.simple_tag
def photo_url(photo, width=1024):
    """The address of the original-format rendition closest to ``width`` (for og:image and feeds)."""
    fallback = [r for r in photo_renditions(photo) if r.format != "webp"]
    if not fallback:
        return ""
    return min(fallback, key=lambda r: abs(r.width - width)).file.url
