"""The editorial desk: roles enforced on the server, scheduling, preview links, revisions, the edit lock."""

import io
import threading
import time
from datetime import timedelta
from unittest import mock, skipUnless

import time_machine
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase, TransactionTestCase
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Status, StatusChange
from desk.preview import preview_url
from desk.roles import EDITOR, REPORTER, ROLES, TRANSLATOR, setup_roles

from ..factories import make_article, make_photo


def form_data(response) -> dict:
    """What a browser would post back from an admin change form, as the server rendered it."""
    data = {}

    def add(bound):
        widget, value, name = bound.field.widget, bound.value(), bound.html_name
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for index, (sub, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                data[f"{name}_{index}"] = sub.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[name] = "" if value is None else str(getattr(value, "pk", value))

    for bound in response.context["adminform"].form:
        add(bound)
    for inline in response.context["inline_admin_formsets"]:
        for bound in inline.formset.management_form:
            add(bound)
        for form in inline.formset.forms:
            for bound in form:
                add(bound)
    return data


class DeskTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_roles()
        users = get_user_model().objects
        cls.reporter = users.create_user("reporter", password="pw", is_staff=True)
        cls.other_reporter = users.create_user("reporter2", password="pw", is_staff=True)
        cls.translator = users.create_user("translator", password="pw", is_staff=True)
        cls.editor = users.create_user("editor", password="pw", is_staff=True)
        for user, role in (
            (cls.reporter, REPORTER),
            (cls.other_reporter, REPORTER),
            (cls.translator, TRANSLATOR),
            (cls.editor, EDITOR),
        ):
            user.groups.add(Group.objects.get(name=role))

    def setUp(self):
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages asserted on

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def open_form(self, user, article):
        self.client.force_login(user)
        response = self.client.get(self.change_url(article))
        self.assertEqual(response.status_code, 200)
        return form_data(response)

    def reload(self, article):
        return Article.objects.get(pk=article.pk)


class SetupRolesTests(DeskTestCase):
    def test_creates_the_four_groups_and_running_again_changes_nothing(self):
        before = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
        call_command("setup_roles", stdout=io.StringIO())
        after = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
        self.assertEqual(before, after)
        self.assertEqual(set(after), set(ROLES))
        self.assertIn("publish_article", after[EDITOR])
        self.assertNotIn("publish_article", after[REPORTER])
        self.assertNotIn("publish_article", after[TRANSLATOR])


class ReporterTests(DeskTestCase):
    def test_writes_a_draft_and_sends_it_for_review_but_cannot_publish_it(self):
        article = make_article(languages=["vi"], status=Status.DRAFT, created_by=self.reporter)
        data = self.open_form(self.reporter, article)
        data["status_vi"] = Status.PUBLISHED
        response = self.client.post(self.change_url(article), data)
        self.assertEqual(response.status_code, 200)  # the form again, with the refusal
        self.assertEqual(self.reload(article).status_vi, Status.DRAFT)
        self.assertContains(response, "errorlist")

        data = self.open_form(self.reporter, article)
        data["status_vi"] = Status.REVIEW
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertEqual(self.reload(article).status_vi, Status.REVIEW)
        change = StatusChange.objects.get(article=article, new_status=Status.REVIEW)
        self.assertEqual(
            (change.old_status, change.changed_by, change.language), (Status.DRAFT, self.reporter, "vi")
        )

    def test_cannot_feature_or_set_a_publication_time_by_posting_them(self):
        article = make_article(languages=["vi"], status=Status.DRAFT, created_by=self.reporter)
        data = self.open_form(self.reporter, article)
        data.update(featured="on", published_at_vi_0="01/01/2030", published_at_vi_1="08:00:00")
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        article = self.reload(article)
        self.assertFalse(article.featured)
        self.assertNotEqual(article.published_at_vi.year, 2030)

    def test_cannot_edit_someone_elses_article_nor_their_own_once_live(self):
        others = make_article(languages=["vi"], status=Status.DRAFT, created_by=self.other_reporter)
        data = self.open_form(self.editor, others)
        data["title_vi"] = "Sửa trộm"
        self.client.force_login(self.reporter)
        self.assertEqual(self.client.post(self.change_url(others), data).status_code, 403)
        self.assertNotEqual(self.reload(others).title_vi, "Sửa trộm")

        live = make_article(languages=["vi"], created_by=self.reporter)
        data = self.open_form(self.editor, live)
        data["title_vi"] = "Sửa bài đã đăng"
        self.client.force_login(self.reporter)
        self.assertEqual(self.client.post(self.change_url(live), data).status_code, 403)

    def test_publish_and_feature_actions_are_refused(self):
        article = make_article(languages=["vi"], status=Status.DRAFT, created_by=self.reporter)
        self.client.force_login(self.reporter)
        for action in ("publish", "publish_vi", "feature"):
            self.client.post(
                reverse("admin:articles_article_changelist"),
                {"action": action, "_selected_action": [article.pk]},
            )
        article = self.reload(article)
        self.assertEqual(article.status_vi, Status.DRAFT)
        self.assertFalse(article.featured)


class TranslatorTests(DeskTestCase):
    def test_writes_the_translation_and_nothing_else(self):
        article = make_article(languages=["vi"], original_language="vi", status=Status.DRAFT)
        data = self.open_form(self.translator, article)
        self.assertNotIn("title_vi", data)  # shown, not editable
        self.assertNotIn("status_en", data)
        data.update(
            title_en="Friendship cooperation",
            lead_en="The lead.",
            body_en="<p>One.</p><p>Two.</p>",
            title_vi="Đổi tiêu đề gốc",
            status_vi=Status.PUBLISHED,
            status_en=Status.PUBLISHED,
            category="",
        )
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        article = self.reload(article)
        self.assertEqual(article.title_en, "Friendship cooperation")
        self.assertNotEqual(article.title_vi, "Đổi tiêu đề gốc")
        self.assertEqual((article.status_vi, article.status_en), (Status.DRAFT, Status.DRAFT))

    def test_hands_the_translation_in_for_review_and_takes_it_back_but_never_publishes_it(self):
        article = make_article(original_language="vi", status=Status.DRAFT)
        data = self.open_form(self.translator, article)
        self.assertNotIn("status_vi", data)  # the original's status is not theirs
        self.assertEqual(data["status_en"], Status.DRAFT)
        data.update(status_en=Status.REVIEW, status_vi=Status.REVIEW)
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        article = self.reload(article)
        self.assertEqual((article.status_vi, article.status_en), (Status.DRAFT, Status.REVIEW))
        self.assertEqual(article.status_changes.get().changed_by, self.translator)
        for status in (Status.PUBLISHED, Status.UNPUBLISHED):
            with self.subTest(status):
                data = self.open_form(self.translator, article)
                data.update(status_en=status)
                response = self.client.post(self.change_url(article), data)
                self.assertContains(response, f"You may not give the English version the status “{status}”.")
                self.assertEqual(self.reload(article).status_en, Status.REVIEW)
        data = self.open_form(self.translator, article)
        data.update(status_en=Status.DRAFT)
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertEqual(self.reload(article).status_en, Status.DRAFT)

    def test_cannot_publish_by_action(self):
        article = make_article(status=Status.REVIEW)
        self.client.force_login(self.translator)
        self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", "_selected_action": [article.pk]},
        )
        self.assertEqual(self.reload(article).status_en, Status.REVIEW)


