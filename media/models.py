import hashlib
import posixpath
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from newsroom.languages import localized_text
from newsroom.richtext import validate_no_markup
from newsroom.text import slugify_vi


def photo_upload_to(instance: "Photo", filename: str) -> str:
    """photos/2026/01/<folded-name>.<ext>: no path parts, no Vietnamese letters in file names."""
    stem, ext = posixpath.splitext(posixpath.basename(filename.replace("\\", "/")))
    name = slugify_vi(stem, max_length=80) or "photo"
    return timezone.now().strftime(f"photos/%Y/%m/{name}{ext.lower()}")


class Photo(models.Model):
    """An image with its caption and alt text in each language, and who took it."""

    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        width_field="width",
        height_field="height",
        max_length=255,
        blank=True,
        help_text=_("JPEG, PNG, WebP or GIF."),
    )
    source_url = models.URLField(
        _("original address"),
        max_length=1000,
        blank=True,
        help_text=_("Where an imported photo lives at its source; fetched when the image is missing."),
    )
    caption = models.TextField(
        _("caption"),
        blank=True,
        validators=[validate_no_markup],
        help_text=_("Shown under the photo, before the credit."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        validators=[validate_no_markup],
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    credit = models.ForeignKey(
        "articles.Source",
        verbose_name=_("credit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos",
        help_text=_("Who the photo comes from: shown as “(Photo: VNA)” / “(Ảnh: TTXVN)”."),
    )
    focal_x = models.PositiveSmallIntegerField(
        _("focal point across"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Where the subject is, in percent from the left edge: teasers crop around it."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point down"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Where the subject is, in percent from the top edge: teasers crop around it."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    file_hash = models.CharField(_("file hash"), max_length=40, editable=False, blank=True, db_index=True)
    external_id = models.CharField(
        _("external id"),
        max_length=500,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Where an imported photo came from; keeps re-imports from duplicating it."),
    )
    uid = models.UUIDField(
        _("permanent id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identifies the photo in exports and syndication."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at", "-pk"]
        # What media.services.photo_access reads: who may change a photo readers see, and who its texts only.
        permissions = [
            ("change_live_photo", _("Can change a photo that a published article shows")),
            (
                "translate_photo",
                _("Can change a photo's caption and alt text in the languages it is translated into"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__range=(0, 100), focal_y__range=(0, 100)),
                name="photo_focal_point_in_image",
            )
        ]

    def __str__(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        caption = localized_text(self, "caption", language) or localized_text(
            self, "caption", settings.LANGUAGE_CODE
        )
        return caption[:80] or posixpath.basename(self.image.name or "") or f"#{self.pk}"

    def save(self, *args, **kwargs):
        if not self.image:
            self.width = self.height = 0  # ImageField sets None when the file is cleared
        self.fill_file_hash()
        super().save(*args, **kwargs)

    def fill_file_hash(self) -> None:
        """Record the image file's SHA-1 (bulk inserts call this themselves)."""
        if self.image and not self.file_hash:
            self.file_hash = _hash_file(self.image)


def _hash_file(field_file) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    field_file.open("rb")  # reading dimensions may have closed it
    for chunk in field_file.chunks():
        digest.update(chunk)
    field_file.seek(0)
    return digest.hexdigest()


def rendition_upload_to(instance: "Rendition", filename: str) -> str:
    return f"renditions/{instance.photo_id % 1000:03d}/{filename}"


class Rendition(models.Model):
    """A resized copy of a photo at one width and in one format, made once and kept."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField(_("width"))
    format = models.CharField(_("format"), max_length=8)  # webp, jpeg, png, gif
    height = models.PositiveIntegerField(_("height"))
    file = models.ImageField(_("file"), upload_to=rendition_upload_to, max_length=255)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [models.UniqueConstraint(fields=["photo", "width", "format"], name="rendition_unique")]

    def __str__(self):
        return f"{self.width}w {self.format}"
