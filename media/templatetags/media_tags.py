from django import template
from django.utils.translation import get_language

from media.services import photo_renditions_or_queue
from newsroom.languages import localized_text

register = template.Library()


#: Where a cropped photo's focal point may sit, in percent: see ``focus_classes``.
FOCUS_STEP = 25


@register.inclusion_tag("tags/responsive_image.html")
def responsive_image(photo, sizes="100vw", lazy=True, priority=False, css_class="", crop=False):
    """
    A photo as ``<picture>``: WebP and original-format renditions in
    ``srcset`` with ``sizes``, intrinsic ``width``/``height`` (no layout shift),
    lazy loading below the fold. Nothing for a photo without a file. With
    ``crop``, for places whose CSS crops it, the image carries its focal point.
    Until its renditions are made (queued here: ``photo_renditions_or_queue``)
    the original is shown at its own size, scaled by the browser.
    """
    renditions = photo_renditions_or_queue(photo) if photo and photo.image else []
    context = {
        "photo": photo,
        "alt": photo_alt(photo) if photo else "",
        "sizes": sizes,
        "lazy": lazy,
        "priority": priority,
        "css_class": css_class,
        "img_class": focus_classes(photo) if photo and crop else "",
    }
    if not renditions:
        if not photo or not photo.image:
            return {"photo": None}
        return {**context, "src": photo.image.url, "width": photo.width, "height": photo.height}
    webp = [r for r in renditions if r.format == "webp"]
    fallback = [r for r in renditions if r.format != "webp"] or webp
    default = min(fallback, key=lambda r: abs(r.width - 640))
    largest = max(fallback, key=lambda r: r.width)
    return {
        **context,
        "webp_srcset": ", ".join(f"{r.file.url} {r.width}w" for r in webp) if webp is not fallback else "",
        "srcset": ", ".join(f"{r.file.url} {r.width}w" for r in fallback),
        "src": default.file.url,
        "width": largest.width,
        "height": largest.height,
    }


def focus_classes(photo) -> str:
    """
    The focal point as two classes, ``focus-x-0`` to ``focus-x-4`` and the same
    for y, which site.css turns into ``object-position`` for cropped images.

    Classes rather than a style attribute, which the reader site's CSP forbids;
    rather than cropped renditions, so that one set of files serves every crop
    shape and a moved focal point needs no new files. Snapped to quarters:
    close enough for a teaser, and a handful of CSS rules.
    """
    x, y = (round(value / FOCUS_STEP) for value in (photo.focal_x, photo.focal_y))
    return f"focus-x-{x} focus-y-{y}"


@register.simple_tag
def photo_alt(photo) -> str:
    """Alt text in the page's language: the alt text, else the caption, else nothing (decorative)."""
    language = get_language()
    return localized_text(photo, "alt_text", language) or localized_text(photo, "caption", language)


@register.simple_tag
def photo_url(photo, width=1024):
    """
    The address of the original-format rendition closest to ``width`` (for
    og:image and feeds); the original itself until the renditions are made.
    """
    if not photo or not photo.image:
        return ""
    fallback = [r for r in photo_renditions_or_queue(photo) if r.format != "webp"]
    if not fallback:
        return photo.image.url
    return min(fallback, key=lambda r: abs(r.width - width)).file.url
