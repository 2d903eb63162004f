"""
A partner key may be limited to some sections and to one language: it reads only those,
its answers are kept for it alone and never offered to shared caches; and a version's
correction notes are in its answer.
"""

from django.test import TestCase

from articles.services import article_correct

from ..factories import make_article, make_category
from .test_limits import issue


class KeyScopeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.seas = make_category(name_vi="Biển đảo", name_en="Seas and islands")
        cls.islands = make_category(name_vi="Trường Sa", name_en="Truong Sa", parent=cls.seas)
        cls.diplomacy = make_category(name_vi="Ngoại giao", name_en="Diplomacy")
        cls.inside = make_article(category=cls.islands, title_vi="Tàu cá trở về an toàn")
        cls.outside = make_article(category=cls.diplomacy, title_vi="Hội đàm cấp cao")
        key, cls.secret = issue(partner="Báo đối tác", language="vi")
        key.sections.set([cls.seas])
        _everything, cls.open_secret = issue(partner="Ứng dụng")

    def get(self, path, secret=None):
        headers = {"authorization": f"Api-Key {secret}"} if secret else {}
        return self.client.get(path, headers=headers)

    def titles(self, response) -> set[str]:
        return {item["title"] for item in response.json()["results"]}

    def test_a_key_limited_to_a_section_reads_it_and_the_sections_inside_it_only(self):
        scoped = self.get("/api/v1/vi/articles/", self.secret)
        self.assertEqual(self.titles(scoped), {"Tàu cá trở về an toàn"})
        self.assertIn("private", scoped["Cache-Control"])
        self.assertEqual(self.get(f"/api/v1/vi/articles/{self.outside.pk}/", self.secret).status_code, 404)
        self.assertEqual(self.get(f"/api/v1/vi/articles/{self.inside.pk}/", self.secret).status_code, 200)
        self.assertEqual(
            self.get(f"/api/v1/vi/articles/{self.outside.pk}/ninjs/", self.secret).status_code, 404
        )
        found = self.get("/api/v1/vi/search/?q=h%E1%BB%99i+%C4%91%C3%A0m", self.secret)
        self.assertEqual(self.titles(found), set())

    def test_its_answers_are_its_own_never_served_to_others_from_the_cache(self):
        self.get("/api/v1/vi/articles/", self.secret)  # kept for the scoped key
        for secret in (None, self.open_secret):
            with self.subTest(secret=bool(secret)):
                answer = self.get("/api/v1/vi/articles/", secret)
                self.assertEqual(self.titles(answer), {"Tàu cá trở về an toàn", "Hội đàm cấp cao"})
                self.assertIn("public", answer["Cache-Control"])
        self.assertEqual(
            self.titles(self.get("/api/v1/vi/articles/", self.secret)), {"Tàu cá trở về an toàn"}
        )

    def test_a_key_limited_to_one_language_is_refused_the_other(self):
        refused = self.get("/api/v1/en/articles/", self.secret)
        self.assertEqual(refused.status_code, 403)
        self.assertIn("Vietnamese", refused.json()["detail"])
        self.assertEqual(self.get("/api/v1/en/articles/", self.open_secret).status_code, 200)


class CorrectionTests(TestCase):
    def test_a_versions_corrections_are_in_its_answer_and_the_next_request_has_a_new_one(self):
        article = make_article()
        url = f"/api/v1/en/articles/{article.pk}/"
        self.assertEqual(self.client.get(url).json()["corrections"], [])
        article_correct(article=article, language="en", text="The bridge is 1.5 km long, not 15 km.")
        article_correct(article=article, language="vi", text="Cây cầu dài 1,5 km.")
        (correction,) = self.client.get(url).json()["corrections"]
        self.assertEqual(correction["text"], "The bridge is 1.5 km long, not 15 km.")
        self.assertTrue(correction["line"].startswith("Correction, "))
        self.assertTrue(correction["published"])
        (vi,) = self.client.get(f"/api/v1/vi/articles/{article.pk}/").json()["corrections"]
        self.assertTrue(vi["line"].startswith("Đính chính, "))
