"""
Every change of a photo: untrusted bytes turned into a photo file (checked by
content, re-encoded from its pixels alone), written whole or not at all, who
may change what of a photo, and its renditions.
"""

import io
import logging
import math
import posixpath
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from asgiref.local import Local
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from newsroom.languages import LANGUAGE_CODES, LANGUAGE_NAMES_IN_SENTENCE, localized_text
from newsroom.text import slugify_vi

from . import renditions
from .models import Photo, Rendition
from .selectors import photo_use

#: Pillow format -> file extension. Everything else (SVG, TIFF, BMP, ICO, PSD...) is refused.
ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}

logger = logging.getLogger(__name__)


class ImageRejected(ValueError):
    """The bytes are not an image we accept; the message says why, for the person who sent them."""


class PhotoNotStored(ImageRejected):
    """The image was fine but could not be written (a full disk, an unwritable media folder)."""


class PhotoChangeRefused(PermissionDenied):
    """The person saving a photo changed what is not theirs to change; the message says why."""


#: A photo's texts in each language.
TEXT_FIELDS = ("caption", "alt_text")
#: What people change of a photo, by model field name.
PHOTO_FIELDS = (
    "image",
    *(build_localized_fieldname(name, code) for name in TEXT_FIELDS for code in LANGUAGE_CODES),
    "credit",
    "focal_x",
    "focal_y",
    "source_url",
)


@dataclass(frozen=True)
class PhotoAccess:
    """What one person may change of one photo (``PHOTO_FIELDS`` names), and why not the rest."""

    writable: frozenset[str]
    reason: str = ""


def photo_access(*, photo: Photo, user: AbstractBaseUser) -> PhotoAccess:
    """
    What a user may change of a photo. With ``media.change_photo``, all of it
    while no live version of an article shows it, and then too with
    ``media.change_live_photo`` (the desk). With ``media.translate_photo``, the
    caption and alt text in a language the articles showing it are translated
    into, while no live version reads them: a text a reader sees changes
    only through the desk.
    """
    everything = frozenset(PHOTO_FIELDS)
    if photo.pk is None:
        if user.has_perm("media.add_photo"):
            return PhotoAccess(everything)
        return PhotoAccess(frozenset(), _("You may not add photos."))
    use = photo_use(photo)
    may_change = user.has_perm("media.change_photo")
    if may_change and (not use.live or user.has_perm("media.change_live_photo")):
        return PhotoAccess(everything)
    live_photo = _("A published article shows this photo: only an editor may change it.")
    if not user.has_perm("media.translate_photo"):
        return PhotoAccess(frozenset(), live_photo if may_change else _("You may not change photos."))
    if not use.translations:
        return PhotoAccess(
            frozenset(), _("No article showing this photo is translated: it has no caption for you to write.")
        )
    writable, reasons = set(), []
    for code in LANGUAGE_CODES:
        if code not in use.translations:
            continue
        names = {"language": LANGUAGE_NAMES_IN_SENTENCE[code]}
        if code in use.live:
            reasons.append(
                _(
                    "The %(language)s version of an article showing this photo is published: "
                    "only an editor may change its %(language)s caption and alt text."
                )
                % names
            )
            continue
        writable.add(build_localized_fieldname("alt_text", code))
        # A page shows another language's caption where its own is missing (``translated``).
        if stands_in := [other for other in use.live if not localized_text(photo, "caption", other)]:
            names["other"] = LANGUAGE_NAMES_IN_SENTENCE[stands_in[0]]
            reasons.append(
                _(
                    "The published %(other)s version of an article shows the %(language)s caption, "
                    "having none of its own: only an editor may change it."
                )
                % names
            )
        else:
            writable.add(build_localized_fieldname("caption", code))
    if writable:
        reasons.insert(
            0,
            _("You may change only these fields of this photo: %(fields)s.")
            % {"fields": _field_names(name for name in PHOTO_FIELDS if name in writable)},
        )
    return PhotoAccess(frozenset(writable), " ".join(reasons))


