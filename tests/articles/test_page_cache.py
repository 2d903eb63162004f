"""
The page cache: readers get pages from the cache, and never a stale one.

Each staleness test warms the cache on every surface that shows the article
(its page, the home page, its section, the feed, the sitemap), makes one
change the way the desk makes it, and reads every surface again.
"""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.utils import timezone

from articles.models import Status
from articles.services import article_publish, article_save, article_unpublish
from media.services import photo_make_renditions, photo_save

from ..factories import make_article, make_category, make_photo


def surfaces(article) -> list[str]:
    return [
        article.url_in("vi"),
        "/vi/",
        article.category.url_in("vi"),
        "/vi/feed/",
        "/sitemap.xml",
    ]


class PageCacheTests(TestCase):
    def assertShows(self, path, article, shown=True):
        """Every surface links to the article's address (the sitemap shows nothing else of it)."""
        check = self.assertContains if shown else self.assertNotContains
        check(self.get(path), article.url_in("vi"), msg_prefix=path)

    def get(self, path, **headers):
        return self.client.get(path, headers=headers)

    def warm(self, paths):
        for path in paths:
            self.get(path)
            self.assertEqual(self.get(path)["X-Page-Cache"], "hit", path)

    def test_a_readers_second_request_comes_from_the_cache_without_a_query(self):
        article = make_article()
        first = self.get(article.url_in("vi"))
        self.assertEqual(first["X-Page-Cache"], "miss")
        with self.assertNumQueries(0):
            second = self.get(article.url_in("vi"))
        self.assertEqual(second["X-Page-Cache"], "hit")
        self.assertEqual(second.content, first.content)
        # What the view's middleware added is kept: the page is the same page.
        self.assertEqual(second["Content-Security-Policy"], first["Content-Security-Policy"])
        self.assertEqual(second["Content-Type"], first["Content-Type"])

    def test_pages_are_public_for_shared_caches_with_an_etag_and_no_vary_on_cookies(self):
        article = make_article()
        for response in (self.get(article.url_in("vi")), self.get(article.url_in("vi"))):
            control = response["Cache-Control"]
            self.assertIn("public", control)
            self.assertIn(f"s-maxage={settings.NEWSROOM_PAGE_S_MAXAGE}", control)
            self.assertIn("stale-while-revalidate=", control)
            self.assertNotIn("cookie", response.get("Vary", "").lower())
            self.assertTrue(response["ETag"])
            self.assertFalse(response.cookies)

    def test_a_conditional_request_for_an_unchanged_page_is_answered_304(self):
        article = make_article()
        etag = self.get(article.url_in("vi"))["ETag"]
        again = self.get(article.url_in("vi"), if_none_match=etag)
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")

    def test_a_changed_page_has_a_new_etag(self):
        article = make_article()
        etag = self.get(article.url_in("vi"))["ETag"]
        article.title_vi = "Tiêu đề đã sửa"
        article_save(article=article)
        response = self.get(article.url_in("vi"), if_none_match=etag)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Tiêu đề đã sửa")

    def test_a_publication_shows_on_every_surface_at_once(self):
        shown = make_article()
        article = make_article(category=shown.category, status=Status.DRAFT)
        self.warm(surfaces(shown))
        with self.captureOnCommitCallbacks(execute=True):
            article_publish(article=article, language="vi")
        article.refresh_from_db()
        for path in surfaces(shown)[1:]:
            self.assertShows(path, article)
        self.assertEqual(self.get(article.url_in("vi")).status_code, 200)

    def test_an_unpublished_version_leaves_every_surface_at_once(self):
        article = make_article()
        kept = make_article(category=article.category)
        self.warm(surfaces(article))
        url = article.url_in("vi")
        with self.captureOnCommitCallbacks(execute=True):
            article_unpublish(article=article, language="vi")
        self.assertEqual(self.get(url).status_code, 404)
        for path in surfaces(kept)[1:]:
            self.assertNotContains(self.get(path), url, msg_prefix=path)
            self.assertShows(path, kept)

    def test_a_correction_shows_on_the_next_request(self):
        article = make_article()
        self.warm(surfaces(article))
        article.title_vi = "Đính chính: con số đúng là 12"
        article.body_vi = "<p>Con số đúng là mười hai.</p>"
        with self.captureOnCommitCallbacks(execute=True):
            article_save(article=article)
        self.assertContains(self.get(article.url_in("vi")), "Con số đúng là mười hai.")
        for path in ("/vi/", article.category.url_in("vi"), "/vi/feed/"):
            self.assertContains(self.get(path), "Đính chính: con số đúng là 12", msg_prefix=path)

    def test_a_scheduled_version_appears_when_its_time_comes(self):
        shown = make_article()
        soon = timezone.now() + timedelta(minutes=2)  # well within the cache timeout
        scheduled = make_article(category=shown.category, published_at=soon)
        self.warm(surfaces(shown))
        self.assertEqual(self.get(scheduled.url_in("vi")).status_code, 404)
        for path in surfaces(shown):
            self.assertShows(path, scheduled, shown=False)
        with time_machine.travel(soon + timedelta(seconds=1)):
            self.assertEqual(self.get(scheduled.url_in("vi")).status_code, 200)
            for path in surfaces(shown)[1:]:
                self.assertShows(path, scheduled)

    def test_a_photo_caption_change_shows_on_the_next_request(self):
        photo = make_photo(caption_vi="Chú thích cũ")
        photo_make_renditions(photo=photo)  # as after its upload: no rendition appears on the first visit
        article = make_article(hero_photo=photo)
        self.warm([article.url_in("vi")])
        photo.caption_vi = "Chú thích mới của ảnh"
        with self.captureOnCommitCallbacks(execute=True):
            photo_save(photo=photo)
        self.assertContains(self.get(article.url_in("vi")), "Chú thích mới của ảnh")

    def test_a_section_name_change_shows_on_the_next_request(self):
        section = make_category(name_vi="Tên cũ", show_in_menu=True)
        article = make_article(category=section)
        self.warm(surfaces(article)[:4])
        section.name_vi = "Biển đảo quê hương"
        with self.captureOnCommitCallbacks(execute=True):
            section.save()
        for path in (article.url_in("vi"), "/vi/", section.url_in("vi"), "/vi/feed/"):
            self.assertContains(self.get(path), "Biển đảo quê hương", msg_prefix=path)

    def test_editors_always_get_fresh_private_pages(self):
        article = make_article()
        self.warm([article.url_in("vi")])
        editor = get_user_model().objects.create_user("bientap", password="x", is_staff=True)
        self.client.force_login(editor)
        # A change the cache could not have heard of: only a fresh render shows it.
        type(article).objects.filter(pk=article.pk).update(title_vi="Sửa trực tiếp trong cơ sở dữ liệu")
        response = self.get(article.url_in("vi"))
        self.assertContains(response, "Sửa trực tiếp trong cơ sở dữ liệu")
        self.assertFalse(response.has_header("X-Page-Cache"))
        self.assertIn("private", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_a_visit_by_an_editor_is_not_kept_for_readers(self):
        article = make_article()
        editor = get_user_model().objects.create_user("bientap", password="x", is_staff=True)
        self.client.force_login(editor)
        self.get(article.url_in("vi"))
        self.client.logout()
        self.client.cookies.clear()
        self.assertEqual(self.get(article.url_in("vi"))["X-Page-Cache"], "miss")

    def test_previews_and_the_admin_are_never_kept(self):
        self.get("/admin/login/")
        response = self.get("/admin/login/")
        self.assertFalse(response.has_header("X-Page-Cache"))
        self.assertNotIn("public", response.get("Cache-Control", ""))

    def test_a_missing_page_is_kept_until_the_article_appears(self):
        article = make_article(status=Status.DRAFT)
        url = f"/vi/{article.category.slug_vi}/{article.slug_vi}/"
        self.assertEqual(self.get(url).status_code, 404)
        self.assertEqual(self.get(url)["X-Page-Cache"], "hit")
        with self.captureOnCommitCallbacks(execute=True):
            article_publish(article=article, language="vi")
        self.assertEqual(self.get(url).status_code, 200)

    @override_settings(NEWSROOM_PAGE_CACHE=False)
    def test_with_the_cache_off_pages_render_each_time_and_stay_public(self):
        article = make_article()
        self.get(article.url_in("vi"))
        response = self.get(article.url_in("vi"))
        self.assertFalse(response.has_header("X-Page-Cache"))
        self.assertIn("public", response["Cache-Control"])
