"""
Registered feeds polled on a schedule (ingest.polling, poll_feeds): a feed polled twice
brings its items once, in review, the second poll conditional; a failing feed waits
longer each time and never stops the others; a feed's password is sent, never shown.
"""

import base64
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from articles.models import Article, Status
from ingest.models import Feed, WireItem
from ingest.polling import poll_due_feeds, poll_feed

ETAG = '"wire-v1"'
RSS = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
    "<link>https://wire.example/</link><description>Wire</description><language>vi</language>"
    "<item><title>Khánh thành cảng cá Cà Mau</title><link>https://wire.example/1</link><guid>w-1</guid>"
    "<description>Cảng mới đón những chuyến tàu đầu tiên.</description>"
    "<pubDate>Sat, 14 Mar 2026 08:00:00 +0700</pubDate></item>"
    "<item><title>Mở tuyến bay mới đến Côn Đảo</title><link>https://wire.example/2</link><guid>w-2</guid>"
    "<description>Mỗi ngày có hai chuyến bay khứ hồi.</description>"
    "<pubDate>Sat, 14 Mar 2026 09:00:00 +0700</pubDate></item></channel></rss>"
).encode()


class WireServer(BaseHTTPRequestHandler):
    """/feed answers with an ETag and 304 to a matching If-None-Match; /secret wants a password."""

    seen: list[dict] = []

    def do_GET(self):
        WireServer.seen.append({"path": self.path, **dict(self.headers)})
        if (
            self.path == "/secret"
            and self.headers.get("Authorization") != "Basic " + base64.b64encode(b"desk:s3cret-key").decode()
        ):
            self.send_response(401)
            self.end_headers()
            return
        if self.path not in ("/feed", "/secret"):
            self.send_response(404)
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(RSS)))
        self.end_headers()
        self.wfile.write(RSS)

    def log_message(self, *args):
        pass


class PollingTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), WireServer)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self):
        WireServer.seen = []

    def test_a_feed_polled_twice_brings_its_items_once_in_review_the_second_time_conditionally(self):
        feed = Feed.objects.create(name="Wire", url=f"{self.base}/feed", poll_minutes=5)
        first = timezone.now()
        (result,) = poll_due_feeds(now=first)
        self.assertEqual(result.outcome, "imported", result.message)
        self.assertEqual(Article.objects.count(), 2)
        self.assertEqual(set(Article.objects.values_list("status_vi", flat=True)), {Status.REVIEW})
        # On the wire, as this feed's, waiting for the desk.
        self.assertEqual(set(WireItem.objects.values_list("feed__name", "state")), {(feed.name, "waiting")})
        feed.refresh_from_db()
        self.assertEqual((feed.etag, feed.items_created, feed.failures), (ETAG, 2, 0))
        self.assertEqual(feed.next_poll_at, first + timedelta(minutes=5))
        self.assertEqual(poll_due_feeds(now=first + timedelta(minutes=1)), [])  # not due yet
        (again,) = poll_due_feeds(now=first + timedelta(minutes=5))
        self.assertEqual(again.outcome, "not modified")
        self.assertEqual(WireServer.seen[-1]["If-None-Match"], ETAG)
        self.assertEqual(Article.objects.count(), 2)

    def test_a_changed_feed_updates_its_items_and_keeps_what_the_desk_published(self):
        feed = Feed.objects.create(name="Wire", url=f"{self.base}/feed")
        poll_due_feeds()
        article = Article.objects.get(external_id__endswith="w-1")
        article.status_vi = Status.PUBLISHED
        article.save()
        feed.etag = ""  # the wire sends the whole feed again
        feed.next_poll_at = None
        feed.save()
        poll_due_feeds()
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.PUBLISHED)
        self.assertEqual(Article.objects.count(), 2)

    def test_a_failing_feed_backs_off_and_never_stops_the_others(self):
        broken = Feed.objects.create(name="Broken", url=f"{self.base}/missing", poll_minutes=10)
        Feed.objects.create(name="Wire", url=f"{self.base}/feed")
        now = timezone.now()
        results = {result.feed.name: result for result in poll_due_feeds(now=now)}
        self.assertEqual(results["Broken"].outcome, "failed")
        self.assertIn("404", results["Broken"].message)
        self.assertEqual(results["Wire"].outcome, "imported")
        broken.refresh_from_db()
        self.assertEqual(broken.failures, 1)
        self.assertEqual(broken.next_poll_at, now + timedelta(minutes=20))
        poll_due_feeds(now=broken.next_poll_at)
        broken.refresh_from_db()
        self.assertEqual(
            (broken.failures, broken.next_poll_at - broken.last_polled_at), (2, timedelta(minutes=40))
        )
        self.assertIn("404", broken.last_error)

    def test_of_two_overlapping_polls_of_one_feed_only_one_fetches_it(self):
        Feed.objects.create(name="Wire", url=f"{self.base}/feed")
        first, second = (
            list(Feed.objects.all()),
            list(Feed.objects.all()),
        )  # two pollers, each holding the row
        now = timezone.now()
        (result,) = [poll_feed(feed=feed, now=now) for feed in first]
        (late,) = [poll_feed(feed=feed, now=now) for feed in second]
        self.assertEqual((result.outcome, late.outcome), ("imported", "skipped"))
        self.assertEqual(len(WireServer.seen), 1)

    def test_an_inactive_feed_is_never_polled(self):
        Feed.objects.create(name="Paused", url=f"{self.base}/feed", active=False)
        self.assertEqual(poll_due_feeds(), [])
        self.assertEqual(WireServer.seen, [])

    def test_the_feeds_password_is_sent_and_the_command_reports_each_feed(self):
        Feed.objects.create(name="Partner", url=f"{self.base}/secret", username="desk", password="s3cret-key")
        Feed.objects.create(name="Locked", url=f"{self.base}/secret", username="desk", password="wrong")
        stdout, stderr = StringIO(), StringIO()
        call_command("poll_feeds", stdout=stdout, stderr=stderr)
        self.assertIn("Partner: imported (created 2", stdout.getvalue())
        self.assertIn("Locked: failed", stderr.getvalue())
        self.assertIn("401", stderr.getvalue())


class FeedAdminTests(TestCase):
    def setUp(self):
        self.client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))
        self.feed = Feed.objects.create(
            name="Partner", url="https://partner.example/feed", password="s3cret-key-9876"
        )

    def test_the_stored_password_is_never_shown_and_an_empty_field_keeps_it(self):
        page = self.client.get(f"/admin/ingest/feed/{self.feed.pk}/change/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "s3cret-key")
        self.assertContains(page, "••••••••76")
        data = {
            "name": "Partner",
            "url": "https://partner.example/feed",
            "format": "auto",
            "language": "auto",
            "status": "review",
            "poll_minutes": 15,
            "active": "on",
            "username": "desk",
            "password": "",
        }
        response = self.client.post(f"/admin/ingest/feed/{self.feed.pk}/change/", data)
        self.assertEqual(response.status_code, 302)
        self.feed.refresh_from_db()
        self.assertEqual((self.feed.password, self.feed.poll_minutes), ("s3cret-key-9876", 15))
