"""Uploads through the photo admin are checked and re-encoded; a refused one leaves nothing behind."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from media.models import Photo

from ..factories import exif_jpeg_bytes, image_bytes, png_claiming
from .base import PhotoTestCase, photo_form_data
from .images import animated_gif_with_comments, mpo_bytes


def gif_bytes(frames) -> bytes:
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def form_data(upload=None, **fields) -> dict:
    return photo_form_data(upload, **{"caption_vi": "Phố cổ", "caption_en": "The old quarter", **fields})


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
        moving = animated_gif_with_comments()
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
            # Its first frame whole, a later one cut off: decoded only while re-encoding.
            "truncated animation": ("moving.gif", moving[: len(moving) * 8 // 10], "damaged or truncated"),
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

    @override_settings(NEWSROOM_MAX_IMAGE_PIXELS=2_000_000)
    def test_an_animation_whose_frames_together_are_over_the_pixel_limit_is_refused(self):
        frames = [Image.new("P", (1000, 1000), index) for index in range(3)]  # each frame within the limit
        response = self.add(SimpleUploadedFile("long.gif", gif_bytes(frames)))
        self.assertFormError(
            response.context["adminform"].form,
            "image",
            "The animation has 3 frames of 1000 × 1000 pixels; "
            "the limit is 2 megapixels for all its frames together.",
        )
        self.assertFalse(Photo.objects.exists())
        self.assertEqual(self.stored_files(), set())

    def test_a_multi_picture_jpeg_from_a_camera_is_stored_as_a_jpeg_of_its_first_picture(self):
        response = self.add(SimpleUploadedFile("DSCF0001.MPO", mpo_bytes(size=(60, 40))))
        self.assertRedirects(response, reverse("admin:media_photo_changelist"))
        photo = Photo.objects.get()
        self.assertTrue(photo.image.name.endswith("/dscf0001.jpg"))
        with Image.open(photo.image.path) as image:
            self.assertEqual((image.format, getattr(image, "n_frames", 1)), ("JPEG", 1))
            red, _green, blue = image.convert("RGB").getpixel((30, 20))
        self.assertGreater(red, 200, "the first picture (red), not the second (blue)")
        self.assertLess(blue, 40)
        self.assertEqual((photo.width, photo.height), (60, 40))

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
