"""A translator changes a draft or in-review translation; a live one's text changes only through an editor."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from desk.roles import EDITOR, TRANSLATOR

from ..factories import make_article
from .test_desk import form_data

#: What a hand-made post tries to put into the live English version, field by field.
CHANGES = {
    "title_en": "A rewritten headline nobody reviewed",
    "slug_en": "a-rewritten-address",
    "lead_en": "A rewritten lead nobody reviewed.",
    "body_en": "<p>A rewritten body nobody reviewed.</p>",
    "byline_en": "Somebody else",
}


class TranslatorLiveTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", verbosity=0)
        users = get_user_model().objects
        cls.translator = users.create_user("translator", password="pw", is_staff=True)
        cls.translator.groups.add(Group.objects.get(name=TRANSLATOR))
        cls.editor = users.create_user("editor", password="pw", is_staff=True)
        cls.editor.groups.add(Group.objects.get(name=EDITOR))

    def setUp(self):
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages asserted on

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def open_form(self, user, article) -> dict:
        self.client.force_login(user)
        response = self.client.get(self.change_url(article))
        self.assertEqual(response.status_code, 200)
        return form_data(response)

    def text(self, article) -> dict:
        article = Article.objects.get(pk=article.pk)
        return {name: getattr(article, name) for name in CHANGES}

    def test_the_live_translation_is_shown_but_not_editable(self):
        article = make_article(original_language="vi")
        data = self.open_form(self.translator, article)
        for name in CHANGES:
            self.assertNotIn(name, data)
        self.assertContains(self.client.get(self.change_url(article)), article.title_en)

    def test_a_hand_made_post_to_a_published_scheduled_or_unpublished_translation_is_refused(self):
        later = timezone.now() + timedelta(hours=5)
        articles = {
            "published": make_article(original_language="vi"),
            "scheduled": make_article(original_language="vi", published_at_en=later),
            "unpublished": make_article(original_language="vi", status_en=Status.UNPUBLISHED),
        }
        for state, article in articles.items():
            before = self.text(article)
            for name, value in CHANGES.items():
                with self.subTest(state=state, field=name):
                    data = self.open_form(self.translator, article)
                    data[name] = value
                    response = self.client.post(self.change_url(article), data)
                    self.assertContains(response, "only an editor may change its text")
                    self.assertEqual(self.text(article), before)

        self.client.logout()
        page = self.client.get(articles["published"].url_in("en"))
        self.assertContains(page, articles["published"].title_en)
        for value in CHANGES.values():
            self.assertNotContains(page, value)

    def test_the_translator_still_edits_a_draft_or_in_review_translation(self):
        for status in (Status.DRAFT, Status.REVIEW):
            with self.subTest(status):
                article = make_article(original_language="vi", status_en=status)
                data = self.open_form(self.translator, article)
                data.update(title_en="A better headline", body_en="<p>A better body.</p>")
                self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
                article = Article.objects.get(pk=article.pk)
                self.assertEqual(article.title_en, "A better headline")
                self.assertIn("A better body.", article.body_en)
                self.assertEqual(article.status_en, status)

    def test_an_editor_still_changes_the_live_translation(self):
        article = make_article(original_language="vi")
        data = self.open_form(self.editor, article)
        data["title_en"] = "A headline the editor corrected"
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.client.logout()
        self.assertContains(self.client.get(article.url_in("en")), "A headline the editor corrected")