def _field_names(names: Iterable[str]) -> str:
    return ", ".join(str(Photo._meta.get_field(name).verbose_name) for name in names)


def photo_check_change(*, photo: Photo, stored: Photo | None, by: AbstractBaseUser) -> None:
    """Raise PhotoChangeRefused when ``photo`` differs from ``stored`` (None: new) where ``by`` may not."""
    access = photo_access(photo=stored or photo, user=by)
    changed = PHOTO_FIELDS if stored is None else photo_changed_fields(photo, stored)
    if refused := [name for name in changed if name not in access.writable]:
        raise PhotoChangeRefused(refusal_message(refused, access))


def refusal_message(refused: Iterable[str], access: PhotoAccess) -> str:
    """What to tell someone whose change to the ``refused`` fields ``access`` does not allow."""
    return _("You may not change these fields of this photo: %(fields)s. %(reason)s") % {
        "fields": _field_names(refused),
        "reason": access.reason,
    }


def photo_changed_fields(photo: Photo, stored: Photo) -> list[str]:
    """The ``PHOTO_FIELDS`` in which ``photo`` differs from the row ``stored``: a new image file counts."""
    changed = []
    for name in PHOTO_FIELDS:
        if name == "image":
            differs = not photo.image._committed or (photo.image.name or "") != (stored.image.name or "")
        else:
            attname = Photo._meta.get_field(name).attname
            differs = getattr(photo, attname) != getattr(stored, attname)
        if differs:
            changed.append(name)
    return changed


def clean_image(data: bytes, *, name: str) -> ContentFile:
    """
    Return a safe copy of an uploaded or fetched image: JPEG, PNG, WebP or GIF
    recognised by content (not by name), within the size and pixel limits,
    fully decoded, turned upright by its EXIF orientation and re-encoded from
    its pixels alone: no comment, EXIF (GPS position, camera), XMP, text or
    ICC profile survives, in any frame of an animation. A camera's
    multi-picture JPEG (MPO) is stored as a JPEG of its first picture.
    """
    _check_size(len(data))
    if not data:
        raise ImageRejected(_("The file is empty."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS)) as image:
                # Pillow opens a multi-picture JPEG as MPO; its first picture is the photo.
                fmt = "JPEG" if image.format == "MPO" else image.format
                frames = getattr(image, "n_frames", 1) if fmt != "JPEG" else 1
                _check_pixels(image, frames=frames)
                encoded = _encode_animation(image, fmt) if frames > 1 else _encode_still(image, fmt)
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRejected(_("The image has too many pixels to be safe to open.")) from error
    except UnidentifiedImageError as error:
        raise ImageRejected(_("This is not a JPEG, PNG, WebP or GIF image.")) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRejected(_("The image is damaged or truncated: %(error)s") % {"error": error}) from error
    stem = slugify_vi(posixpath.splitext(posixpath.basename(name.replace("\\", "/")))[0], max_length=80)
    return ContentFile(encoded, name=f"{stem or 'photo'}{ALLOWED_FORMATS[fmt]}")


def _encode_still(image: Image.Image, fmt: str) -> bytes:
    """One picture, upright, from its pixels alone (``renditions.pixels_only``)."""
    upright = renditions.pixels_only(ImageOps.exif_transpose(image))
    output = io.BytesIO()
    if fmt == "JPEG":
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
        upright.save(output, "JPEG", quality=90, optimize=True, progressive=True)
    else:
        upright.save(output, fmt)
    return output.getvalue()


def _encode_animation(image: Image.Image, fmt: str) -> bytes:
    """Every frame from its pixels alone, with its own duration and the animation's loop count."""
    frames = [renditions.pixels_only(frame) for frame in ImageSequence.Iterator(image)]
    first = frames[0]
    options = {
        "save_all": True,
        "append_images": frames[1:],
        "duration": [f.info.get("duration", 0) for f in frames],
    }
    if "loop" in first.info:
        options["loop"] = first.info["loop"]
    if fmt == "GIF" and any(f.mode in ("RGBA", "PA") or "transparency" in f.info for f in frames):
        # Pillow hands out whole frames; drawn over the last one, a pixel turned transparent would
        # keep the old colour: each frame clears the canvas first.
        options["disposal"] = 2
    output = io.BytesIO()
    first.save(output, fmt, **options)
    return output.getvalue()


