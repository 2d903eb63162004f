"""The focal point: set in the admin, kept in range by the database, followed by teaser crops."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from media.models import Photo
from media.services import photo_make_renditions
from media.templatetags.media_tags import focus_classes

from ..factories import make_article, make_photo
from .base import PhotoTestCase


class FocalPointTests(PhotoTestCase):
    def change(self, photo, **fields):
        data = {"caption_vi": "", "caption_en": "", "alt_text_vi": "", "alt_text_en": "", **fields}
        return self.client.post(reverse("admin:media_photo_change", args=[photo.pk]), data)

    def test_the_change_form_offers_the_clickable_preview_and_the_number_fields(self):
        photo = make_photo()
        response = self.client.get(reverse("admin:media_photo_change", args=[photo.pk]))
        self.assertContains(response, "media/admin/focal_point.js")
        self.assertContains(response, "data-focal-point")
        self.assertContains(response, f'<img src="{photo.image.url}" alt="" width="320">')
        for name in ("focal_x", "focal_y"):
            self.assertRegex(
                response.content.decode(), rf'<input type="number" name="{name}" value="50"[^>]* max="100"'
            )

    def test_the_editor_sets_the_focal_point(self):
        photo = make_photo()
        self.assertEqual((photo.focal_x, photo.focal_y), (50, 50))
        self.assertEqual(self.change(photo, focal_x=20, focal_y=80).status_code, 302)
        photo.refresh_from_db()
        self.assertEqual((photo.focal_x, photo.focal_y), (20, 80))

    def test_a_focal_point_outside_the_photo_is_refused(self):
        photo = make_photo()
        response = self.change(photo, focal_x=101, focal_y=-1)
        form = response.context["adminform"].form
        self.assertEqual(sorted(form.errors), ["focal_x", "focal_y"])
        photo.refresh_from_db()
        self.assertEqual((photo.focal_x, photo.focal_y), (50, 50))
        with self.assertRaises(IntegrityError), transaction.atomic():
            Photo.objects.filter(pk=photo.pk).update(focal_x=101)

    def test_a_teaser_crops_around_the_focal_point_with_classes_not_inline_style(self):
        photo = make_photo(focal_x=20, focal_y=80)
        photo_make_renditions(photo=photo)
        article = make_article(hero_photo=photo)
        with translation.override("en"):
            card = render_to_string("includes/card.html", {"article": article})
            figure = render_to_string("includes/figure.html", {"photo": photo})
        self.assertRegex(
            card, r'<a class="card__image"[^>]*><picture><source [^>]*><img [^>]*class="focus-x-1 focus-y-3"'
        )
        self.assertNotIn("style=", card)
        self.assertNotIn("focus-", figure, "photos in the body, infographics among them, are not cropped")

    def test_every_focus_class_is_defined_in_the_site_stylesheet(self):
        css = (settings.BASE_DIR / "newsroom/static/newsroom/site.css").read_text()
        classes = {
            name for x in range(101) for name in focus_classes(Photo(focal_x=x, focal_y=100 - x)).split()
        }
        self.assertEqual(len(classes), 10)
        for name in classes:
            with self.subTest(name):
                self.assertRegex(css, rf"\.{name} \{{ --focus-[xy]: \d+%; \}}")
        self.assertIn(".card__image img { object-position: var(--focus-x, 50%) var(--focus-y, 50%); }", css)
