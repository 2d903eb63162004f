"""The admin under its Content Security Policy: every editor's screen works with nothing refused."""

from django.contrib.auth import get_user_model

from ..factories import make_article, make_category, make_photo
from .base import BrowserTestCase


class AdminPolicyBrowserTests(BrowserTestCase):
    def setUp(self):
        self.editor = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
        self.article = make_article(title_vi="Mùa lúa mới", title_en="New rice season")

    def test_each_admin_screen_loads_with_a_policy_and_no_refusal(self):
        photo = make_photo()
        category = make_category()
        page = self.new_page(user=self.editor)
        screens = [
            "/admin/",
            "/admin/articles/article/",
            "/admin/articles/article/add/",
            f"/admin/articles/article/{self.article.pk}/change/",
            f"/admin/articles/article/{self.article.pk}/history/",
            "/admin/media/photo/",
            f"/admin/media/photo/{photo.pk}/change/",
            "/admin/media/photo/add/",
            f"/admin/categories/category/{category.pk}/change/",
            "/admin/pages/page/add/",
            "/admin/auth/user/add/",
        ]
        for path in screens:
            with self.subTest(path):
                response = page.goto(self.live_server_url + path)
                self.assertEqual(response.status, 200)
                policy = response.headers.get("content-security-policy", "")
                self.assertIn("script-src 'self' 'sha256-", policy)
                self.assertIn("object-src 'none'", policy)
        # new_page's clean-up fails the test on any refusal or script error seen above.

    def test_a_script_slipped_into_an_admin_page_does_not_run(self):
        # A page of its own: the refusal is what this test expects, not a fault of the page.
        context = self.browser.new_context()
        self.addCleanup(self._close, context)
        self.client.force_login(self.editor)
        session = self.client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session, "url": self.live_server_url}])
        page = context.new_page()
        page.goto(f"{self.live_server_url}/admin/articles/article/{self.article.pk}/change/")
        refusals = []
        page.on("console", lambda message: refusals.append(message.text))
        # What a stored-markup hole would amount to: an inline script in the admin's page.
        page.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.ran = true'; document.body.append(s); }"""
        )
        self.assertIsNone(page.evaluate("() => window.ran"))
        self.assertTrue(any("Content Security Policy" in text for text in refusals), refusals)
