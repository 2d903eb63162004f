"""The focal point in a real browser: set by a click in the admin, followed by teasers under the CSP."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from ..browser.base import BrowserTestCase
from ..factories import image_bytes, make_article, make_photo


class FocalPointBrowserTests(BrowserTestCase):
    def test_a_click_on_the_preview_sets_the_focal_point(self):
        editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
        photo = make_photo(image=SimpleUploadedFile("wide.jpg", image_bytes(size=(400, 300))))
        page = self.new_page(user=editor)
        page.goto(f"{self.live_server_url}/admin/media/photo/{photo.pk}/change/")
        preview = page.locator("[data-focal-point] img")
        preview.click(position={"x": 80, "y": 180})  # shown 320 × 240
        self.assertEqual((page.input_value("#id_focal_x"), page.input_value("#id_focal_y")), ("25", "75"))
        marker = page.locator(".focal-point__marker")
        self.assertTrue(marker.is_visible())
        self.assertEqual(marker.evaluate("marker => marker.style.left"), "25%")
        page.fill("#id_focal_x", "60")
        self.assertEqual(marker.evaluate("marker => marker.style.left"), "60%")
        page.locator("input[name=_save]").click()
        page.wait_for_url("**/admin/media/photo/")
        photo.refresh_from_db()
        self.assertEqual((photo.focal_x, photo.focal_y), (60, 75))

    def test_a_teaser_shows_the_part_of_the_photo_around_its_focal_point(self):
        photo = make_photo(
            image=SimpleUploadedFile("tall.jpg", image_bytes(size=(400, 600))), focal_x=10, focal_y=90
        )
        make_article(hero_photo=photo, featured=True)
        page = self.new_page()  # the site's CSP enforced: a refused inline style would fail the test
        page.goto(f"{self.live_server_url}/vi/")
        teaser = page.locator(".card__image img").first
        self.assertEqual(teaser.evaluate("img => getComputedStyle(img).objectPosition"), "0% 100%")
