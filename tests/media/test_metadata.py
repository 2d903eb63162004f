"""
Uploads keep their pixels and nothing else: no comment, EXIF, XMP, text chunk
or ICC profile reaches the stored file or any of its renditions, in any
format, in any frame of an animation; animations still play the same.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat

from media.models import Photo
from media.services import photo_renditions

from .base import PhotoTestCase, photo_form_data
from .images import (
    DURATIONS,
    METADATA_KEYS,
    SCRIPT,
    animated_gif_with_comments,
    animated_png_with_metadata,
    animated_webp_with_metadata,
    animation_frames,
    frames_of,
    gif_with_comment,
    jpeg_with_metadata,
    jpeg_with_profile,
    png_with_metadata,
    srgb_profile_with_script,
    swapped_primaries_profile,
    webp_with_metadata,
)

HOSTILE = {
    "JPEG": ("phone.jpg", jpeg_with_metadata, "JPEG"),
    "PNG": ("screen.png", png_with_metadata, "PNG"),
    "GIF": ("still.gif", gif_with_comment, "GIF"),
    "animated GIF": ("moving.gif", animated_gif_with_comments, "GIF"),
    "WebP": ("still.webp", webp_with_metadata, "WEBP"),
    "animated WebP": ("moving.webp", animated_webp_with_metadata, "WEBP"),
    "animated PNG": ("moving.png", animated_png_with_metadata, "PNG"),
}


class MetadataTests(PhotoTestCase):
    def upload(self, name: str, data: bytes) -> Photo:
        with self.captureOnCommitCallbacks(execute=True):  # the renditions are made at the commit
            response = self.client.post(
                reverse("admin:media_photo_add"), photo_form_data(SimpleUploadedFile(name, data))
            )
        self.assertEqual(response.status_code, 302)
        return Photo.objects.latest("pk")

    def assertNoMetadata(self, data: bytes, label: str) -> None:
        self.assertNotIn(b"<script", data.lower(), label)
        self.assertNotIn(b"comment", data.lower(), label)
        with Image.open(io.BytesIO(data)) as image:
            for index in range(getattr(image, "n_frames", 1)):
                image.seek(index)
                self.assertEqual(METADATA_KEYS & set(image.info), set(), f"{label}, frame {index}")
                self.assertEqual(dict(image.getexif()), {}, f"{label}, frame {index}")
                self.assertEqual(getattr(image, "text", {}), {}, f"{label}, frame {index}")

    def test_no_metadata_in_the_stored_file_or_its_renditions(self):
        for label, (name, build, fmt) in HOSTILE.items():
            with self.subTest(label):
                data = build()
                self.assertIn(SCRIPT, data, "the test image does carry the script")
                photo = self.upload(name, data)
                with photo.image.open("rb") as stream:
                    stored = stream.read()
                self.assertEqual(Image.open(io.BytesIO(stored)).format, fmt)
                self.assertNoMetadata(stored, f"{label} original")
                made = photo_renditions(photo)
                self.assertEqual(
                    len(made), 1 if fmt == "WEBP" else 2, "a WebP, and one in the original's format"
                )
                for rendition in made:
                    with rendition.file.open("rb") as stream:
                        self.assertNoMetadata(stream.read(), f"{label} rendition {rendition}")

    def test_animations_keep_every_frame_and_its_timing(self):
        opaque = [frame.convert("RGB") for frame in animation_frames(transparent=False)]
        buffer = io.BytesIO()
        opaque[0].save(buffer, "GIF", save_all=True, append_images=opaque[1:], duration=DURATIONS)
        # GIF and PNG frames come back exactly; lossy WebP ones nearly.
        for label, name, data, tolerance in (
            ("animated GIF", "moving.gif", animated_gif_with_comments(), 0),
            ("opaque animated GIF", "opaque.gif", buffer.getvalue(), 0),
            ("animated PNG", "moving.png", animated_png_with_metadata(), 0),
            ("animated WebP", "moving.webp", animated_webp_with_metadata(), 4),
        ):
            with self.subTest(label):
                photo = self.upload(name, data)
                with photo.image.open("rb") as stream:
                    stored = frames_of(stream.read())
                self.assertEqual([duration for _frame, duration in stored], DURATIONS)
                for index, ((got, _d), (want, _w)) in enumerate(zip(stored, frames_of(data), strict=True)):
                    # Where the square has moved on, the background shows through again.
                    mean = ImageStat.Stat(ImageChops.difference(got, want)).mean
                    self.assertLessEqual(max(mean), tolerance, f"frame {index}")

    def test_a_colour_profile_is_applied_then_dropped(self):
        for label, profile, expected in (
            ("sRGB with a script", srgb_profile_with_script(), (204, 34, 0)),
            ("red and blue swapped", swapped_primaries_profile(), (0, 34, 204)),
        ):
            with self.subTest(label):
                photo = self.upload("profiled.jpg", jpeg_with_profile(profile))
                with Image.open(photo.image.path) as image:
                    self.assertNotIn("icc_profile", image.info)
                    pixel = image.convert("RGB").getpixel((10, 10))
                # The colour the profile described, in sRGB, give or take the JPEG encoding.
                self.assertLess(max(abs(a - b) for a, b in zip(pixel, expected, strict=True)), 8, pixel)
