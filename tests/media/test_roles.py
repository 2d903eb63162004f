"""
Who may change a photo, by direct POSTs to its admin form as each role: a
photo a live article shows is the desk's; a reporter changes the others; a
translator only the caption and alt text of a translation not yet live.
"""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import ArticlePhoto, Status
from articles.services import article_publish
from desk.roles import EDITOR, REPORTER, TRANSLATOR, setup_roles
from media.models import Photo
from media.services import PhotoChangeRefused, photo_save

from ..factories import image_bytes, make_article, make_photo, make_source
from .base import PhotoTestCase, photo_form_data

ONLY_AN_EDITOR = "A published article shows this photo: only an editor may change it."


class RoleTestCase(PhotoTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        setup_roles()
        users = get_user_model().objects
        cls.reporter = users.create_user("reporter", password="pw", is_staff=True)
        cls.translator = users.create_user("translator", password="pw", is_staff=True)
        cls.desk_editor = users.create_user("desk-editor", password="pw", is_staff=True)
        for user, role in ((cls.reporter, REPORTER), (cls.translator, TRANSLATOR), (cls.desk_editor, EDITOR)):
            user.groups.add(Group.objects.get(name=role))

    def state(self, photo: Photo) -> tuple:
        """What readers would see of the photo: its row and its file's bytes."""
        photo = Photo.objects.get(pk=photo.pk)
        digest = hashlib.sha256(photo.image.read()).hexdigest() if photo.image else ""
        return (
            photo.image.name,
            digest,
            photo.caption_vi,
            photo.caption_en,
            photo.alt_text_vi,
            photo.alt_text_en,
            photo.credit_id,
            photo.focal_x,
            photo.focal_y,
        )

    def post_as(self, user, photo: Photo, **data):
        """A hand-made POST to the photo's change form: the photo as stored, with ``data`` over it."""
        self.client.force_login(user)
        photo = Photo.objects.get(pk=photo.pk)
        fields = photo_form_data(
            **{
                name: getattr(photo, name) or ""
                for name in ("caption_vi", "caption_en", "alt_text_vi", "alt_text_en")
            },
            focal_x=photo.focal_x,
            focal_y=photo.focal_y,
        )
        return self.client.post(reverse("admin:media_photo_change", args=[photo.pk]), {**fields, **data})

    def changes(self):
        """Each kind of change a hand-made POST can make, by name."""
        return {
            "new image": {"image": SimpleUploadedFile("swap.jpg", image_bytes(colour="#ff00ff"))},
            "new caption": {"caption_vi": "Chú thích bị đổi", "caption_en": "A changed caption"},
            "image cleared": {"image-clear": "on"},
            "new alt text": {"alt_text_en": "Changed alt text"},
            "new focal point": {"focal_x": 5},
        }

    def assertRefused(self, response, photo, before, message):
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, message, status_code=403)
        self.assertContains(response, "Nothing was saved.", status_code=403)
        self.assertEqual(self.state(photo), before)