class EditorSchedulingTests(DeskTestCase):
    def test_each_version_is_published_and_scheduled_on_its_own_and_appears_on_time(self):
        article = make_article(status=Status.REVIEW)
        data = self.open_form(self.editor, article)
        later = timezone.localtime() + timedelta(hours=3)
        data.update(
            status_vi=Status.PUBLISHED,
            published_at_vi_0="",
            published_at_vi_1="",
            status_en=Status.PUBLISHED,
            published_at_en_0=later.strftime("%d/%m/%Y"),
            published_at_en_1=later.strftime("%H:%M:%S"),
        )
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        article = self.reload(article)
        self.client.logout()
        self.assertEqual(self.client.get(article.url_in("vi")).status_code, 200)
        self.assertEqual(self.client.get(article.url_in("en")).status_code, 404)
        self.assertNotIn(article, Article.objects.published("en"))
        with time_machine.travel(later + timedelta(minutes=1)):
            self.assertIn(article, Article.objects.published("en"))
            self.assertEqual(self.client.get(article.url_in("en")).status_code, 200)

    def test_publish_action_and_the_record_of_who_did_it(self):
        article = make_article(status=Status.REVIEW)
        self.client.force_login(self.editor)
        self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_en", "_selected_action": [article.pk]},
        )
        article = self.reload(article)
        self.assertEqual((article.status_vi, article.status_en), (Status.REVIEW, Status.PUBLISHED))
        change = article.status_changes.get(language="en", new_status=Status.PUBLISHED)
        self.assertEqual(
            (change.old_status, change.new_status, change.changed_by), ("review", "published", self.editor)
        )


