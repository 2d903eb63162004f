"""
Assignments, review, notes and notifications; limits per section and language, checked on
the server by direct POSTs as each role.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from articles.models import Article, Status
from desk import assignments, roles
from desk.models import DeskLimits, Notification
from desk.roles import EDITOR, REPORTER, TRANSLATOR, setup_roles
from ingest.models import WireItem

from ..factories import make_article, make_category
from ..ingest.helpers import run_import, write_temp
from .test_desk import form_data
from .test_wire_queue import QUEUE, rss


class DeskPeople(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_roles()
        users = get_user_model().objects
        cls.seas = make_category(name_vi="Biển đảo", name_en="Seas and islands")
        cls.islands = make_category(name_vi="Trường Sa", name_en="Truong Sa", parent=cls.seas)
        cls.diplomacy = make_category(name_vi="Ngoại giao", name_en="Diplomacy")
        people = {
            "reporter": REPORTER,
            "seas_reporter": REPORTER,
            "translator": TRANSLATOR,
            "seas_editor": EDITOR,
            "diplomacy_editor": EDITOR,
            "chief": EDITOR,
        }
        for name, role in people.items():
            user = users.create_user(name, email=f"{name}@newsroom.example", password="pw", is_staff=True)
            user.groups.add(Group.objects.get(name=role))
            setattr(cls, name, user)
        DeskLimits.objects.create(user=cls.seas_reporter).sections.set([cls.seas])
        DeskLimits.objects.create(user=cls.seas_editor).sections.set([cls.seas])
        DeskLimits.objects.create(user=cls.diplomacy_editor).sections.set([cls.diplomacy])
        DeskLimits.objects.create(user=cls.translator, language="en")

    def fresh(self, user):
        """The person as a new request sees them (limits are read once per request)."""
        return get_user_model().objects.get(pk=user.pk)


class AssignmentTests(DeskPeople):
    def test_an_assignment_tells_the_assignee_in_the_admin_and_by_email(self):
        article = make_article(category=self.seas, status=Status.DRAFT, languages=["vi"])
        assignments.assign(article=article, language="en", assignee=self.translator, by=self.chief)
        note = Notification.objects.get(user=self.translator)
        self.assertIn(str(article), note.text)
        self.assertEqual(note.url, reverse("admin:articles_article_change", args=[article.pk]))
        self.assertEqual(mail.outbox[-1].to, ["translator@newsroom.example"])
        self.assertIn(str(article), mail.outbox[-1].body)

    def test_sent_for_review_to_a_named_reviewer_only_they_are_told_and_it_is_in_their_queue(self):
        article = make_article(category=self.islands, status=Status.DRAFT, created_by=self.seas_reporter)
        assignments.send_for_review(
            article=article, language="vi", by=self.seas_reporter, reviewer=self.chief
        )
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.REVIEW)
        self.assertEqual(list(Notification.objects.values_list("user__username", flat=True)), ["chief"])
        self.assertIn(article, assignments.review_queue(self.chief))
        self.assertNotIn(article, assignments.review_queue(self.fresh(self.seas_editor)))

    def test_without_a_reviewer_the_sections_desk_is_told_and_sees_it(self):
        article = make_article(category=self.islands, status=Status.DRAFT, created_by=self.seas_reporter)
        assignments.send_for_review(article=article, language="vi", by=self.seas_reporter)
        told = set(Notification.objects.values_list("user__username", flat=True))
        self.assertEqual(told, {"seas_editor", "chief"})  # not the diplomacy desk, not the sender
        self.assertIn(article, assignments.review_queue(self.fresh(self.seas_editor)))
        self.assertNotIn(article, assignments.review_queue(self.fresh(self.diplomacy_editor)))

    def test_a_translator_hands_in_the_translation_but_not_the_original(self):
        article = make_article(category=self.seas, status=Status.DRAFT, original_language="vi")
        assignments.send_for_review(article=article, language="en", by=self.translator)
        self.assertEqual(Article.objects.get(pk=article.pk).status_en, Status.REVIEW)
        with self.assertRaises(PermissionError):
            assignments.send_for_review(article=article, language="vi", by=self.translator)
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.DRAFT)

    def test_notes_are_for_the_desk_never_for_readers(self):
        article = make_article(category=self.seas)
        assignments.add_note(article=article, text="Kiểm tra lại số liệu với Bộ Ngoại giao", by=self.chief)
        self.assertEqual(article.editorial_notes.get().created_by, self.chief)
        self.assertNotContains(self.client.get(article.url_in("vi")), "Kiểm tra lại số liệu")


class SectionLimitTests(DeskPeople):
    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def test_a_reporter_limited_to_a_section_writes_only_there_even_by_a_hand_made_post(self):
        inside = make_article(category=self.islands, status=Status.DRAFT, created_by=self.seas_reporter)
        outside = make_article(category=self.diplomacy, status=Status.DRAFT, created_by=self.seas_reporter)
        self.assertTrue(roles.can_edit(self.fresh(self.seas_reporter), inside))  # a section inside counts
        self.assertFalse(roles.can_edit(self.fresh(self.seas_reporter), outside))
        self.client.force_login(self.seas_reporter)
        data = form_data(self.client.get(self.change_url(inside)))
        data.update(title_vi="Tàu cá trở về an toàn")
        self.assertEqual(self.client.post(self.change_url(inside), data).status_code, 302)
        data = form_data(self.client.get(self.change_url(inside)))
        data.update(category=self.diplomacy.pk)  # moving it out of their sections
        response = self.client.post(self.change_url(inside), data)
        self.assertContains(response, "Bạn không phụ trách chuyên mục “Ngoại giao”")
        self.assertEqual(Article.objects.get(pk=inside.pk).category, self.islands)
        data.update(category=outside.category_id, title_vi="Đổi tiêu đề")
        self.client.post(self.change_url(outside), data)
        self.assertNotEqual(Article.objects.get(pk=outside.pk).title_vi, "Đổi tiêu đề")

    def test_an_editor_limited_to_a_section_takes_no_wire_item_elsewhere(self):
        run_import(write_temp(self, rss(("a", "Cảng Cái Mép đón tàu lớn")), ".xml"))
        item = WireItem.objects.get()
        Article.objects.filter(pk=item.article_id).update(category=self.diplomacy)
        self.client.force_login(self.seas_editor)
        self.client.post(QUEUE, {"action": "publish", "_selected_action": [item.pk], "index": 0})
        self.assertEqual(Article.objects.get(pk=item.article_id).status_vi, Status.REVIEW)
        self.client.post(
            QUEUE,
            {"action": "assign_section", "_selected_action": [item.pk], "index": 0, "section": self.seas.pk},
        )
        self.assertEqual(Article.objects.get(pk=item.article_id).category, self.diplomacy)
        self.client.force_login(self.diplomacy_editor)
        self.client.post(QUEUE, {"action": "publish", "_selected_action": [item.pk], "index": 0})
        self.assertEqual(Article.objects.get(pk=item.article_id).status_vi, Status.PUBLISHED)
