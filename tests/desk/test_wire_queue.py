"""
The wire queue as the desk works it, by direct requests as each role: what arrived waits
newest first; reporters accept and give a section, only editors publish or reject; a
rejected item never comes back; flagged items are never published from the queue; a
later copy of an article the desk has changed waits to be compared and applied.
"""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from articles.services import article_save
from desk.roles import EDITOR, REPORTER, TRANSLATOR, setup_roles
from ingest.models import Feed, WireItem
from ingest.records import ArticleRecord, VersionRecord
from ingest.writer import ArticleWriter, ImportOptions

from ..factories import make_category
from ..ingest.helpers import run_import, summary, write_temp
from .test_desk import form_data

QUEUE = reverse("admin:ingest_wireitem_changelist")


TEXT = {
    "vi": "Con tàu dài bốn trăm mét cập cảng sáng nay, mở ra tuyến hàng hải mới cho khu vực.",
    "en": "The four-hundred-metre ship berthed this morning, opening a new sea route for the region.",
}


def rss(*items: tuple[str, str], language: str = "vi", text: str = "") -> str:
    """A feed of (guid, title) items, each with a line of text (in the feed's language unless given)."""
    text = text or TEXT[language]
    entries = "".join(
        f"<item><title>{title}</title><link>https://wire.example/{guid}</link><guid>{guid}</guid>"
        f"<description>{text}</description><pubDate>Sat, 14 Mar 2026 08:00:00 +0700</pubDate></item>"
        for guid, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://wire.example/</link><description>Wire</description><language>{language}</language>"
        f"{entries}</channel></rss>"
    )


class WireTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_roles()
        users = get_user_model().objects
        cls.reporter = users.create_user("reporter", password="pw", is_staff=True)
        cls.translator = users.create_user("translator", password="pw", is_staff=True)
        cls.editor = users.create_user("desk-editor", password="pw", is_staff=True)
        for user, role in ((cls.reporter, REPORTER), (cls.translator, TRANSLATOR), (cls.editor, EDITOR)):
            user.groups.add(Group.objects.get(name=role))

    def import_feed(self, text: str, **options) -> str:
        stdout, stderr = run_import(write_temp(self, text, ".xml"), **options)
        return summary(stdout) + "\n" + stderr

    def act(self, user, action: str, items, **data):
        self.client.force_login(user)
        return self.client.post(
            QUEUE,
            {"action": action, "_selected_action": [item.pk for item in items], "index": 0, **data},
        )

    def item(self, title: str) -> WireItem:
        return WireItem.objects.select_related("article").get(title=title)


class QueueTests(WireTestCase):
    def test_imported_wire_copy_waits_newest_first_and_the_home_page_counts_it_per_feed(self):
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu lớn")))
        WireItem.objects.update(arrived_at=timezone.now() - timedelta(hours=2))
        self.import_feed(rss(("b", "Khánh thành cầu Mỹ Thuận hai")))
        self.client.force_login(self.editor)
        page = self.client.get(QUEUE).content.decode()
        self.assertLess(page.index("Khánh thành cầu Mỹ Thuận hai"), page.index("Cảng Cái Mép đón tàu lớn"))
        home = self.client.get(reverse("admin:index"))
        self.assertContains(home, 'id="wire-waiting"')
        self.assertContains(home, "2 tin đang chờ")
        self.assertContains(home, "Nhập thủ công")

    def test_the_queue_filters_by_language_feed_section_and_age(self):
        feed = Feed.objects.create(name="VNA wire", url="https://wire.example/rss")
        self.import_feed(rss(("vi-1", "Cảng Cái Mép đón tàu lớn")))
        self.import_feed(rss(("en-1", "Cai Mep port welcomes its largest ship"), language="en"))
        WireItem.objects.filter(title__startswith="Cai Mep").update(
            feed=feed, arrived_at=timezone.now() - timedelta(days=9)
        )
        section = make_category(name_vi="Kinh tế", name_en="Economy")
        Article.objects.filter(title_vi__startswith="Cảng").update(category=section)
        self.client.force_login(self.editor)
        for query, shown, hidden in [
            ("language=en", "Cai Mep port", "Cảng Cái Mép"),
            (f"feed__id__exact={feed.pk}", "Cai Mep port", "Cảng Cái Mép"),
            (f"section={section.pk}", "Cảng Cái Mép", "Cai Mep port"),
            ("age=24h", "Cảng Cái Mép", "Cai Mep port"),
            ("age=older", "Cai Mep port", "Cảng Cái Mép"),
        ]:
            with self.subTest(query):
                response = self.client.get(f"{QUEUE}?{query}")
                self.assertContains(response, shown)
                self.assertNotContains(response, hidden)

    def test_a_translator_does_not_see_the_queue(self):
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu lớn")))
        self.client.force_login(self.translator)
        self.assertEqual(self.client.get(QUEUE).status_code, 403)


