"""
ETag, Last-Modified and 304s on every answer; shared caches may keep them;
and the page cache's generation keeps them fresh: a correction shows on the next request.
"""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.test import TestCase, override_settings
from django.utils import timezone

from articles.services import article_save, article_unpublish
from media.services import photo_save

from ..factories import make_article, make_photo, make_tag


class ConditionalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(title_vi="Bài đầu tiên")
        cls.paths = [
            "/api/v1/vi/articles/",
            f"/api/v1/vi/articles/{cls.article.pk}/",
            f"/api/v1/vi/articles/{cls.article.pk}/ninjs/",
            "/api/v1/vi/categories/",
            "/api/v1/vi/tags/",
            "/api/v1/vi/search/?q=bai",
            "/api/v1/schema/",
            "/api/v1/docs/",
        ]

    def test_every_answer_has_validators_and_is_fit_for_a_cdn(self):
        for path in self.paths:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response["ETag"])
                self.assertTrue(response["Last-Modified"])
                control = response["Cache-Control"]
                self.assertIn("public", control)
                self.assertIn(f"s-maxage={settings.NEWSROOM_PAGE_S_MAXAGE}", control)
                self.assertFalse(response.cookies)

    def test_conditional_requests_are_answered_304(self):
        for path in self.paths:
            with self.subTest(path=path):
                first = self.client.get(path)
                again = self.client.get(path, headers={"if-none-match": first["ETag"]})
                self.assertEqual(again.status_code, 304)
                self.assertEqual(again.content, b"")
                since = self.client.get(path, headers={"if-modified-since": first["Last-Modified"]})
                self.assertEqual(since.status_code, 304)

    def test_a_second_request_is_kept_and_costs_no_query(self):
        path = f"/api/v1/vi/articles/{self.article.pk}/"
        first = self.client.get(path)
        self.assertEqual(first["X-Page-Cache"], "miss")
        with self.assertNumQueries(0):
            second = self.client.get(path)
        self.assertEqual(second["X-Page-Cache"], "hit")
        self.assertEqual(second.content, first.content)
        self.assertEqual(second["ETag"], first["ETag"])

    def test_errors_of_the_query_are_not_kept_by_shared_caches(self):
        response = self.client.get("/api/v1/vi/articles/?page_size=0")
        self.assertEqual(response.status_code, 400)
        self.assertIn("no-store", response["Cache-Control"])


class FreshnessTests(TestCase):
    """Each change the way the desk makes it, then the next request of every address that shows it."""

    def setUp(self):
        self.article = make_article(title_vi="Tin cũ", title_en="Old news")
        self.paths = [
            "/api/v1/vi/articles/",
            f"/api/v1/vi/articles/{self.article.pk}/",
            f"/api/v1/vi/articles/{self.article.pk}/ninjs/",
        ]
        for path in self.paths:
            self.client.get(path)
            self.assertEqual(self.client.get(path)["X-Page-Cache"], "hit")

    def assertEverywhere(self, text: str, shown=True):
        for path in self.paths:
            response = self.client.get(path)
            check = self.assertContains if shown else self.assertNotContains
            check(response, text, msg_prefix=path, status_code=response.status_code)

    def test_a_correction_shows_on_the_next_request(self):
        old = self.client.get(self.paths[1])
        self.article.title_vi = "Tin đã sửa"
        article_save(article=self.article)
        self.assertEverywhere("Tin đã sửa")
        fresh = self.client.get(self.paths[1], headers={"if-none-match": old["ETag"]})
        self.assertEqual(fresh.status_code, 200)
        later = self.client.get(self.paths[1], headers={"if-modified-since": old["Last-Modified"]})
        self.assertEqual(later.status_code, 200)

    def test_an_unpublished_version_is_gone_on_the_next_request(self):
        article_unpublish(article=self.article, language="vi", by=None)
        self.assertEqual(self.client.get(self.paths[1]).status_code, 404)
        self.assertNotContains(self.client.get(self.paths[0]), "Tin cũ")

    def test_a_changed_caption_and_a_new_tag_show(self):
        photo = make_photo(caption_vi="Chú thích cũ")
        self.article.hero_photo = photo
        article_save(article=self.article)
        self.client.get(self.paths[1])
        photo.caption_vi = "Chú thích mới"
        photo_save(photo=photo)
        self.assertContains(self.client.get(self.paths[1]), "Chú thích mới")
        self.article.tags.add(make_tag(name_vi="Chủ đề mới"))
        self.assertContains(self.client.get(self.paths[1]), "Chủ đề mới")

    def test_a_scheduled_version_appears_when_its_time_comes(self):
        later = make_article(title_vi="Tin hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
        self.assertNotContains(self.client.get(self.paths[0]), "Tin hẹn giờ")
        self.assertEqual(self.client.get(f"/api/v1/vi/articles/{later.pk}/").status_code, 404)
        with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
            self.assertContains(self.client.get(self.paths[0]), "Tin hẹn giờ")
            self.assertEqual(self.client.get(f"/api/v1/vi/articles/{later.pk}/").status_code, 200)

    def test_a_version_leaves_at_its_expiry_time(self):
        self.article.expires_at_vi = timezone.now() + timedelta(hours=1)
        article_save(article=self.article)
        self.assertContains(self.client.get(self.paths[0]), "Tin cũ")
        with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
            self.assertNotContains(self.client.get(self.paths[0]), "Tin cũ")
            self.assertEqual(self.client.get(self.paths[1]).status_code, 404)


@override_settings(NEWSROOM_PAGE_CACHE=False)
class WithoutThePageCacheTests(TestCase):
    def test_answers_still_carry_validators_and_a_correction_shows(self):
        article = make_article(title_vi="Trước")
        path = f"/api/v1/vi/articles/{article.pk}/"
        first = self.client.get(path)
        self.assertNotIn("X-Page-Cache", first)
        self.assertEqual(self.client.get(path, headers={"if-none-match": first["ETag"]}).status_code, 304)
        article.title_vi = "Sau"
        article_save(article=article)
        self.assertContains(self.client.get(path, headers={"if-none-match": first["ETag"]}), "Sau")


class VaryTests(TestCase):
    def test_answers_vary_by_address_not_by_the_browsers_language(self):
        make_article()
        response = self.client.get("/api/v1/en/articles/", headers={"accept-language": "vi"})
        self.assertNotIn("accept-language", response.get("Vary", "").lower())
        self.assertEqual(response["Content-Language"], "en")
        self.assertNotIn("cookie", response.get("Vary", "").lower())
