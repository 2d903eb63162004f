"""Turning untrusted bytes into a photo file: checked by content, re-encoded, metadata dropped."""

import io
import posixpath
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from newsroom.text import slugify_vi

from . import renditions
from .models import Photo, Rendition

#: Pillow format -> file extension. Everything else (SVG, TIFF, BMP, ICO, PSD...) is refused.
ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


class ImageRejected(ValueError):
    """The bytes are not an image we accept; the message says why, for the person who sent them."""


def clean_image(data: bytes, *, name: str) -> ContentFile:
    """
    Return a safe copy of an uploaded or fetched image: JPEG, PNG, WebP or GIF
    recognised by content (not by name), within the size and pixel limits,
    fully decoded, turned upright by its EXIF orientation and re-encoded
    without metadata (no GPS position, no camera details).
    """
    max_bytes = settings.NEWSROOM_MAX_UPLOAD_SIZE
    if len(data) > max_bytes:
        raise ImageRejected(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": len(data) // 2**20, "limit": max_bytes // 2**20}
        )
    if not data:
        raise ImageRejected(_("The file is empty."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
            _check_pixels(image)
            image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRejected(_("The image has too many pixels to be safe to open.")) from error
    except UnidentifiedImageError as error:
        raise ImageRejected(_("This is not a JPEG, PNG, WebP or GIF image.")) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRejected(_("The image is damaged or truncated: %(error)s") % {"error": error}) from error

    fmt = image.format
    output = io.BytesIO()
    animated = getattr(image, "n_frames", 1) > 1
    if animated:
        image.save(output, fmt, save_all=True)
    else:
        upright = ImageOps.exif_transpose(image)
        if fmt == "JPEG":
            upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
            upright.save(output, "JPEG", quality=90, optimize=True, progressive=True)
        else:
            upright.save(output, fmt)
    stem = slugify_vi(posixpath.splitext(posixpath.basename(name.replace("\\", "/")))[0], max_length=80)
    return ContentFile(output.getvalue(), name=f"{stem or 'photo'}{ALLOWED_FORMATS[fmt]}")


def _check_pixels(image: Image.Image) -> None:
    limit = settings.NEWSROOM_MAX_IMAGE_PIXELS
    if image.width * image.height > limit:
        raise ImageRejected(
            _("The image is %(width)d × %(height)d pixels; the limit is %(limit)d megapixels.")
            % {"width": image.width, "height": image.height, "limit": limit // 1_000_000}
        )


def photo_set_image(*, photo: Photo, data: bytes, name: str) -> Photo:
    """Attach checked image bytes to a photo and save it."""
    content = clean_image(data, name=name)
    photo.file_hash = ""
    photo.image.save(content.name, content, save=False)
    photo.save()
    return photo


def photo_renditions(photo: Photo) -> list[Rendition]:
    """
    The photo's renditions for ``srcset``, making whichever are missing (once:
    later calls find them, prefetched with ``renditions``). Empty without an image.
    """
    if not photo.image:
        return []
    existing = {(r.width, r.format): r for r in photo.renditions.all()}
    wanted = [
        (width, format)
        for format in renditions.rendition_formats(_original_format(photo))
        for width in renditions.rendition_widths(photo.width)
    ]
    missing = [spec for spec in wanted if spec not in existing]
    if missing:
        source = _read(photo)
        if source is None:
            return sorted(existing.values(), key=lambda r: (r.format, r.width))
        for width, format in missing:
            existing[(width, format)] = _make_rendition(photo, source, width, format)
    return sorted((existing[spec] for spec in wanted), key=lambda r: (r.format, r.width))


def _make_rendition(photo: Photo, source: bytes, width: int, format: str) -> Rendition:
    data, _width, height = renditions.make_rendition(source, width=width, format=format)
    stem = posixpath.splitext(posixpath.basename(photo.image.name))[0]
    name = f"{stem}-{width}.{renditions.EXTENSIONS[format]}"
    rendition = Rendition(photo=photo, width=width, format=format, height=height)
    rendition.file.save(name, ContentFile(data, name=name), save=False)
    # get_or_create guards the race of two requests making the same rendition:
    # the loser removes its file and uses the winner's row.
    row, created = Rendition.objects.get_or_create(
        photo=photo, width=width, format=format, defaults={"height": height, "file": rendition.file.name}
    )
    if not created:
        rendition.file.delete(save=False)
    return row


def _original_format(photo: Photo) -> str:
    extension = posixpath.splitext(photo.image.name)[1].lower()
    formats = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}
    return formats.get(extension, "JPEG")


def _read(photo: Photo) -> bytes | None:
    try:
        with photo.image.open("rb") as stream:
            return stream.read()
    except OSError:
        return None  # the file is gone: show what exists rather than fail the page
