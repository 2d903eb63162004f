"""
The desk's steps in the admin, by direct requests as each role: sending for review to a
named reviewer, assigning, notes, corrections, takedowns, expiry times, the "my work"
filter, and the limits of a person who works on one language or some sections.
"""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Status, Takedown
from desk.models import Assignment, DeskLimits, EditorialNote, Notification

from ..factories import make_article
from .test_assignments_limits import DeskPeople
from .test_desk import form_data

CHANGELIST = reverse("admin:articles_article_changelist")


def step(article, name, language):
    return reverse(f"admin:articles_article_{name}", args=[article.pk, language])


def change(article):
    return reverse("admin:articles_article_change", args=[article.pk])


class StepTests(DeskPeople):
    def test_the_change_form_offers_each_step_the_person_may_take(self):
        article = make_article(category=self.seas, created_by=self.reporter, status=Status.DRAFT)
        self.client.force_login(self.chief)
        form = self.client.get(change(article)).content.decode()
        for name in ("review", "assign", "note", "takedown"):
            self.assertIn(step(article, name, "vi"), form)
        self.assertNotIn(step(article, "correction", "vi"), form)  # not live: corrected in place
        self.client.force_login(self.reporter)
        form = self.client.get(change(article)).content.decode()
        self.assertIn(step(article, "review", "vi"), form)
        self.assertNotIn(step(article, "assign", "vi"), form)
        self.assertNotIn(step(article, "takedown", "vi"), form)

    def test_a_reporter_sends_for_review_naming_the_reviewer_who_is_told(self):
        article = make_article(category=self.seas, created_by=self.reporter, status=Status.DRAFT)
        self.client.force_login(self.reporter)
        self.client.post(step(article, "review", "vi"), {"reviewer": self.seas_editor.pk})
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.REVIEW)
        self.assertEqual(Assignment.objects.get(article=article, language="vi").reviewer, self.seas_editor)
        self.assertEqual(list(Notification.objects.values_list("user__username", flat=True)), ["seas_editor"])
        self.client.force_login(self.seas_editor)
        self.assertContains(self.client.get(CHANGELIST + "?mine=review"), article.title_vi)
        self.client.force_login(self.diplomacy_editor)
        self.assertNotContains(self.client.get(CHANGELIST + "?mine=review"), article.title_vi)

    def test_sending_for_review_from_the_form_tells_the_sections_desk(self):
        article = make_article(category=self.seas, created_by=self.reporter, status=Status.DRAFT)
        self.client.force_login(self.reporter)
        data = form_data(self.client.get(change(article)))
        data.update(status_vi=Status.REVIEW)
        self.assertEqual(self.client.post(change(article), data).status_code, 302)
        told = set(Notification.objects.values_list("user__username", flat=True))
        self.assertEqual(told, {"seas_editor", "chief"})
        self.assertTrue(any(message.to == ["seas_editor@newsroom.example"] for message in mail.outbox))

    def test_only_an_editor_assigns_and_the_assignee_finds_it_under_my_work(self):
        article = make_article(category=self.seas, status=Status.DRAFT, languages=["vi"])
        self.client.force_login(self.reporter)
        self.assertEqual(
            self.client.post(step(article, "assign", "en"), {}).status_code, 404
        )  # no EN version
        self.assertEqual(
            self.client.post(step(article, "assign", "vi"), {"assignee": self.reporter.pk}).status_code, 403
        )
        self.client.force_login(self.chief)
        self.client.post(step(article, "assign", "vi"), {"assignee": self.seas_reporter.pk})
        self.assertEqual(Assignment.objects.get().assignee, self.seas_reporter)
        self.client.force_login(self.seas_reporter)
        mine = self.client.get(CHANGELIST + "?mine=assigned")
        self.assertContains(mine, article.title_vi)
        self.assertContains(mine, "VI · seas_reporter")  # the list's assignee column
        self.assertEqual(Notification.objects.get().user, self.seas_reporter)

    def test_a_note_is_kept_with_who_and_when_on_the_form(self):
        article = make_article(category=self.seas, created_by=self.reporter, status=Status.DRAFT)
        self.client.force_login(self.reporter)
        self.client.post(step(article, "note", "vi"), {"text": "Chờ ảnh của phóng viên thường trú"})
        note = EditorialNote.objects.get()
        self.assertEqual((note.created_by, note.language), (self.reporter, "vi"))
        self.assertContains(self.client.get(change(article)), "Chờ ảnh của phóng viên thường trú")

    def test_an_editor_corrects_a_live_version_and_readers_see_it(self):
        article = make_article(category=self.seas)
        self.client.force_login(self.reporter)
        self.assertEqual(
            self.client.post(step(article, "correction", "vi"), {"text": "Sửa"}).status_code, 403
        )
        self.client.force_login(self.chief)
        self.client.post(step(article, "correction", "vi"), {"text": "Số tàu cá là 12, không phải 21."})
        self.assertEqual(Correction.objects.get().created_by, self.chief)
        self.assertContains(self.client.get(article.url_in("vi")), "Số tàu cá là 12, không phải 21.")

    def test_a_takedown_needs_an_editor_and_a_reason(self):
        article = make_article(category=self.seas)
        self.client.force_login(self.reporter)
        self.assertEqual(self.client.post(step(article, "takedown", "vi"), {"reason": "x"}).status_code, 403)
        self.client.force_login(self.chief)
        self.assertContains(self.client.post(step(article, "takedown", "vi"), {"reason": ""}), "errorlist")
        self.client.post(step(article, "takedown", "vi"), {"reason": "Quyết định của tòa án số 12"})
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.TAKEN_DOWN)
        self.assertEqual(Takedown.objects.get().created_by, self.chief)
        self.assertEqual(self.client.get(article.url_in("vi")).status_code, 404)
        self.assertContains(self.client.get(change(article)), "Quyết định của tòa án số 12")

    def test_the_status_list_never_offers_a_takedown_without_its_reason(self):
        article = make_article(category=self.seas)
        self.client.force_login(self.chief)
        data = form_data(self.client.get(change(article)))
        data.update(status_vi=Status.TAKEN_DOWN)
        self.assertEqual(self.client.post(change(article), data).status_code, 200)  # refused on the form
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.PUBLISHED)

    def test_an_editor_sets_an_expiry_time_and_a_reporter_cannot(self):
        article = make_article(category=self.seas, created_by=self.reporter, status=Status.DRAFT)
        later = timezone.localtime() + timedelta(days=3)
        self.client.force_login(self.reporter)
        data = form_data(self.client.get(change(article)))
        self.assertNotIn("expires_at_vi_0", data)
        self.client.force_login(self.chief)
        data = form_data(self.client.get(change(article)))
        data.update(expires_at_vi_0=later.strftime("%d/%m/%Y"), expires_at_vi_1=later.strftime("%H:%M:%S"))
        self.assertEqual(self.client.post(change(article), data).status_code, 302)
        self.assertIsNotNone(Article.objects.get(pk=article.pk).expires_at_vi)