class DecisionTests(WireTestCase):
    def setUp(self):
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu lớn"), ("b", "Khánh thành cầu Mỹ Thuận hai")))
        self.port, self.bridge = (
            self.item("Cảng Cái Mép đón tàu lớn"),
            self.item("Khánh thành cầu Mỹ Thuận hai"),
        )

    def test_an_editor_publishes_from_the_queue_and_readers_see_it(self):
        self.act(self.editor, "publish", [self.port])
        article = Article.objects.get(pk=self.port.article_id)
        self.assertEqual(article.status_vi, Status.PUBLISHED)
        self.assertEqual(self.client.get(article.url_in("vi")).status_code, 200)
        self.assertEqual(self.item(self.port.title).state, WireItem.State.PUBLISHED)
        self.assertEqual(self.item(self.port.title).decided_by, self.editor)
        self.assertNotContains(self.client.get(QUEUE), "Cảng Cái Mép")  # no longer waiting
        self.assertContains(self.client.get(QUEUE), "Khánh thành cầu")

    def test_a_reporter_can_neither_publish_nor_reject_even_by_a_hand_made_post(self):
        self.client.force_login(self.reporter)
        offered = self.client.get(QUEUE).content.decode()
        self.assertIn('value="accept"', offered)
        self.assertNotIn('value="publish"', offered)
        self.assertNotIn('value="reject"', offered)
        for action in ("publish", "reject"):
            with self.subTest(action):
                self.act(self.reporter, action, [self.port])
                article = Article.objects.get(pk=self.port.article_id)
                self.assertEqual(article.status_vi, Status.REVIEW)
                self.assertEqual(self.item(self.port.title).state, WireItem.State.WAITING)

    def test_a_reporter_accepts_an_item_and_it_becomes_theirs_to_edit(self):
        response = self.act(self.reporter, "accept", [self.port])
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[self.port.article_id]))
        item = self.item(self.port.title)
        self.assertEqual(item.state, WireItem.State.ACCEPTED)
        self.assertEqual(item.article.created_by, self.reporter)
        self.assertEqual(item.article.status_vi, Status.REVIEW)  # accepting publishes nothing
        self.assertContains(self.client.get(response.url), "; Đã nhận.")  # the arrival panel on its form

    def test_rejected_items_leave_every_surface_and_never_come_back(self):
        url = self.port.article.url_in("vi")
        self.act(self.editor, "reject", [self.port])
        self.assertFalse(Article.objects.filter(pk=self.port.article_id).exists())
        self.assertEqual(self.item(self.port.title).state, WireItem.State.REJECTED)
        self.assertEqual(self.client.get(url).status_code, 404)
        output = self.import_feed(
            rss(("a", "Cảng Cái Mép đón tàu lớn"), ("b", "Khánh thành cầu Mỹ Thuận hai"))
        )
        self.assertIn("rejected it on the wire", output)
        self.assertFalse(Article.objects.filter(title_vi="Cảng Cái Mép đón tàu lớn").exists())
        self.assertEqual(Article.objects.count(), 1)
        # A later, corrected copy of the same item stays out too.
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu lớn nhất")))
        self.assertEqual(Article.objects.count(), 1)

    def test_an_item_that_went_live_cannot_be_rejected(self):
        self.act(self.editor, "publish", [self.bridge])
        WireItem.objects.filter(pk=self.bridge.pk).update(state=WireItem.State.WAITING)
        response = self.act(self.editor, "reject", [self.bridge])
        self.assertTrue(Article.objects.filter(pk=self.bridge.article_id).exists())
        self.assertContains(self.client.get(response.url), "đã lên trang: hãy gỡ đăng thay vì loại bỏ")

    def test_assigning_a_section(self):
        section = make_category(name_vi="Biển đảo", name_en="Seas and islands")
        self.act(self.reporter, "assign_section", [self.port, self.bridge], section=section.pk)
        self.assertEqual(set(Article.objects.values_list("category__name_vi", flat=True)), {"Biển đảo"})
        response = self.act(self.reporter, "assign_section", [self.port])  # none chosen
        self.assertContains(self.client.get(response.url), "Hãy chọn chuyên mục trước.")


