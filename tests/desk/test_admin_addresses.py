"""Hand-made admin addresses for an article: anything that is not an article's id answers 404, never 500."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from ..factories import make_article

BAD_IDS = ["abc", "1.5", "-1", "999999", "1%00", "%E2%80%AE1", "1' OR '1'='1", "9" * 40]


class AdminAddressTests(TestCase):
    def setUp(self):
        self.client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))
        self.article = make_article()

    def test_the_desks_own_article_pages_answer_404_for_any_other_id(self):
        for bad in BAD_IDS:
            for page in ["history/", "history/1/", "preview/vi/", "revoke-previews/"]:
                with self.subTest(bad=bad, page=page):
                    response = self.client.get(f"/admin/articles/article/{bad}/{page}", follow=True)
                    # A 404, or the admin's own "no such article" message on its index.
                    self.assertIn(response.status_code, (200, 404))
                    if response.status_code == 200:
                        self.assertEqual(response.resolver_match.url_name, "index")

    def test_the_real_article_still_opens(self):
        for page in ["history/", "preview/vi/"]:
            with self.subTest(page):
                response = self.client.get(f"/admin/articles/article/{self.article.pk}/{page}")
                self.assertIn(response.status_code, (200, 302))
                self.assertNotEqual(response.get("Location"), "/admin/")
