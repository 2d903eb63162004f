"""Uploads through the photo admin are checked and re-encoded; a refused one leaves nothing behind."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from media.models import Photo

from ..factories import exif_jpeg_bytes, image_bytes, png_claiming
from .base import PhotoTestCase


def form_data(upload=None, **fields) -> dict:
    data = {
        "caption_vi": "Phố cổ",
        "caption_en": "The old quarter",
        "alt_text_vi": "",
        "alt_text_en": "",
        "credit": "",
        "focal_x": 50,
        "focal_y": 50,
        **fields,
    }
    if upload is not None:
        data["image"] = upload
    return data


class PhotoUploadTests(PhotoTestCase):
    def add(self, upload, **fields):
        return self.client.post(reverse("admin:media_photo_add"), form_data(upload, **fields))

    def test_an_upload_is_stored_re_encoded_upright_without_location_under_a_folded_name(self):
        response = self.add(SimpleUploadedFile("../Ảnh phố cổ Hà Nội.JPG", exif_jpeg_bytes()))
        self.assertRedirects(response, reverse("admin:media_photo_changelist"))
        photo = Photo.objects.get()
        self.assertEqual(photo.image.name, timezone.now().strftime("photos/%Y/%m/anh-pho-co-ha-noi.jpg"))
        self.assertEqual(self.stored_files(), {photo.image.name})
        with Image.open(photo.image.path) as image:
            self.assertEqual(image.format, "JPEG")
            self.assertEqual(image.size, (30, 40), "turned upright by its EXIF orientation")
            exif = image.getexif()
            self.assertNotIn(0x010F, exif, "camera make")
            self.assertNotIn(0x0110, exif, "camera model")
            self.assertNotIn(0x0112, exif, "orientation, now applied")
            self.assertEqual(dict(exif.get_ifd(0x8825)), {}, "GPS position")
        self.assertEqual((photo.width, photo.height), (30, 40))
        self.assertEqual(len(photo.file_hash), 40)
        self.assertEqual(photo.uploaded_by, self.editor)

    def test_the_stored_extension_follows_the_content_not_the_name(self):
        self.add(SimpleUploadedFile("photo.jpg", image_bytes(fmt="PNG")))
        self.assertTrue(Photo.objects.get().image.name.endswith("/photo.png"))

    def test_refused_uploads_show_why_on_the_image_field_and_leave_no_file_and_no_photo(self):
        jpeg = image_bytes(size=(400, 300))
        refusals = {
            "SVG": (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>',
                "This is not a JPEG, PNG, WebP or GIF image.",
            ),
            "PHP named .jpg": ("photo.jpg", b"<?php system($_GET['c']); ?>", "not a JPEG, PNG, WebP or GIF"),
            "HTML named .jpg": ("photo.jpg", b"<html><script>alert(1)</script></html>", "not a JPEG"),
            "decompression bomb": ("bomb.png", png_claiming((30_000, 30_000)), "too many pixels"),
            "over the pixel limit": ("big.png", png_claiming((8_000, 8_000)), "the limit is 50 megapixels"),
            "truncated": ("half.jpg", jpeg[: len(jpeg) // 2], "damaged or truncated"),
            "empty": ("empty.jpg", b"", "The submitted file is empty."),
        }
        for label, (name, content, message) in refusals.items():
            with self.subTest(label):
                response = self.add(SimpleUploadedFile(name, content))
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors
                self.assertEqual(list(errors), ["image"])
                self.assertIn(message, errors["image"][0])
                self.assertContains(response, message)
                self.assertFalse(Photo.objects.exists())
                self.assertEqual(self.stored_files(), set())

    @override_settings(NEWSROOM_MAX_UPLOAD_SIZE=2**20)
    def test_a_file_over_the_size_limit_is_refused(self):
        # Bigger than the limit, though a picture: JPEG decoders ignore what follows the image.
        response = self.add(SimpleUploadedFile("big.jpg", image_bytes() + bytes(2 * 2**20)))
        self.assertFormError(
            response.context["adminform"].form, "image", "The file is 3 MB; the limit is 1 MB."
        )
        self.assertFalse(Photo.objects.exists())
        self.assertEqual(self.stored_files(), set())

    def test_a_refused_replacement_keeps_the_photo_as_it_was(self):
        self.add(SimpleUploadedFile("first.jpg", image_bytes()))
        photo = Photo.objects.get()
        before = self.stored_files()
        response = self.client.post(
            reverse("admin:media_photo_change", args=[photo.pk]),
            form_data(SimpleUploadedFile("photo.jpg", b"<?php ?>"), caption_en="Changed"),
        )
        self.assertEqual(list(response.context["adminform"].form.errors), ["image"])
        photo.refresh_from_db()
        self.assertEqual((photo.caption_en, photo.image.name), ("The old quarter", next(iter(before))))
        self.assertEqual(self.stored_files(), before)