class FlagTests(WireTestCase):
    def write(self, flags: list[str], *, status: str | None = None) -> WireItem:
        record = ArticleRecord(
            external_id="page:1",
            versions={"vi": VersionRecord(title="sáng nay, đoàn công tác đã tới đảo Trường Sa…")},
            flags=flags,
        )
        writer = ArticleWriter(ImportOptions(status=status))
        writer.arrival = "draft"
        writer.write(record)
        return WireItem.objects.select_related("article").get()

    def test_a_flag_is_kept_for_the_desk_and_shown_on_the_queue_and_the_article(self):
        item = self.write(["title_needed"])
        self.assertEqual(item.flags, ["title_needed"])
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(QUEUE), "Cần tiêu đề")
        form = self.client.get(reverse("admin:articles_article_change", args=[item.article_id]))
        self.assertContains(form, "Ban biên tập cần xử lý:")
        self.assertContains(form, "Cần tiêu đề")

    def test_flagged_copy_is_never_published_by_the_import_nor_from_the_queue(self):
        item = self.write(["title_needed", "date_needed"], status="published")
        self.assertEqual(item.article.status_vi, Status.DRAFT)
        response = self.act(self.editor, "publish", [item])
        self.assertEqual(Article.objects.get().status_vi, Status.DRAFT)
        self.assertContains(self.client.get(response.url), "từ hàng chờ tin nhận về: Cần tiêu đề")

    def test_saving_a_title_and_date_in_the_form_clears_the_flags_and_takes_the_item(self):
        item = self.write(["title_needed", "date_needed"])
        article = item.article
        self.client.force_login(self.editor)
        change = reverse("admin:articles_article_change", args=[article.pk])
        data = form_data(self.client.get(change))
        data.update(
            title_vi="Đoàn công tác tới Trường Sa", published_at_vi_0="14/03/2026", published_at_vi_1="08:00"
        )
        response = self.client.post(change, data)
        self.assertEqual(response.status_code, 302)
        item.refresh_from_db()
        self.assertEqual(item.flags, [])
        self.assertEqual(item.state, WireItem.State.ACCEPTED)
        self.assertEqual(item.decided_by, self.editor)

    def test_a_language_the_text_contradicts_is_flagged(self):
        title = "Cai Mep port welcomes the largest container ship it has ever seen"
        self.import_feed(rss(("a", title), language="vi", text=TEXT["en"]))
        self.assertEqual(WireItem.objects.get().flags, ["language"])