class PreviewTests(DeskTestCase):
    def test_the_author_and_the_desk_open_a_draft_through_a_signed_link(self):
        article = make_article(languages=["vi"], status=Status.DRAFT, created_by=self.reporter)
        for user in (self.reporter, self.editor):
            self.client.force_login(user)
            response = self.client.get(reverse("admin:articles_article_preview", args=[article.pk, "vi"]))
            self.assertEqual(response.status_code, 302)
            self.client.logout()
            page = self.client.get(response["Location"])  # anyone holding the link
            self.assertContains(page, article.title_vi)
            self.assertEqual(page["X-Robots-Tag"], "noindex, nofollow")
            self.assertIn("no-store", page["Cache-Control"])
        self.assertEqual(self.client.get(article.url_in("vi")).status_code, 404)  # still not public

    def test_nobody_else_gets_a_link(self):
        article = make_article(languages=["vi"], status=Status.DRAFT, created_by=self.reporter)
        self.client.force_login(self.other_reporter)
        url = reverse("admin:articles_article_preview", args=[article.pk, "vi"])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)  # to the login page
        self.assertIn("login", self.client.get(url)["Location"])

    def test_an_expired_link_and_an_altered_one_open_nothing(self):
        article = make_article(languages=["vi"], status=Status.DRAFT)
        url = preview_url(article, "vi")
        with time_machine.travel(timezone.now() + timedelta(hours=47)):
            self.assertEqual(self.client.get(url).status_code, 200)
        with time_machine.travel(timezone.now() + timedelta(hours=49)):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 410)
            self.assertNotContains(response, article.title_vi, status_code=410)
        other = make_article(languages=["vi"], status=Status.DRAFT)
        token = url.rstrip("/").rsplit("/", 1)[1]
        # The same signature over another article's number.
        payload = signing.b64_encode(f'[{other.pk},"vi"]'.encode()).decode()
        tampered = payload + token[token.index(":") :]
        for bad in (url[:-3] + "xy/", url.replace(token, tampered), url.replace("/vi/", "/en/")):
            with self.subTest(bad):
                response = self.client.get(bad)
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, article.title_vi, status_code=404)


class RevisionTests(DeskTestCase):
    def test_every_save_keeps_a_revision_that_can_be_compared_and_restored(self):
        self.client.force_login(self.editor)
        article = make_article(status=Status.DRAFT, created_by=self.editor)
        photo = make_photo()
        data = self.open_form(self.editor, article)
        data.update(title_vi="Tiêu đề thứ nhất", body_vi="<p>Đoạn đầu tiên.</p><p>Đoạn hai.</p>")
        data.update(
            {
                "article_photos-0-photo": str(photo.pk),
                "article_photos-0-position": "0",
                "article_photos-0-paragraph": "",
            }
        )
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        data = self.open_form(self.editor, article)
        data.update(title_vi="Tiêu đề thứ hai", body_vi="<p>Đoạn đã sửa.</p><p>Đoạn hai.</p>")
        data["article_photos-0-DELETE"] = "on"
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertFalse(self.reload(article).article_photos.exists())

        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        versions = list(history.context["versions"])
        self.assertGreaterEqual(len(versions), 3)
        first_edit = versions[1]  # newest first: the one before the last save
        page = self.client.get(reverse("admin:articles_article_revision", args=[article.pk, first_edit.pk]))
        self.assertContains(page, "thứ <del>hai</del> <ins>nhất</ins>")
        self.assertContains(page, "<del>đã sửa.</del> <ins>đầu tiên.</ins>")

        response = self.client.post(
            reverse("admin:articles_article_revision", args=[article.pk, first_edit.pk])
        )
        self.assertEqual(response.status_code, 302)
        article = self.reload(article)
        self.assertEqual(article.title_vi, "Tiêu đề thứ nhất")
        self.assertIn("Đoạn đầu tiên.", article.body_vi)
        self.assertEqual(list(article.article_photos.values_list("photo", flat=True)), [photo.pk])
        self.assertEqual(article.status_vi, Status.DRAFT)
        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        self.assertEqual(
            len(history.context["versions"]), len(versions) + 1
        )  # restoring adds, never rewrites

    def test_a_translator_cannot_restore(self):
        article = make_article(status=Status.DRAFT)
        self.client.force_login(self.editor)
        history = self.client.get(reverse("admin:articles_article_history", args=[article.pk]))
        version = history.context["versions"][0]
        self.client.force_login(self.translator)
        url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
        self.assertEqual(self.client.post(url).status_code, 403)


