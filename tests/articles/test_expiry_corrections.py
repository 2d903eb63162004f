"""
Expiry (scheduling in reverse, with no cron), legal takedowns, and correction notes, as
readers and the desk see them.
"""

import json
import re
from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Correction, State, Status, Takedown
from articles.services import article_correct, article_save, article_take_down
from ingest.records import ArticleRecord, VersionRecord
from ingest.writer import ArticleWriter, ImportOptions

from ..factories import make_article

SURFACES = ("/vi/", "/vi/feed/", "/sitemap.xml")


class ExpiryTests(TestCase):
    def test_a_version_leaves_every_surface_at_its_expiry_time_by_itself(self):
        expiry = timezone.now() + timedelta(hours=2)
        article = make_article(title_vi="Thông báo tuyển sinh năm học mới", expires_at_vi=expiry)
        url = article.url_in("vi")
        # Cached before the expiry, as readers see the site.
        for path in (url, *SURFACES):
            self.assertContains(self.client.get(path), url, msg_prefix=path)
            self.assertEqual(self.client.get(path)["X-Page-Cache"], "hit", path)
        self.assertContains(self.client.get("/vi/search/?q=tuyen+sinh"), url)
        with time_machine.travel(expiry + timedelta(seconds=1)):
            self.assertEqual(self.client.get(url).status_code, 404)
            for path in SURFACES:
                self.assertNotContains(self.client.get(path), url, msg_prefix=path)
            self.assertNotContains(self.client.get("/vi/search/?q=tuyen+sinh"), url)
            self.assertNotIn(article, Article.objects.published("vi"))
            self.assertIn(article, Article.objects.published("en"))  # each version on its own
            self.assertEqual(Article.objects.get(pk=article.pk).state("vi"), State.EXPIRED)
            self.assertIn(article, Article.objects.in_state("vi", State.EXPIRED))

    def test_an_expiry_before_the_publication_time_is_refused(self):
        article = make_article()
        article.expires_at_vi = article.published_at_vi - timedelta(minutes=1)
        with self.assertRaises(ValidationError) as refused:
            article_save(article=article)
        self.assertIn("expires_at_vi", refused.exception.message_dict)


class TakedownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("editor", password="pw", is_staff=True)

    def test_a_takedown_removes_the_version_from_every_surface_at_once_and_records_why(self):
        article = make_article(title_vi="Bài bị yêu cầu gỡ")
        url = article.url_in("vi")
        for path in (url, *SURFACES):
            self.client.get(path)  # cached
        article_take_down(article=article, language="vi", reason="Court order 12/2026", by=self.editor)
        self.assertEqual(self.client.get(url).status_code, 404)
        for path in SURFACES:
            self.assertNotContains(self.client.get(path), url, msg_prefix=path)
        self.assertContains(self.client.get(article.url_in("en")), article.title_en)  # the other stays
        takedown = Takedown.objects.get()
        self.assertEqual((takedown.language, takedown.created_by), ("vi", self.editor))
        self.assertEqual(takedown.reason, "Court order 12/2026")
        self.assertEqual(Article.objects.get(pk=article.pk).state("vi"), State.TAKEN_DOWN)

    def test_a_takedown_needs_a_reason_and_an_import_never_brings_it_back(self):
        article = make_article()
        with self.assertRaises(ValidationError):
            article_take_down(article=article, language="vi", reason="  ")
        article_take_down(article=article, language="vi", reason="Defamation claim")

        Article.objects.filter(pk=article.pk).update(external_id="wire:1")
        ArticleWriter(ImportOptions()).write(
            ArticleRecord(
                external_id="wire:1",
                versions={"vi": VersionRecord(title="Bản mới", status=Status.PUBLISHED)},
            )
        )
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.TAKEN_DOWN)


class CorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("editor", password="pw", is_staff=True)

    def correct(self, article, language, text):
        self.today = timezone.localdate().strftime("%d/%m/%Y")  # as readers write dates: 02/12/2026
        return article_correct(article=article, language=language, text=text, by=self.editor)

    def test_a_correction_shows_at_the_end_of_the_article_in_each_language(self):
        article = make_article()
        self.correct(article, "vi", "Bài trước ghi sai tên tỉnh: là Quảng Ngãi.")
        self.correct(article, "en", "An earlier version misnamed the province: it is Quang Ngai.")
        vi = self.client.get(article.url_in("vi")).content.decode()
        en = self.client.get(article.url_in("en")).content.decode()
        self.assertIn(f"Đính chính, {self.today}: Bài trước ghi sai tên tỉnh: là Quảng Ngãi.", vi)
        self.assertIn(
            f"Correction, {self.today}: An earlier version misnamed the province: it is Quang Ngai.", en
        )
        self.assertNotIn("Quang Ngai.", vi)  # each version shows its own
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', en, re.S).group(1))
        self.assertEqual(ld["correction"][0]["@type"], "CorrectionComment")
        self.assertEqual(
            ld["correction"][0]["text"], "An earlier version misnamed the province: it is Quang Ngai."
        )

    def test_the_feed_and_the_corrections_page_carry_it_and_the_history_records_it(self):
        article = make_article()
        self.client.get("/en/feed/")  # cached before the correction
        self.correct(article, "en", "The bridge is 1.5 km long, not 15 km.")
        self.assertContains(
            self.client.get("/en/feed/"), f"Correction, {self.today}: The bridge is 1.5 km long"
        )
        page = self.client.get("/en/corrections/")
        self.assertContains(page, "The bridge is 1.5 km long, not 15 km.")
        self.assertContains(page, article.url_in("en"))
        self.assertNotContains(self.client.get("/vi/dinh-chinh/"), "The bridge is 1.5 km")
        self.assertContains(self.client.get("/vi/dinh-chinh/"), "Đính chính")

        self.assertIn(
            "Correction (EN): The bridge is 1.5 km long",
            Version.objects.get_for_object(article)[0].revision.get_comment(),
        )

    def test_only_a_live_version_takes_a_correction_and_markup_is_refused(self):
        draft = make_article(status=Status.DRAFT)
        with self.assertRaises(ValidationError):
            article_correct(article=draft, language="vi", text="Sửa.")
        article = make_article()
        with self.assertRaises(ValidationError):
            article_correct(article=article, language="vi", text="<script>alert(1)</script>")
        self.assertFalse(Correction.objects.exists())

    def test_corrections_of_versions_no_longer_live_leave_the_corrections_page(self):
        article = make_article()
        self.correct(article, "en", "The date of the visit was wrong.")
        article_take_down(article=article, language="en", reason="Legal")
        self.assertNotContains(self.client.get("/en/corrections/"), "The date of the visit was wrong.")