class PendingUpdateTests(WireTestCase):
    def setUp(self):
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu lớn")))
        self.article = Article.objects.get()
        self.article.title_vi = "Cảng Cái Mép đón siêu tàu"
        article_save(article=self.article, by=self.editor)

    def test_a_later_copy_waits_to_be_compared_and_applied(self):
        output = self.import_feed(rss(("a", "Cảng Cái Mép đón tàu container lớn nhất")))
        self.assertIn("the new copy waits on the wire", output)
        self.assertEqual(Article.objects.get().title_vi, "Cảng Cái Mép đón siêu tàu")
        item = WireItem.objects.get()
        compare = reverse("admin:ingest_wireitem_update", args=[item.pk])
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(QUEUE + "?state=all"), compare)
        page = self.client.get(compare)
        self.assertContains(page, "siêu</del>")
        self.assertContains(page, "tàu <ins>container lớn nhất</ins>")
        self.client.post(compare, {"opened_version": Article.objects.get().edit_version, "_apply": "1"})
        article = Article.objects.get()
        self.assertEqual(article.title_vi, "Cảng Cái Mép đón tàu container lớn nhất")
        self.assertEqual(article.updated_by, self.editor)
        self.assertIsNone(WireItem.objects.get().pending)

    def test_the_same_copy_again_is_no_update_and_discarding_keeps_the_article(self):
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu lớn")))  # as first imported
        self.assertIsNone(WireItem.objects.get().pending)
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu container lớn nhất")))
        item = WireItem.objects.get()
        self.client.force_login(self.editor)
        self.client.post(reverse("admin:ingest_wireitem_update", args=[item.pk]), {"_discard": "1"})
        self.assertIsNone(WireItem.objects.get().pending)
        self.assertEqual(Article.objects.get().title_vi, "Cảng Cái Mép đón siêu tàu")

    def test_only_someone_who_may_edit_the_article_applies_it(self):
        self.import_feed(rss(("a", "Cảng Cái Mép đón tàu container lớn nhất")))
        item = WireItem.objects.get()
        self.client.force_login(self.reporter)  # not the article's author
        response = self.client.post(reverse("admin:ingest_wireitem_update", args=[item.pk]), {"_apply": "1"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Article.objects.get().title_vi, "Cảng Cái Mép đón siêu tàu")


class FeedDefaultsTests(WireTestCase):
    def test_a_feeds_source_is_credited_to_items_that_name_none(self):
        from articles.models import Source
        from ingest.run import import_articles

        source = Source.objects.create(name_vi="TTXVN", name_en="VNA", slug="vna")
        feed = Feed.objects.create(name="VNA wire", url="https://wire.example/rss", source=source)
        path = write_temp(self, rss(("a", "Cảng Cái Mép đón tàu lớn")), ".xml")
        import_articles([str(path)], options=ImportOptions(source=source, feed=feed))
        self.assertEqual(Article.objects.get().source, source)
        self.assertEqual(WireItem.objects.get().feed, feed)


class EmbargoTests(WireTestCase):
    def ninjs(self) -> str:
        embargo = (timezone.now() + timedelta(days=2)).isoformat()
        return (
            '{"uri": "urn:wire.example:embargo", "type": "text", "language": "vi", "pubstatus": "usable",'
            ' "headline": "Công bố số liệu tăng trưởng quý một",'
            ' "body_html": "<p>Tổng cục Thống kê công bố số liệu vào sáng thứ Hai tuần tới.</p>",'
            f' "versioncreated": "{timezone.now().isoformat()}", "embargoed": "{embargo}"}}'
        )

    def test_an_embargo_becomes_a_scheduled_time_even_when_published(self):
        for how in ("from the queue", "--status published"):
            with self.subTest(how):
                Article.objects.all().delete()
                WireItem.objects.all().delete()
                path = write_temp(self, self.ninjs(), ".json")
                if how == "from the queue":
                    run_import(path)
                    self.act(self.editor, "publish", [WireItem.objects.get()])
                else:
                    run_import(path, status="published")
                article = Article.objects.get()
                self.assertEqual(article.state("vi"), "scheduled")
                self.assertGreater(article.published_at_vi, timezone.now() + timedelta(days=1))
                self.assertEqual(self.client.get(article.url_in("vi")).status_code, 404)


class PageDumpFlagTests(WireTestCase):
    def test_an_undated_dump_and_one_cut_mid_article_wait_flagged_as_drafts(self):
        fixtures = Path(__file__).parent.parent / "ingest" / "fixtures" / "page"
        for name, flag in [
            ("vi-no-date.txt", "date_needed"),
            ("en-cut-mid-article.txt", "title_needed"),
        ]:
            with self.subTest(name):
                WireItem.objects.all().delete()
                run_import(fixtures / name, format="page")
                item = WireItem.objects.select_related("article").get()
                self.assertIn(flag, item.flags)
                self.assertEqual(item.state, WireItem.State.WAITING)
                self.assertEqual(item.article.state(item.language), Status.DRAFT)
                self.assertIsNone(getattr(item.article, f"published_at_{item.language}"))
