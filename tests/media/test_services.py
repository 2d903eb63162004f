import io
from unittest import mock

from django.core.files.uploadedfile import UploadedFile
from django.test import SimpleTestCase, override_settings
from django.utils import translation
from PIL import Image

from media.services import ImageRejected, clean_image, clean_upload

from ..factories import exif_jpeg_bytes, image_bytes, png_claiming


class CleanImageTests(SimpleTestCase):
    def setUp(self):
        self.enterContext(translation.override("en"))

    def test_accepts_jpeg_png_webp_and_gif_by_content(self):
        for fmt, extension in (("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp"), ("GIF", ".gif")):
            with self.subTest(fmt):
                content = clean_image(image_bytes(fmt=fmt), name="Ảnh đẹp Hà Nội.bin")
                self.assertEqual(content.name, f"anh-dep-ha-noi{extension}")
                self.assertEqual(Image.open(io.BytesIO(content.read())).format, fmt)

    def test_refuses_svg_and_other_documents(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
        with self.assertRaisesMessage(ImageRejected, "not a JPEG, PNG, WebP or GIF"):
            clean_image(svg, name="logo.svg")
        with self.assertRaisesMessage(ImageRejected, "not a JPEG, PNG, WebP or GIF"):
            clean_image(b"<?php system($_GET['c']); ?>", name="photo.jpg")
        with self.assertRaisesMessage(ImageRejected, "not a JPEG, PNG, WebP or GIF"):
            clean_image(image_bytes(fmt="BMP"), name="photo.jpg")

    def test_refuses_truncated_images(self):
        data = image_bytes(size=(400, 300), fmt="JPEG")
        with self.assertRaisesMessage(ImageRejected, "damaged or truncated"):
            clean_image(data[: len(data) // 2], name="half.jpg")

    @override_settings(NEWSROOM_MAX_IMAGE_PIXELS=10_000)
    def test_refuses_images_with_too_many_pixels(self):
        with self.assertRaisesMessage(ImageRejected, "pixels"):
            clean_image(image_bytes(size=(200, 100)), name="bomb.jpg")

    def test_refuses_a_decompression_bomb(self):
        for size in ((30_000, 30_000), (10_000, 10_000)):  # beyond Pillow's own limit, and beyond ours
            with self.subTest(size), self.assertRaisesMessage(ImageRejected, "pixels"):
                clean_image(png_claiming(size), name="bomb.png")

    @override_settings(NEWSROOM_MAX_UPLOAD_SIZE=1000)
    def test_refuses_files_over_the_size_limit(self):
        with self.assertRaisesMessage(ImageRejected, "the limit is"):
            clean_image(image_bytes(size=(300, 300)) + b"\0" * 2000, name="big.jpg")

    @override_settings(NEWSROOM_MAX_UPLOAD_SIZE=1000)
    def test_refuses_an_upload_over_the_size_limit_before_reading_it(self):
        upload = mock.Mock(spec=UploadedFile, size=2_000_000)
        upload.name = "big.jpg"
        with self.assertRaisesMessage(ImageRejected, "The file is 2 MB; the limit is 0 MB."):
            clean_upload(upload)
        upload.read.assert_not_called()
        upload.chunks.assert_not_called()

    def test_strips_location_and_camera_and_applies_orientation(self):
        content = clean_image(exif_jpeg_bytes(), name="phone.jpg")
        image = Image.open(io.BytesIO(content.read()))
        self.assertEqual(image.size, (30, 40), "turned upright")
        exif = image.getexif()
        self.assertNotIn(0x010F, exif)
        self.assertNotIn(0x0110, exif)
        self.assertEqual(dict(exif.get_ifd(0x8825)), {})
