"""
Renditions are made in the background: when a photo arrives, never while a
reader's page waits. A page showing a photo without them serves the original
at its own size and queues the photo once.
"""

import re
from io import StringIO

import feedparser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from media.models import Photo, Rendition
from media.services import photo_make_renditions, photo_renditions, photo_set_image

from ..factories import image_bytes, image_upload, make_article, make_photo
from .base import PhotoTestCase, photo_form_data


class ReaderRequestTests(PhotoTestCase):
    def setUp(self):
        super().setUp()
        self.client.logout()  # a reader, not an editor
        self.photo = make_photo(image=image_upload("hero.jpg", size=(800, 450)), alt_text_en="Rice fields")
        self.article = make_article(hero_photo=self.photo)

    def state(self) -> tuple[int, set[str]]:
        return Rendition.objects.count(), self.stored_files()

    def assert_shows_the_original(self, html: str) -> None:
        img = re.search(r"<img [^>]*alt=\"Rice fields\"[^>]*>", html).group()
        self.assertIn(f'src="{self.photo.image.url}"', img)
        self.assertIn('width="800" height="450"', img, "its own size: no layout shift")
        self.assertNotIn("srcset", img)

    @override_settings(CELERY_TASK_ALWAYS_EAGER=False)  # as with a broker: a worker makes them
    def test_pages_and_feeds_make_no_rendition_and_queue_the_photo_once(self):
        before = self.state()
        with self.captureOnCommitCallbacks() as queued:
            page = self.client.get(self.article.url_in("en"))
            feed = self.client.get("/en/feed/")
            vietnamese = self.client.get(self.article.url_in("vi"))
        self.assertEqual(self.state(), before, "no rendition row and no file made during the requests")
        self.assert_shows_the_original(page.content.decode())
        (enclosure,) = feedparser.parse(feed.content).entries[0].enclosures
        self.assertEqual(enclosure.href, f"http://testserver{self.photo.image.url}")
        self.assertEqual(int(enclosure.length), self.photo.image.size)
        self.assertEqual(enclosure.type, "image/jpeg")
        self.assertIn(f'src="{self.photo.image.url}"', vietnamese.content.decode())
        self.assertEqual(len(queued), 1, "three requests showing the photo queue it once")

    def test_without_a_broker_the_renditions_are_made_once_the_response_is_rendered(self):
        self.assertFalse(Rendition.objects.exists())
        first = self.client.get(self.article.url_in("en"))
        self.assert_shows_the_original(first.content.decode())  # rendered before any rendition existed
        made = photo_renditions(Photo.objects.get(pk=self.photo.pk))
        self.assertEqual(sorted({r.width for r in made}), [320, 640, 800])
        html = self.client.get(self.article.url_in("en")).content.decode()
        self.assertIn("srcset=", html)
        self.assertIn(f'src="{made[1].file.url}"', html)  # the 640-wide original-format copy
        self.assertIn('width="800" height="450"', html)


class ArrivingPhotoTests(PhotoTestCase):
    def test_an_upload_in_the_admin_makes_the_renditions(self):
        with self.captureOnCommitCallbacks(execute=True):  # the upload's task runs at the commit
            response = self.client.post(
                reverse("admin:media_photo_add"),
                photo_form_data(
                    SimpleUploadedFile("Cánh đồng.jpg", image_bytes(size=(1200, 800))),
                    caption_vi="Cánh đồng lúa",
                ),
            )
        self.assertEqual(response.status_code, 302)
        photo = Photo.objects.get()
        self.assertEqual(
            sorted((r.format, r.width, r.height) for r in photo_renditions(photo)),
            [
                (fmt, w, h)
                for fmt in ("jpeg", "webp")
                for w, h in ((320, 213), (640, 427), (1024, 683), (1200, 800))
            ],
        )
        self.assertEqual(len(self.stored_files()), 9)

    def test_a_rendition_of_an_image_replaced_meanwhile_is_not_kept(self):
        photo = make_photo(image=image_upload("old.jpg", size=(800, 450)))
        stale = Photo.objects.get(pk=photo.pk)  # what a worker read before the replacement
        photo_set_image(photo=photo, data=image_bytes(size=(500, 500)), name="new.jpg")
        files = self.stored_files()  # the old original is still there: the change is not committed
        self.assertEqual(len(files), 2)
        photo_make_renditions(photo=stale)
        self.assertFalse(Rendition.objects.exists())
        self.assertEqual(self.stored_files(), files, "the stale rendition's file is removed")


class MakeRenditionsCommandTests(PhotoTestCase):
    def test_it_makes_the_missing_renditions_of_every_photo_or_of_one(self):
        done = make_photo(image=image_upload("done.jpg", size=(700, 400)))
        photo_make_renditions(photo=done)
        half = make_photo(image=image_upload("half.jpg", size=(700, 400)))
        photo_make_renditions(photo=half)
        with self.captureOnCommitCallbacks(execute=True):
            half.renditions.filter(format="webp").delete()
        bare = make_photo(image=image_upload("bare.jpg", size=(300, 200)))
        other = make_photo(image=image_upload("other.jpg", size=(300, 200)))
        Photo.objects.create()  # no image: nothing to make

        out = StringIO()
        call_command("make_renditions", "--photo", str(bare.pk), stdout=out)
        self.assertEqual(out.getvalue(), "made 2 renditions for 1 photos\n")
        self.assertFalse(other.renditions.exists())

        call_command("make_renditions", stdout=out)
        self.assertIn("made 5 renditions for 2 photos", out.getvalue())
        for photo in (done, half, bare, other):
            with self.subTest(photo.image.name):
                self.assertEqual(photo.renditions.count(), 6 if photo.width == 700 else 2)
        self.assertEqual(len(self.stored_files()), 4 + 6 + 6 + 2 + 2)

        call_command("make_renditions", stdout=out)
        self.assertIn("made 0 renditions for 0 photos", out.getvalue())

    def test_an_unknown_photo_is_an_error(self):
        with self.assertRaisesMessage(CommandError, "No photo has the id 999."):
            call_command("make_renditions", "--photo", "999")