class ReporterTests(RoleTestCase):
    def test_a_photo_a_live_article_shows_is_refused_in_every_way_and_is_the_desks_to_change(self):
        photo = make_photo(uploaded_by=self.reporter)
        make_article(hero_photo=photo)  # published in both languages
        before = self.state(photo)
        for label, change in self.changes().items():
            with self.subTest(label):
                self.assertRefused(
                    self.post_as(self.reporter, photo, **change), photo, before, ONLY_AN_EDITOR
                )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post_as(
                self.desk_editor,
                photo,
                image=SimpleUploadedFile("fixed.jpg", image_bytes(size=(70, 50))),
                caption_en="Corrected caption",
            )
        self.assertEqual(response.status_code, 302)
        photo.refresh_from_db()
        self.assertEqual((photo.caption_en, photo.width, photo.height), ("Corrected caption", 70, 50))

    def test_a_photo_in_the_body_of_a_live_version_or_of_a_scheduled_one_is_refused(self):
        in_body = make_photo()
        ArticlePhoto.objects.create(article=make_article(languages=["en"]), photo=in_body)
        scheduled = make_photo()
        make_article(hero_photo=scheduled, published_at=timezone.now() + timedelta(days=1))
        for photo in (in_body, scheduled):
            with self.subTest(photo.pk):
                before = self.state(photo)
                response = self.post_as(self.reporter, photo, caption_en="Sneaked in")
                self.assertRefused(response, photo, before, ONLY_AN_EDITOR)

    def test_the_form_of_a_live_photo_is_read_only_and_says_why(self):
        photo = make_photo()
        make_article(hero_photo=photo)
        self.client.force_login(self.reporter)
        response = self.client.get(reverse("admin:media_photo_change", args=[photo.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, ONLY_AN_EDITOR)
        self.assertNotContains(response, 'name="caption_en"')
        self.assertNotContains(response, 'type="file"')

    def test_a_reporter_changes_a_photo_until_an_article_showing_it_goes_live(self):
        draft = make_photo(uploaded_by=self.reporter)
        article = make_article(hero_photo=draft, status=Status.DRAFT, created_by=self.reporter)
        unpublished = make_photo()
        make_article(hero_photo=unpublished, status=Status.UNPUBLISHED)
        unused = make_photo(uploaded_by=self.reporter)
        for photo in (draft, unpublished, unused):
            with self.subTest(photo.pk), self.captureOnCommitCallbacks(execute=True):
                response = self.post_as(
                    self.reporter,
                    photo,
                    image=SimpleUploadedFile("better.jpg", image_bytes(size=(90, 60))),
                    caption_en="A better caption",
                )
                self.assertEqual(response.status_code, 302)
                photo.refresh_from_db()
                self.assertEqual((photo.caption_en, photo.width), ("A better caption", 90))
        article_publish(article=article, language="vi", by=self.desk_editor)
        before = self.state(draft)
        response = self.post_as(self.reporter, draft, caption_en="After publication")
        self.assertRefused(response, draft, before, ONLY_AN_EDITOR)

    def test_photo_save_refuses_the_change_whatever_calls_it(self):
        photo = make_photo()
        make_article(hero_photo=photo)
        before = self.state(photo)
        photo.caption_en = "Through the services"
        with translation.override("en"), self.assertRaisesMessage(PhotoChangeRefused, ONLY_AN_EDITOR):
            photo_save(photo=photo, by=self.reporter)
        self.assertEqual(self.state(photo), before)
        photo_save(photo=photo, by=self.desk_editor)  # the desk may
        photo_save(photo=photo)  # as imports do: no person to check
        self.assertEqual(Photo.objects.get(pk=photo.pk).caption_en, "Through the services")


class TranslatorTests(RoleTestCase):
    """The articles here are Vietnamese originals: their translation is English."""

    def vietnamese_live(self, **photo_fields):
        photo = make_photo(**photo_fields)
        make_article(hero_photo=photo, languages=["vi"], original_language="vi")
        return photo

    def test_writes_the_caption_and_alt_text_of_a_translation_not_yet_live(self):
        photo = self.vietnamese_live(caption_en="")
        self.client.force_login(self.translator)
        form = self.client.get(reverse("admin:media_photo_change", args=[photo.pk]))
        self.assertContains(
            form, "You may change only these fields of this photo: caption [en], alt text [en]."
        )
        editable = set(form.context["adminform"].form.fields)
        self.assertEqual(editable, {"caption_en", "alt_text_en"})
        response = self.client.post(
            reverse("admin:media_photo_change", args=[photo.pk]),
            {"caption_en": "Rice fields at harvest", "alt_text_en": "Farmers in a golden field"},
        )
        self.assertEqual(response.status_code, 302)
        photo.refresh_from_db()
        self.assertEqual(
            (photo.caption_en, photo.alt_text_en), ("Rice fields at harvest", "Farmers in a golden field")
        )
        self.assertEqual(photo.caption_vi, "Chú thích ảnh")

    def test_anything_else_posted_is_refused_with_a_form_error(self):
        photo = self.vietnamese_live()
        before = self.state(photo)
        for label, change in {
            **self.changes(),
            "Vietnamese caption": {"caption_vi": "Sửa chú thích gốc"},
            "credit": {"credit": str(make_source().pk)},
        }.items():
            if label == "new alt text":
                continue  # the English alt text is theirs
            with self.subTest(label):
                response = self.post_as(self.translator, photo, **change)
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.non_field_errors()
                self.assertEqual(len(errors), 1)
                self.assertIn("You may not change these fields of this photo:", errors[0])
                self.assertContains(response, "You may not change these fields of this photo:")
                self.assertEqual(self.state(photo), before)

    def test_a_caption_a_live_version_shows_is_refused(self):
        both_live = make_photo()
        make_article(hero_photo=both_live, original_language="vi")  # English published too
        scheduled = make_photo()
        make_article(
            hero_photo=scheduled, original_language="vi", published_at=timezone.now() + timedelta(hours=2)
        )
        message = (
            "The English version of an article showing this photo is published: "
            "only an editor may change its English caption and alt text."
        )
        for photo in (both_live, scheduled):
            with self.subTest(photo.pk):
                before = self.state(photo)
                response = self.post_as(
                    self.translator, photo, caption_en="Unreviewed", alt_text_en="Unreviewed"
                )
                self.assertRefused(response, photo, before, message)

    def test_a_caption_standing_in_for_a_missing_one_on_a_live_page_is_refused(self):
        # Live without a caption: an English one would show, labelled, on the Vietnamese page.
        photo = self.vietnamese_live(caption_vi="", caption_en="")
        before = self.state(photo)
        response = self.post_as(self.translator, photo, caption_en="<b>Unreviewed</b>")
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "The published Vietnamese version of an article shows the English caption, "
            "having none of its own: only an editor may change it.",
        )
        self.assertEqual(self.state(photo), before)
        response = self.post_as(self.translator, photo, alt_text_en="A harbour")
        self.assertEqual(response.status_code, 302, "the alt text is still theirs")

    def test_a_photo_no_article_shows_has_no_caption_for_them(self):
        photo = make_photo()
        before = self.state(photo)
        response = self.post_as(self.translator, photo, caption_en="Mine now")
        self.assertRefused(response, photo, before, "No article showing this photo is translated")