class ConcurrentEditTests(DeskTestCase):
    def test_the_later_save_is_refused_and_keeps_its_text_for_reconciling(self):
        article = make_article(status=Status.REVIEW)
        first = self.open_form(self.editor, article)
        second = self.open_form(self.translator, article)

        first["title_vi"] = "Bản của biên tập viên"
        self.client.force_login(self.editor)
        self.assertEqual(self.client.post(self.change_url(article), first).status_code, 302)

        second["title_en"] = "The translator's version"
        self.client.force_login(self.translator)
        response = self.client.post(self.change_url(article), second)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "saved this article at")
        self.assertContains(response, "editor")
        self.assertContains(response, "The translator&#x27;s version")  # still in the form
        article = self.reload(article)
        self.assertEqual(article.title_vi, "Bản của biên tập viên")
        self.assertNotEqual(article.title_en, "The translator's version")

        # Having seen the other save, the same form goes through.
        again = form_data(response)
        self.assertEqual(self.client.post(self.change_url(article), again).status_code, 302)
        article = self.reload(article)
        self.assertEqual(
            (article.title_vi, article.title_en), ("Bản của biên tập viên", "The translator's version")
        )

    def test_a_post_without_the_version_it_was_based_on_is_refused(self):
        article = make_article(status=Status.REVIEW)
        data = self.open_form(self.editor, article)
        del data["opened_version"]
        data["title_vi"] = "Không rõ gốc"
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 200)
        self.assertNotEqual(self.reload(article).title_vi, "Không rõ gốc")


class VideoFileTests(DeskTestCase):
    def test_an_uploaded_mp4_plays_on_the_article_and_a_renamed_file_is_refused(self):
        import tempfile
        from pathlib import Path

        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.test import override_settings

        with tempfile.TemporaryDirectory() as media_root, override_settings(MEDIA_ROOT=media_root):
            article = make_article(format="video", created_by=self.editor)
            data = self.open_form(self.editor, article)
            data["video_file"] = SimpleUploadedFile("notes.mp4", b"<?php echo 1; ?>" * 4, "video/mp4")
            response = self.client.post(self.change_url(article), data)
            self.assertContains(response, "not an MP4 or WebM video")
            self.assertEqual([p for p in Path(media_root).rglob("*") if p.is_file()], [])

            data = self.open_form(self.editor, article)
            mp4 = b"\x00\x00\x00\x18ftypmp42" + bytes(64)
            data["video_file"] = SimpleUploadedFile("Phóng sự Hà Nội.mp4", mp4, "video/mp4")
            self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
            article = self.reload(article)
            self.assertRegex(article.video_file.name, r"^videos/\d{4}/\d{2}/phong-su-ha-noi\.mp4$")
            page = self.client.get(article.url_in("vi"))
            self.assertContains(page, f'<video controls preload="metadata" src="{article.video_file.url}"')


@skipUnless(connection.vendor == "postgresql", "row locks: PostgreSQL (SQLite serialises writers anyway)")
class SimultaneousSaveTests(TransactionTestCase):
    def test_of_two_saves_from_the_same_version_at_the_same_moment_one_is_refused(self):
        editor = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
        article = make_article(status=Status.REVIEW)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(editor)
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = form_data(client.get(url))
        real_save = services.article_save

        def slow_save(**kwargs):
            time.sleep(0.5)  # both requests are past their checks before either writes, without the lock
            return real_save(**kwargs)

        results = []

        def post(title):
            other = Client(HTTP_ACCEPT_LANGUAGE="en")
            other.force_login(editor)
            try:
                results.append(other.post(url, {**data, "title_vi": title}).status_code)
            finally:
                connection.close()

        with mock.patch.object(services, "article_save", side_effect=slow_save):
            threads = [threading.Thread(target=post, args=(f"Bản {n}",)) for n in (1, 2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(sorted(results), [200, 302])
        self.assertEqual(Article.objects.get(pk=article.pk).edit_version, article.edit_version + 1)
