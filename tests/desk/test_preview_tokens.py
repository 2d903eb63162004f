"""Preview links: a malformed or voided token opens nothing (404); the desk revokes an article's links."""

from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Status
from desk import preview
from desk.models import PreviewKey
from desk.roles import EDITOR, REPORTER, TRANSLATOR

from ..factories import make_article


def preview_path(token: str, language: str = "vi") -> str:
    with translation.override(language):
        return reverse("desk:preview", kwargs={"token": token})


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


class MalformedTokenTests(TestCase):
    """Whatever is put where the token goes, the answer is the site's 404 page, never an error."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(original_language="vi", status=Status.DRAFT, title_vi="Bản nháp bí mật")
        cls.other = make_article(original_language="vi", status=Status.DRAFT)
        cls.vietnamese_only = make_article(languages=["vi"], status=Status.DRAFT)

    def assert_opens_nothing(self, path: str):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 404, path)
        self.assertNotContains(response, self.article.title_vi, status_code=404)
        self.assertNotContains(response, "Traceback", status_code=404)

    def hostile_tokens(self) -> dict[str, str]:
        genuine = token_of(preview.preview_url(self.article, "vi"))
        payload, timestamp, signature = genuine.split(":")
        other = token_of(preview.preview_url(self.other, "vi"))
        other_payload = other.split(":")[0]
        deleted = make_article(status=Status.DRAFT)
        deleted_token = token_of(preview.preview_url(deleted, "vi"))
        deleted.delete()
        pk = self.article.pk

        def signed(value, salt=preview.SALT):
            return signing.dumps(value, salt=salt)

        return {
            "garbage": "garbage",
            "punctuation": "!!!...~~~",
            "colons only": "::",
            "truncated signature": genuine[:-4],
            "payload alone": payload,
            "payload and time, no signature": f"{payload}:{timestamp}",
            "signature altered": f"{payload}:{timestamp}:{signature[:-2]}xx",
            "signature of another link": f"{payload}:{timestamp}:{other.split(':')[2]}",
            "bad base64 payload": f"%%%%:{timestamp}:{signature}",
            "bad timestamp": f"{payload}:!!:{signature}",
            "another article's id under this signature": f"{other_payload}:{timestamp}:{signature}",
            "another article's id, re-encoded": (
                signing.b64_encode(f'[{self.other.pk},"vi",""]'.encode()).decode()
                + f":{timestamp}:{signature}"
            ),
            "signed with another salt": signed([pk, "vi", ""], salt="another.purpose"),
            "signed object, not a list": signed({"pk": pk, "language": "vi"}),
            "signed string": signed("vi"),
            "signed list too short": signed([pk]),
            "signed list too long": signed([pk, "vi", "", "extra"]),
            "signed id as text": signed([str(pk), "vi", ""]),
            "signed id as a list": signed([[pk], "vi", ""]),
            "signed id as null": signed([None, "vi", ""]),
            "signed key as a number": signed([pk, "vi", 0]),
            "signed old-style pair, id as a list": signed([[pk], "vi"]),
            "signed object of two keys": signed({"pk": pk, "vi": "vi"}),
            "signed language not a language": signed([pk, {"vi": 1}, ""]),
            "a deleted article": deleted_token,
            "a language the article lacks": token_of(preview.preview_url(self.vietnamese_only, "en")),
            "non-ASCII": "bài-viết-nháp",
            "non-ASCII in a genuine token": genuine[:-1] + "é",
            "non-ASCII signature": f"{payload}:{timestamp}:токен",
            "emoji": "🔑:🔑:🔑",
            "very long": "A" * 5000,
            "very long with colons": ":".join(["B" * 2000] * 3),
        }

    def test_every_hostile_token_answers_404(self):
        for name, token in self.hostile_tokens().items():
            with self.subTest(name):
                self.assert_opens_nothing(preview_path(token))

    def test_raw_addresses_answer_404(self):
        genuine = token_of(preview.preview_url(self.article, "vi"))
        for path in (
            "/vi/preview/%ff%fe/",  # bytes that are not UTF-8
            "/vi/preview/%00/",
            f"/vi/preview/{genuine}%00/",
            f"/vi/preview/{genuine}%20/",
            f"/en/preview/{genuine}/",  # the Vietnamese link under the English address
        ):
            with self.subTest(path):
                self.assert_opens_nothing(path)

    def test_the_genuine_link_opens_and_grown_old_says_so(self):
        url = preview.preview_url(self.article, "vi")
        self.assertContains(self.client.get(url), self.article.title_vi)
        # An expired genuine link keeps its page saying to ask for a new one (410), without the article.
        with time_machine.travel(timezone.now() + timedelta(hours=49)):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 410)
        self.assertNotContains(response, self.article.title_vi, status_code=410)

    def test_a_link_made_before_links_carried_a_key_opens_until_the_first_revoke(self):
        path = preview_path(signing.dumps([self.article.pk, "vi"], salt=preview.SALT))
        self.assertContains(self.client.get(path), self.article.title_vi)
        preview.previews_revoke(article=self.article)
        self.assert_opens_nothing(path)


class RevokePreviewsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", verbosity=0)
        users = get_user_model().objects
        cls.users = {}
        for name, role in (
            ("editor", EDITOR),
            ("author", REPORTER),
            ("other_reporter", REPORTER),
            ("translator", TRANSLATOR),
        ):
            cls.users[name] = users.create_user(name, password="pw", is_staff=True)
            cls.users[name].groups.add(Group.objects.get(name=role))
        cls.article = make_article(
            original_language="vi",
            status=Status.DRAFT,
            created_by=cls.users["author"],
            title_vi="Bài chưa đăng",
        )

    def setUp(self):
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages asserted on
        self.links = [preview.preview_url(self.article, code) for code in ("vi", "en")]

    def change_url(self):
        return reverse("admin:articles_article_change", args=[self.article.pk])

    def revoke_url(self):
        return reverse("admin:articles_article_revoke_previews", args=[self.article.pk])

    def assert_links_open(self, links, expected=200):
        reader = Client()
        for link in links:
            with self.subTest(link=link):
                self.assertEqual(reader.get(link).status_code, expected)

    def test_an_editor_revokes_old_links_and_new_ones_work(self):
        self.client.force_login(self.users["editor"])
        change_page = self.client.get(self.change_url())
        self.assertContains(change_page, f'href="{self.revoke_url()}"')
        confirmation = self.client.get(self.revoke_url())
        self.assertContains(confirmation, "Revoke preview links")
        self.assert_links_open(self.links)  # opening the confirmation revokes nothing

        response = self.client.post(self.revoke_url(), follow=True)
        self.assertContains(response, "given out so far is revoked")
        self.assert_links_open(self.links, 404)
        reader = Client()
        response = reader.get(self.links[0])
        self.assertNotContains(response, self.article.title_vi, status_code=404)

        fresh = self.client.get(reverse("admin:articles_article_preview", args=[self.article.pk, "vi"]))
        self.assertEqual(fresh.status_code, 302)
        self.assertContains(reader.get(fresh["Location"]), self.article.title_vi)
        self.assertContains(self.client.get(self.revoke_url()), "Last revoked on")

        self.client.post(self.revoke_url())  # again: the links made in between go too
        self.assert_links_open([fresh["Location"]], 404)

    def test_an_unknown_article_answers_404(self):
        self.client.force_login(self.users["editor"])
        for object_id in ("999999", "not-a-number", "1%00"):
            with self.subTest(object_id):
                url = reverse("admin:articles_article_changelist") + f"{object_id}/revoke-previews/"
                response = self.client.post(url, follow=True)
                # A 404, or (an id that is not a number) the admin's own "no such article" on its index.
                self.assertIn(response.status_code, (200, 404))
                if response.status_code == 200:
                    self.assertEqual(response.resolver_match.url_name, "index")
                self.assertEqual(PreviewKey.objects.count(), 0)

    def test_the_author_may_revoke(self):
        self.client.force_login(self.users["author"])
        self.assertEqual(self.client.post(self.revoke_url()).status_code, 302)
        self.assert_links_open(self.links, 404)

    def test_nobody_else_may_revoke(self):
        for name in ("other_reporter", "translator"):
            with self.subTest(name):
                self.client.force_login(self.users[name])
                change_page = self.client.get(self.change_url())
                self.assertNotContains(change_page, self.revoke_url(), status_code=change_page.status_code)
                self.assertEqual(self.client.get(self.revoke_url()).status_code, 403)
                self.assertEqual(self.client.post(self.revoke_url()).status_code, 403)
        self.client.logout()
        response = self.client.post(self.revoke_url())
        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])
        self.assert_links_open(self.links)

    def test_a_post_without_the_csrf_token_is_refused(self):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(self.users["editor"])
        self.assertEqual(browser.post(self.revoke_url()).status_code, 403)
        self.assertEqual(browser.post(self.revoke_url(), {"csrfmiddlewaretoken": "forged"}).status_code, 403)
        self.assert_links_open(self.links)

    def test_revoking_one_article_leaves_another_articles_links_alone(self):
        other = make_article(status=Status.DRAFT)
        link = preview.preview_url(other, "vi")
        self.client.force_login(self.users["editor"])
        self.client.post(self.revoke_url())
        self.assert_links_open([link])
