"""
A full disk, or a media folder that cannot be written: the upload is refused
with the reason on its form, and nothing is left behind, neither a partial
file nor a row pointing at one.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from media.models import Photo, Rendition
from media.services import PhotoNotStored, photo_make_renditions, photo_set_image

from ..factories import image_bytes, make_photo
from .base import PhotoTestCase, full_disk, photo_form_data

NOT_STORED = "The image could not be stored"


class StorageFailureTestCase(PhotoTestCase):
    def failing_storages(self):
        """A full disk (half of each file written, then ENOSPC), and a media folder under a regular file."""
        (self.media_root / "blocked").write_bytes(b"a file where a folder should be")
        return {
            "full disk": full_disk(),
            "unwritable folder": override_settings(MEDIA_ROOT=self.media_root / "blocked" / "media"),
        }

    def assertNothingLeft(self, files_before):
        self.assertEqual(self.stored_files(), files_before, "no partial or empty file left")
        for photo in Photo.objects.exclude(image=""):
            self.assertTrue(photo.image.storage.exists(photo.image.name), "no row points at a missing file")


class AdminUploadTests(StorageFailureTestCase):
    def test_a_new_photo_is_refused_on_its_form_and_leaves_nothing(self):
        for label, storage in self.failing_storages().items():
            with self.subTest(label), storage:
                before = self.stored_files()
                response = self.client.post(
                    reverse("admin:media_photo_add"),
                    photo_form_data(
                        SimpleUploadedFile("Bến cảng.jpg", image_bytes(size=(300, 200))),
                        caption_en="The harbour",
                    ),
                )
                self.assertEqual(response.status_code, 200)
                form = response.context["adminform"].form
                self.assertEqual(list(form.errors), ["image"])
                self.assertIn(NOT_STORED, form.errors["image"][0])
                self.assertContains(response, NOT_STORED)
                self.assertContains(response, "The harbour", msg_prefix="what was typed is kept")
                self.assertFalse(Photo.objects.exists())
                self.assertNothingLeft(before)

    def test_a_replacement_is_refused_and_the_photo_keeps_its_image(self):
        photo = make_photo(caption_en="Before")
        photo_make_renditions(photo=photo)
        image, renditions = photo.image.name, set(photo.renditions.values_list("file", flat=True))
        files = self.stored_files()
        with full_disk(), self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:media_photo_change", args=[photo.pk]),
                photo_form_data(
                    SimpleUploadedFile("new.jpg", image_bytes(size=(120, 80))), caption_en="After"
                ),
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn(NOT_STORED, response.context["adminform"].form.errors["image"][0])
        photo.refresh_from_db()
        self.assertEqual((photo.image.name, photo.caption_en), (image, "Before"))
        self.assertEqual(set(photo.renditions.values_list("file", flat=True)), renditions)
        self.assertEqual(self.stored_files(), files)


class ServiceTests(StorageFailureTestCase):
    def test_photo_set_image_raises_photo_not_stored_and_puts_the_photo_back(self):
        photo = make_photo()
        saved = Photo.objects.get(pk=photo.pk)
        files = self.stored_files()
        with full_disk(), self.assertRaisesMessage(PhotoNotStored, "No space left on device"):
            photo_set_image(photo=photo, data=image_bytes(size=(200, 100)), name="bigger.jpg")
        self.assertEqual(self.stored_files(), files)
        self.assertEqual(
            (photo.image.name, photo.width, photo.height, photo.file_hash),
            (saved.image.name, saved.width, saved.height, saved.file_hash),
            "the photo in memory is the stored one: saving it again writes nothing wrong",
        )

    def test_renditions_that_cannot_be_stored_are_not_made_and_leave_nothing(self):
        photo = make_photo(image=SimpleUploadedFile("wide.jpg", image_bytes(size=(800, 450))))
        files = self.stored_files()
        with full_disk():
            self.assertEqual(photo_make_renditions(photo=photo), [])
        self.assertFalse(Rendition.objects.exists())
        self.assertEqual(self.stored_files(), files)
