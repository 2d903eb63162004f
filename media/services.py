"""Turning untrusted bytes into a photo file: checked by content, re-encoded, metadata dropped."""

import io
import math
import posixpath
import warnings

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
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
    _check_size(len(data))
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


def clean_upload(upload: UploadedFile) -> ContentFile:
    """``clean_image`` for an uploaded file: one over the size limit is refused before it is read."""
    _check_size(upload.size)
    return clean_image(upload.read(), name=upload.name or "")


def _check_size(size: int) -> None:
    limit = settings.NEWSROOM_MAX_UPLOAD_SIZE
    if size > limit:
        # Rounded up: a file a little over 20 MB reads "21 MB", not "20 MB; the limit is 20 MB".
        raise ImageRejected(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": math.ceil(size / 2**20), "limit": limit // 2**20}
        )


def _check_pixels(image: Image.Image) -> None:
    limit = settings.NEWSROOM_MAX_IMAGE_PIXELS
    if image.width * image.height > limit:
        raise ImageRejected(
            _("The image is %(width)d × %(height)d pixels; the limit is %(limit)d megapixels.")
            % {"width": image.width, "height": image.height, "limit": limit // 1_000_000}
        )


def photo_set_image(*, photo: Photo, data: bytes, name: str) -> Photo:
    """Attach checked image bytes to a photo and save it."""
    photo.image = clean_image(data, name=name)
    return photo_save(photo=photo)


def photo_save(*, photo: Photo, by: AbstractBaseUser | None = None) -> Photo:
    """
    Save a photo (``by`` is recorded as the uploader of a new one). When its
    image changed, the old renditions go, to be made again from the new image,
    and the old files are removed once the change is committed.
    """
    if photo.pk is None:
        old_name = ""
        photo.uploaded_by = photo.uploaded_by or by
    else:
        old_name = Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first() or ""
    replaced = photo.image.name != old_name
    with transaction.atomic():
        if replaced:
            photo.file_hash = ""
        photo.save()
        if replaced and old_name:
            photo.renditions.all().delete()  # their files go with them: see MediaConfig.ready
            remove_file_on_commit(storage=photo.image.storage, name=old_name)
    return photo


def remove_file_on_commit(*, storage: Storage, name: str) -> None:
    """
    Delete a stored file once the current transaction commits (a rollback keeps
    it), unless a photo still uses it: an import may attach one stored file to a second photo.
    """

    def remove():
        if not Photo.objects.filter(image=name).exists():
            storage.delete(name)

    transaction.on_commit(remove, robust=True)


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
