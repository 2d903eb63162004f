"""Uploaded video files: MP4 or WebM, recognised by their first bytes, within a size limit."""

import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.text import slugify_vi

#: ISO base media ("....ftyp") is MP4; the EBML magic number starts WebM.
_SIGNATURES = {
    ".mp4": lambda head: head[4:8] == b"ftyp",
    ".webm": lambda head: head[:4] == b"\x1a\x45\xdf\xa3",
}


def validate_video(upload) -> None:
    """Refuse anything but an MP4 or WebM file within NEWSROOM_MAX_VIDEO_SIZE, whatever its name says."""
    limit = settings.NEWSROOM_MAX_VIDEO_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("The video is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": upload.size // 2**20, "limit": limit // 2**20},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(matches(head) for matches in _SIGNATURES.values()):
        raise ValidationError(_("This is not an MP4 or WebM video."), code="not_video")


def video_upload_to(instance, filename: str) -> str:
    """var/media/videos/<year>/<month>/<folded-name>.<mp4|webm>."""
    stem, extension = posixpath.splitext(posixpath.basename(filename.replace("\\", "/")))
    extension = extension.lower() if extension.lower() in _SIGNATURES else ".mp4"
    now = timezone.now()
    return f"videos/{now:%Y/%m}/{slugify_vi(stem, max_length=80) or 'video'}{extension}"