class LanguageLimitTests(DeskPeople):
    def test_a_translator_into_english_writes_only_english_even_by_a_hand_made_post(self):
        article = make_article(category=self.seas, status=Status.DRAFT, original_language="vi")
        self.client.force_login(self.translator)
        data = form_data(self.client.get(change(article)))
        self.assertNotIn("title_vi", data)
        data.update(
            title_en="Fishing boats return safely", title_vi="Đổi tiêu đề gốc", status_vi=Status.REVIEW
        )
        self.assertEqual(self.client.post(change(article), data).status_code, 302)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual(article.title_en, "Fishing boats return safely")
        self.assertNotEqual(article.title_vi, "Đổi tiêu đề gốc")
        self.assertEqual(article.status_vi, Status.DRAFT)
        self.assertEqual(self.client.post(step(article, "review", "vi"), {}).status_code, 403)

    def test_an_editor_limited_to_a_section_publishes_nothing_outside_it(self):
        inside = make_article(category=self.islands, status=Status.REVIEW)
        outside = make_article(category=self.diplomacy, status=Status.REVIEW)
        self.client.force_login(self.seas_editor)
        self.client.post(CHANGELIST, {"action": "publish", "_selected_action": [inside.pk, outside.pk]})
        self.assertEqual(Article.objects.get(pk=inside.pk).status_vi, Status.PUBLISHED)
        self.assertEqual(Article.objects.get(pk=outside.pk).status_vi, Status.REVIEW)
        self.assertEqual(self.client.post(step(outside, "takedown", "vi"), {"reason": "x"}).status_code, 403)

    def test_a_reporter_limited_to_english_sees_the_vietnamese_version_but_cannot_write_it(self):
        DeskLimits.objects.create(user=self.reporter, language="en")
        article = make_article(category=self.seas, created_by=self.reporter, status=Status.DRAFT)
        self.client.force_login(self.reporter)
        data = form_data(self.client.get(change(article)))
        self.assertIn("title_en", data)
        self.assertNotIn("title_vi", data)
        self.assertNotIn("status_vi", data)
        data.update(
            title_en="Fishing boats return safely", title_vi="Đổi tiêu đề gốc", status_vi=Status.REVIEW
        )
        self.assertEqual(self.client.post(change(article), data).status_code, 302)
        article = Article.objects.get(pk=article.pk)
        self.assertEqual((article.title_en, article.status_vi), ("Fishing boats return safely", Status.DRAFT))
        self.assertNotEqual(article.title_vi, "Đổi tiêu đề gốc")


class NotificationTests(DeskPeople):
    def test_the_admin_home_shows_new_notifications_and_the_list_marks_them_read(self):
        article = make_article(category=self.seas, status=Status.DRAFT)
        self.client.force_login(self.chief)
        self.client.post(step(article, "assign", "vi"), {"assignee": self.seas_reporter.pk})
        self.client.force_login(self.seas_reporter)
        home = self.client.get(reverse("admin:index"))
        self.assertContains(home, 'id="my-notifications"')
        self.assertContains(home, change(article))
        listing = self.client.get(reverse("admin:desk_notification_changelist"))
        self.assertContains(listing, article.title_vi)
        self.assertNotContains(self.client.get(reverse("admin:index")), 'id="my-notifications"')
        self.client.force_login(self.reporter)  # someone else's notifications are not theirs to see
        self.assertNotContains(
            self.client.get(reverse("admin:desk_notification_changelist")), article.title_vi
        )