def clean_upload(upload: UploadedFile) -> ContentFile:
    """``clean_image`` for an uploaded file: one over the size limit is refused before it is read."""
    _check_size(upload.size)
    upload.seek(0)  # read whole, though a refused save read it before
    return clean_image(upload.read(), name=upload.name or "")


def _check_size(size: int) -> None:
    limit = settings.NEWSROOM_MAX_UPLOAD_SIZE
    if size > limit:
        # Rounded up: a file a little over 20 MB reads "21 MB", not "20 MB; the limit is 20 MB".
        raise ImageRejected(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": math.ceil(size / 2**20), "limit": limit // 2**20}
        )


def _check_pixels(image: Image.Image, *, frames: int = 1) -> None:
    limit = settings.NEWSROOM_MAX_IMAGE_PIXELS
    if image.width * image.height > limit:
        raise ImageRejected(
            _("The image is %(width)d × %(height)d pixels; the limit is %(limit)d megapixels.")
            % {"width": image.width, "height": image.height, "limit": limit // 1_000_000}
        )
    # Every frame of an animation is decoded and kept while it is re-encoded: they share the limit.
    if image.width * image.height * frames > limit:
        raise ImageRejected(
            _(
                "The animation has %(frames)d frames of %(width)d × %(height)d pixels; "
                "the limit is %(limit)d megapixels for all its frames together."
            )
            % {"frames": frames, "width": image.width, "height": image.height, "limit": limit // 1_000_000}
        )


def photo_set_image(*, photo: Photo, data: bytes, name: str, by: AbstractBaseUser | None = None) -> Photo:
    """Attach checked image bytes to a photo and save it (``photo_save``: PhotoNotStored if not written)."""
    photo.image = clean_image(data, name=name)
    return photo_save(photo=photo, by=by)


def photo_save(*, photo: Photo, by: AbstractBaseUser | None = None) -> Photo:
    """
    Save a photo. ``by``, the person saving it, is recorded as the uploader of
    a new one, and what they change must be theirs to change (``photo_access``,
    PhotoChangeRefused otherwise). A new image is written first: when the
    storage fails (a full disk), nothing of it is left, the photo is as it was
    and PhotoNotStored says why. When the image is new or changed, the old
    renditions go, the old files are removed and renditions of the new image
    are queued, once the change is committed.
    """
    stored = Photo.objects.filter(pk=photo.pk).first() if photo.pk is not None else None
    if by is not None:
        photo_check_change(photo=photo, stored=stored, by=by)
    if stored is None:
        photo.uploaded_by = photo.uploaded_by or by
    old_name = stored.image.name if stored else ""
    written = ""
    try:
        written = _write_new_image(photo)
        replaced = photo.image.name != old_name
        with transaction.atomic():
            if replaced:
                photo.file_hash = ""
            photo.save()
            if replaced and old_name:
                photo.renditions.all().delete()  # their files go with them: see MediaConfig.ready
                remove_file_on_commit(storage=photo.image.storage, name=old_name)
            if replaced and photo.image:
                photo_queue_renditions(photo=photo)
    except BaseException:
        if written:
            _remove_unused(photo.image.storage, written)  # no row points at it: the save was rolled back
        _restore(photo, stored)
        raise
    return photo


def _write_new_image(photo: Photo) -> str:
    """Write a photo's new, not yet stored image; return the name it was stored under ("" if none)."""
    image = photo.image
    if not image or image._committed:
        return ""
    name = store_file(
        storage=image.storage,
        name=image.field.generate_filename(photo, image.name),
        content=image.file,
        max_length=image.field.max_length,
    )
    image.name, image._committed = name, True  # what FieldFile.save does, with the failure handled here
    return name


def _restore(photo: Photo, stored: Photo | None) -> None:
    """Put back the image a photo has in the database (none for a new one), after a failed save."""
    # Past the descriptor, which would open the old file to measure it again.
    photo.__dict__["image"] = stored.image.name if stored else ""
    photo.width, photo.height = (stored.width, stored.height) if stored else (0, 0)
    photo.file_hash = stored.file_hash if stored else ""


def store_file(*, storage: Storage, name: str, content, max_length: int | None = None) -> str:
    """
    Write a file under ``name``, or a free name like it; return the name used.
    When the write fails (a full disk, a media folder that cannot be written),
    whatever part of the file was written is removed and PhotoNotStored raised.
    """
    name = storage.get_available_name(name, max_length=max_length)
    try:
        return storage.save(name, content, max_length=max_length)
    except OSError as error:
        # Storage.save writes under the free name just found, so a partial file
        # there is this write's; unless another upload took that very name in
        # the instant between, and it has no row yet. A row's file stays.
        _remove_unused(storage, name)
        logger.error("Could not store %s: %s", name, error)
        raise PhotoNotStored(
            _(
                "The image could not be stored (%(error)s). Nothing was saved: "
                "please tell the site's administrators, then try again."
            )
            % {"error": error.strerror or error}
        ) from error


def _remove_unused(storage: Storage, name: str) -> None:
    """Remove a file no photo or rendition in the database names; a failure to is logged, never raised."""
    try:
        if (
            storage.exists(name)
            and not Photo.objects.filter(image=name).exists()
            and not Rendition.objects.filter(file=name).exists()
        ):
            storage.delete(name)
    except (OSError, DatabaseError):
        logger.exception("Could not remove %s, left by a failed write.", name)


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
    The photo's renditions that exist, for ``srcset``: a read of
    ``photo.renditions`` (prefetch it on lists), never image work.
    """
    if not photo.image:
        return []
    return sorted(photo.renditions.all(), key=lambda r: (r.format, r.width))


def photo_missing_renditions(photo: Photo) -> list[tuple[int, str]]:
    """The (width, format) renditions the photo should have and lacks: a read, like ``photo_renditions``."""
    if not photo.image:
        return []
    existing = {(r.width, r.format) for r in photo.renditions.all()}
    return [spec for spec in _wanted(photo) if spec not in existing]


def photo_renditions_or_queue(photo: Photo) -> list[Rendition]:
    """
    For a reader's request: the photo's renditions that exist and, when some
    are missing, queue them (``photo_request_renditions``) rather than make them
    while the reader waits. A read of ``photo.renditions``: prefetch it on lists.
    """
    if photo_missing_renditions(photo):
        photo_request_renditions(photo)
    return photo_renditions(photo)


def photo_make_renditions(*, photo: Photo) -> list[Rendition]:
    """
    Make the photo's missing renditions and return all of them: the image work,
    run in the background (``photo_queue_renditions``), never on a reader's request.
    """
    if not photo.image:
        return []
    # Read afresh rather than from a prefetch: another worker may have made some.
    existing = set(Rendition.objects.filter(photo=photo).values_list("width", "format"))
    missing = [spec for spec in _wanted(photo) if spec not in existing]
    if missing and (source := _read(photo)) is not None:
        for width, format, data, height in renditions.make_renditions(source, missing):
            if _store_rendition(photo, width=width, format=format, data=data, height=height) is None:
                break
    return sorted(Rendition.objects.filter(photo=photo), key=lambda r: (r.format, r.width))


def photos_make_missing_renditions(
    *, photos: QuerySet[Photo] | None = None, progress: Callable[[list[int]], Iterable[int]] = iter
) -> tuple[int, int]:
    """
    Make the missing renditions of every photo (or of ``photos``) that lacks
    some, here rather than queued: the backfill after a deployment. ``progress``
    wraps the photo ids (a progress bar). Return (photos, renditions made).
    """
    photos = Photo.objects.all() if photos is None else photos
    # One pass over ids and renditions finds which photos need work, in chunks.
    candidates = photos.exclude(image="").only("pk", "image", "width").prefetch_related("renditions")
    ids = [photo.pk for photo in candidates.iterator(chunk_size=500) if photo_missing_renditions(photo)]
    before = Rendition.objects.filter(photo__in=ids).count()
    for photo_id in progress(ids):
        if (photo := Photo.objects.filter(pk=photo_id).first()) is not None:
            photo_make_renditions(photo=photo)
    return len(ids), Rendition.objects.filter(photo__in=ids).count() - before


def photo_queue_renditions(*, photo: Photo) -> None:
    """
    Queue ``media.tasks.make_renditions`` for the photo once the current
    transaction commits (a worker then sees the saved image). Without a broker
    the task runs inline at the commit.
    """
    from .tasks import make_renditions  # the task calls this module's functions

    photo_id = photo.pk
    transaction.on_commit(lambda: make_renditions.delay(photo_id), robust=True)


#: How long a photo queued from a reader's page is not queued again, in seconds.
REQUEST_QUEUE_TIMEOUT = 300

#: The photos whose renditions wait for the end of the current request (tasks inline only).
_after_response = Local()


def photo_request_renditions(photo: Photo) -> bool:
    """
    From a reader's request showing a photo whose renditions are missing:
    queue them, at most once every few minutes however many requests show the
    photo (``cache.add``). With a broker a worker makes them; without one they
    are made after the response has gone, never while the page waits.
    Return whether the photo was queued.
    """
    if not photo.pk or not cache.add(f"media:renditions-queued:{photo.pk}", True, REQUEST_QUEUE_TIMEOUT):
        return False
    pending = getattr(_after_response, "photo_ids", None)
    if settings.CELERY_TASK_ALWAYS_EAGER and pending is not None:
        pending.add(photo.pk)
    else:
        photo_queue_renditions(photo=photo)
    return True


def start_requested_renditions(**kwargs) -> None:
    """At the start of a request (``request_started``): renditions requested during it wait for its end."""
    _after_response.photo_ids = set()


def make_requested_renditions(**kwargs) -> None:
    """
    At the end of a request (``request_finished``: the client has the
    response), make the renditions ``photo_request_renditions`` put off.
    """
    pending = getattr(_after_response, "photo_ids", None)
    _after_response.photo_ids = None
    if not pending:
        return
    from .tasks import make_renditions

    for photo_id in sorted(pending):
        try:
            make_renditions.delay(photo_id)
        except Exception:  # the response has gone: log, and let the next photo have its turn
            logger.exception("Photo %s: making its renditions failed.", photo_id)


def _wanted(photo: Photo) -> list[tuple[int, str]]:
    return [
        (width, format)
        for format in renditions.rendition_formats(_original_format(photo))
        for width in renditions.rendition_widths(photo.width)
    ]


def _store_rendition(photo: Photo, *, width: int, format: str, data: bytes, height: int) -> Rendition | None:
    """Store one rendition; None when the photo's image was replaced or deleted meanwhile, or not stored."""
    stem = posixpath.splitext(posixpath.basename(photo.image.name))[0]
    name = f"{stem}-{width}.{renditions.EXTENSIONS[format]}"
    rendition = Rendition(photo=photo, width=width, format=format, height=height)
    field = rendition.file.field
    try:
        rendition.file = store_file(
            storage=field.storage,
            name=field.generate_filename(rendition, name),
            content=ContentFile(data, name=name),
            max_length=field.max_length,
        )
    except PhotoNotStored:
        return None  # logged; the renditions still missing are made next time the photo is shown
    with transaction.atomic():
        # Locking the photo row orders this against photo_save: a rendition of
        # an image replaced while it was being made is never kept.
        if not Photo.objects.select_for_update().filter(pk=photo.pk, image=photo.image.name).exists():
            rendition.file.delete(save=False)
            return None
        # get_or_create guards the race of two workers making the same rendition:
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
        logger.warning("Photo %s: cannot read %s, so no renditions were made.", photo.pk, photo.image.name)
        return None
