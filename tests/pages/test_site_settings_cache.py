"""The footer's site settings are cached (in Redis, as in production): a change shows on the next page."""

from django.core.cache import cache
from django.test import TestCase

from pages.models import SiteSettings

from ..factories import make_article


class SiteSettingsCacheTests(TestCase):
    def setUp(self):
        with self.captureOnCommitCallbacks(execute=True):
            SiteSettings.objects.create(phone="+84 24 1111 1111", copyright_vi="Bản quyền cũ")
        make_article()

    def test_a_change_to_the_site_settings_shows_on_the_next_page(self):
        self.assertContains(self.client.get("/vi/"), "+84 24 1111 1111")
        self.assertIsNotNone(cache.get(SiteSettings.CACHE_KEY))  # kept, not read again each page
        site = SiteSettings.load()
        site.phone = "+84 24 2222 2222"
        site.copyright_vi = "Bản quyền mới"
        with self.captureOnCommitCallbacks(execute=True):
            site.save()
        page = self.client.get("/vi/")
        self.assertContains(page, "+84 24 2222 2222")
        self.assertContains(page, "Bản quyền mới")
        self.assertNotContains(page, "+84 24 1111 1111")

    def test_settings_deleted_leave_an_empty_footer_not_the_old_one(self):
        self.client.get("/vi/")
        with self.captureOnCommitCallbacks(execute=True):
            SiteSettings.objects.all().delete()
        self.assertNotContains(self.client.get("/vi/"), "+84 24 1111 1111")
