"""Renditions are made once and follow the image; a photo's files go when it goes, once committed."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from media.models import Photo, Rendition
from media.services import photo_make_renditions, photo_renditions, photo_set_image

from ..factories import image_bytes, make_photo
from .base import PhotoTestCase, photo_form_data


class RenditionTests(PhotoTestCase):
    def test_renditions_are_made_once(self):
        photo = make_photo(image=SimpleUploadedFile("wide.jpg", image_bytes(size=(800, 450))))
        made = photo_make_renditions(photo=photo)
        self.assertEqual(
            sorted((r.format, r.width) for r in made),
            [("jpeg", 320), ("jpeg", 640), ("jpeg", 800), ("webp", 320), ("webp", 640), ("webp", 800)],
        )
        files = self.stored_files()
        self.assertEqual(len(files), 7)
        again = Photo.objects.prefetch_related("renditions").get(pk=photo.pk)
        with self.assertNumQueries(0):
            self.assertEqual(photo_renditions(again), made)
        self.assertEqual(Rendition.objects.count(), 6)
        self.assertEqual(self.stored_files(), files)

    def test_a_new_image_from_the_admin_replaces_the_renditions_and_the_old_files(self):
        photo = make_photo(image=SimpleUploadedFile("old.jpg", image_bytes(size=(800, 450))))
        photo_make_renditions(photo=photo)
        old_files = self.stored_files()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:media_photo_change", args=[photo.pk]),
                photo_form_data(
                    SimpleUploadedFile("new.jpg", image_bytes(size=(500, 500), colour="#113355"))
                ),
            )
        self.assertEqual(response.status_code, 302)
        photo.refresh_from_db()
        self.assertTrue(photo.image.name.endswith("/new.jpg"))
        self.assertEqual((photo.width, photo.height), (500, 500))
        made = photo_renditions(Photo.objects.get(pk=photo.pk))  # made by the task the upload queued
        self.assertEqual(sorted({(r.width, r.height) for r in made}), [(320, 320), (500, 500)])
        self.assertEqual(self.stored_files(), {photo.image.name} | {r.file.name for r in made})
        self.assertFalse(self.stored_files() & old_files, "old original and renditions removed")

    def test_a_new_image_from_an_import_replaces_the_renditions_and_the_hash(self):
        photo = make_photo()
        photo_make_renditions(photo=photo)
        old_hash, old_files = photo.file_hash, self.stored_files()
        with self.captureOnCommitCallbacks(execute=True):  # tasks run inline at the commit
            photo_set_image(photo=photo, data=image_bytes(size=(90, 60), colour="#ffcc00"), name="Mới.png")
        self.assertNotEqual(photo.file_hash, old_hash)
        self.assertTrue(photo.image.name.endswith("/moi.jpg"))
        made = photo_renditions(Photo.objects.get(pk=photo.pk))
        self.assertEqual(
            sorted((r.format, r.width, r.height) for r in made), [("jpeg", 90, 60), ("webp", 90, 60)]
        )
        self.assertEqual(self.stored_files(), {photo.image.name} | {r.file.name for r in made})
        self.assertFalse(self.stored_files() & old_files)

    def test_saving_other_fields_keeps_the_renditions(self):
        photo = make_photo()
        photo_make_renditions(photo=photo)
        files = self.stored_files()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("admin:media_photo_change", args=[photo.pk]),
                photo_form_data(caption_vi="Mới", focal_x=10),
            )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(photo.renditions.count(), 2)
        self.assertEqual(self.stored_files(), files)


class FileRemovalTests(PhotoTestCase):
    def test_deleting_a_photo_in_the_admin_removes_its_files(self):
        photo = make_photo()
        photo_make_renditions(photo=photo)
        self.assertEqual(len(self.stored_files()), 3)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("admin:media_photo_delete", args=[photo.pk]), {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Photo.objects.exists())
        self.assertFalse(Rendition.objects.exists())
        self.assertEqual(self.stored_files(), set())

    def test_a_rolled_back_deletion_keeps_the_files(self):
        photo = make_photo()
        photo_make_renditions(photo=photo)
        files = self.stored_files()
        with (
            self.captureOnCommitCallbacks(execute=True) as callbacks,
            self.assertRaises(RuntimeError),
            transaction.atomic(),
        ):
            photo.delete()
            raise RuntimeError("rolled back")
        self.assertEqual(callbacks, [])
        self.assertEqual(self.stored_files(), files)

    def test_a_file_another_photo_still_uses_is_kept(self):
        photo = make_photo()
        twin = Photo.objects.create(image=photo.image.name)  # as an import of our own export may do
        with self.captureOnCommitCallbacks(execute=True):
            photo.delete()
        self.assertEqual(self.stored_files(), {twin.image.name})
