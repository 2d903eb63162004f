"""
What an import publishes by itself: wire copy (feeds, NewsML-G2, ninjs) arrives in review
for the desk, even marked "usable" at its source; a page dump arrives as a draft; our own
JSON Lines keep the statuses they carry; --status overrides all of them. A later copy of a
wire item never undoes the desk's decision, and a withdrawal still withdraws.
"""

import json

from django.contrib.auth import get_user_model
from django.test import TestCase

from articles.models import Article, Status
from articles.services import article_publish, article_save

from .helpers import run_import, summary, write_temp


def rss(title: str = "Cảng Cái Mép đón tàu lớn nhất") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        "<link>https://wire.example/</link><description>Wire</description><language>vi</language>"
        f"<item><title>{title}</title><link>https://wire.example/1</link><guid>wire-1</guid>"
        "<description>Con tàu dài bốn trăm mét cập cảng sáng nay.</description>"
        "<pubDate>Sat, 14 Mar 2026 08:00:00 +0700</pubDate></item></channel></rss>"
    )


def ninjs(pubstatus: str) -> str:
    return json.dumps(
        {
            "uri": "urn:wire.example:2026:42",
            "type": "text",
            "language": "vi",
            "headline": "Khánh thành cầu Mỹ Thuận hai",
            "body_html": "<p>Cây cầu nối hai bờ sông Tiền.</p>",
            "versioncreated": "2026-03-14T08:00:00+07:00",
            "pubstatus": pubstatus,
        },
        ensure_ascii=False,
    )


class ArrivalStatusTests(TestCase):
    def import_text(self, text: str, suffix: str, *args, **options) -> Article:
        stdout, _stderr = run_import(write_temp(self, text, suffix), *args, **options)
        self.assertNotIn("failed 1", summary(stdout))
        return Article.objects.get()

    def test_a_feed_item_waits_for_the_desk_and_readers_do_not_see_it(self):
        article = self.import_text(rss(), ".xml")
        self.assertEqual(article.status_vi, Status.REVIEW)
        self.assertEqual(self.client.get(article.url_in("vi")).status_code, 404)
        self.assertNotContains(self.client.get("/vi/"), "Cảng Cái Mép")
        self.assertNotContains(self.client.get("/vi/feed/"), "Cảng Cái Mép")

    def test_status_published_puts_it_live_at_once(self):
        article = self.import_text(rss(), ".xml", status="published")
        self.assertEqual(article.status_vi, Status.PUBLISHED)
        self.assertEqual(self.client.get(article.url_in("vi")).status_code, 200)

    def test_a_usable_ninjs_item_arrives_in_review_and_a_withheld_one_as_a_draft(self):
        self.assertEqual(self.import_text(ninjs("usable"), ".json").status_vi, Status.REVIEW)
        Article.objects.all().delete()
        self.assertEqual(self.import_text(ninjs("withheld"), ".json").status_vi, Status.DRAFT)

    def test_a_later_copy_keeps_the_desks_decision_and_a_withdrawal_withdraws(self):
        article = self.import_text(rss(), ".xml")
        article_publish(article=article, language="vi")
        updated = self.import_text(rss("Cảng Cái Mép đón tàu lớn nhất thế giới"), ".xml")
        self.assertEqual(updated.title_vi, "Cảng Cái Mép đón tàu lớn nhất thế giới")
        self.assertEqual(updated.status_vi, Status.PUBLISHED)  # not sent back to review
        Article.objects.all().delete()
        wire = self.import_text(ninjs("usable"), ".json")
        article_publish(article=wire, language="vi")
        self.assertEqual(self.import_text(ninjs("canceled"), ".json").status_vi, Status.UNPUBLISHED)

    def test_a_page_dump_arrives_as_a_draft(self):
        dump = (
            "Thứ Bảy, 14/03/2026 08:00\n"
            "Mùa lúa mới ở Đồng Tháp\n"
            "Nông dân bắt đầu thu hoạch vụ đông xuân sớm hơn mọi năm.\n"
            "Theo ngành nông nghiệp tỉnh, năng suất đạt gần bảy tấn mỗi héc ta.\n"
        )
        article = self.import_text(dump, ".txt", format="page")
        self.assertEqual(article.status_vi, Status.DRAFT)

    def test_our_own_json_lines_keep_the_statuses_they_carry(self):
        line = {
            "newsroom": 1,
            "external_id": "own:1",
            "versions": {
                "vi": {"title": "Bài đã đăng", "body": "<p>Nội dung.</p>", "status": "published"},
                "en": {"title": "A draft", "body": "<p>Text.</p>", "status": "draft"},
            },
        }
        article = self.import_text(json.dumps(line, ensure_ascii=False), ".jsonl")
        self.assertEqual((article.status_vi, article.status_en), (Status.PUBLISHED, Status.DRAFT))


class DeskEditTests(TestCase):
    def test_a_later_copy_never_overwrites_what_an_editor_saved(self):
        editor = get_user_model().objects.create_user("bientap", password="pw")
        path = write_temp(self, rss(), ".xml")
        run_import(path)
        article = Article.objects.get()
        article.title_vi = "Cảng Cái Mép đón siêu tàu container"
        article_save(article=article, by=editor)
        stdout, stderr = run_import(write_temp(self, rss("Cảng Cái Mép đón tàu lớn nhất (cập nhật)"), ".xml"))
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 1, failed 0")
        self.assertIn("kept as the desk left it: bientap has changed it since it was imported", stderr)
        self.assertEqual(Article.objects.get().title_vi, "Cảng Cái Mép đón siêu tàu container")
