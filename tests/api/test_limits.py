"""
Anonymous use is limited per client address; partners' keys (created and
revoked in the admin, stored hashed) have limits of their own; CORS by setting.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from api.models import PartnerKey
from api.services import partner_key_issue

from ..factories import make_article


def issue(**fields) -> tuple[PartnerKey, str]:
    key = PartnerKey(partner=fields.pop("partner", "Đối tác"), **fields)
    return key, partner_key_issue(key=key)


@override_settings(NEWSROOM_API_ANONYMOUS_RATE="3/min", NEWSROOM_API_PARTNER_RATE="5/min")
class RateLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_article()

    def get(self, **headers):
        return self.client.get("/api/v1/vi/articles/", headers=headers)

    def test_an_address_past_its_limit_is_told_when_to_come_back(self):
        for _ in range(3):
            self.assertEqual(self.get().status_code, 200)
        refused = self.get()
        self.assertEqual(refused.status_code, 429)
        self.assertTrue(refused["Retry-After"])
        self.assertTrue(refused.json()["detail"])
        self.assertIn("no-store", refused["Cache-Control"])

    def test_kept_answers_count_too(self):
        for _ in range(3):
            self.assertEqual(self.get().status_code, 200)
        self.assertEqual(self.get().status_code, 429)

    @override_settings(NEWSROOM_PROXY_COUNT=1)
    def test_each_address_is_counted_as_the_login_lockout_counts_it(self):
        for _ in range(3):
            self.get(x_forwarded_for="203.0.113.7")
        self.assertEqual(self.get(x_forwarded_for="203.0.113.7").status_code, 429)
        # Another reader behind our proxy has a count of their own...
        self.assertEqual(self.get(x_forwarded_for="203.0.113.8").status_code, 200)
        # ...and an address made up in front of the one our proxy wrote changes nothing.
        self.assertEqual(self.get(x_forwarded_for="198.51.100.1, 203.0.113.7").status_code, 429)

    def test_a_partners_key_has_its_own_higher_limit(self):
        _key, secret = issue()
        for _ in range(3):
            self.get()
        self.assertEqual(self.get().status_code, 429)
        for _ in range(5):
            self.assertEqual(self.get(authorization=f"Api-Key {secret}").status_code, 200)
        self.assertEqual(self.get(authorization=f"Api-Key {secret}").status_code, 429)


class PartnerKeyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_article()

    def get(self, secret):
        return self.client.get("/api/v1/vi/articles/", headers={"authorization": f"Api-Key {secret}"})

    def test_a_key_is_stored_hashed(self):
        key, secret = issue()
        key.refresh_from_db()
        self.assertTrue(secret.startswith(key.prefix))
        self.assertNotIn(secret, key.hashed_key)
        self.assertNotIn(secret[len(key.prefix) :], str(PartnerKey.objects.values().get()))
        self.assertEqual(self.get(secret).status_code, 200)

    def test_a_wrong_revoked_or_expired_key_is_refused_not_served_as_anonymous(self):
        key, secret = issue()
        _expired, expired_secret = issue(expires_at=timezone.now() - timedelta(minutes=1))
        for wrong in (secret[:-2] + "xx", "nr_nothing", expired_secret, "", "Ä"):
            with self.subTest(key=wrong):
                response = self.get(wrong)
                self.assertEqual(response.status_code, 401)
                self.assertEqual(response["WWW-Authenticate"], "Api-Key")
                self.assertTrue(response.json()["detail"])
        key.revoked_at = timezone.now()
        key.save()
        self.assertEqual(self.get(secret).status_code, 401)

    def test_the_admin_shows_a_new_key_once_and_revokes_keys(self):
        admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
        self.client.force_login(admin)
        response = self.client.post(
            reverse("admin:api_partnerkey_add"),
            {"partner": "Ứng dụng di động", "contact": "", "expires_at_0": "", "expires_at_1": ""},
            follow=True,
        )
        shown = " ".join(str(m) for m in response.context["messages"])
        secret = next(word.rstrip(".") for word in shown.split() if word.startswith("nr_"))
        key = PartnerKey.objects.get()
        self.assertEqual(PartnerKey.objects.find(secret), key)
        # Shown once: the page after, and never again.
        page = self.client.get(reverse("admin:api_partnerkey_change", args=[key.pk]))
        self.assertNotContains(page, secret)
        self.client.post(
            reverse("admin:api_partnerkey_changelist"), {"action": "revoke", "_selected_action": [key.pk]}
        )
        key.refresh_from_db()
        self.assertIsNotNone(key.revoked_at)
        self.client.logout()
        self.assertEqual(self.get(secret).status_code, 401)


class CorsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_article()

    def get(self, origin):
        return self.client.get("/api/v1/en/articles/", headers={"origin": origin})

    def test_no_other_site_may_read_by_default(self):
        self.assertNotIn("Access-Control-Allow-Origin", self.get("https://app.example.org"))

    @override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
    def test_an_allowed_origin_may_read_with_the_validators(self):
        response = self.get("https://app.example.org")
        self.assertEqual(response["Access-Control-Allow-Origin"], "https://app.example.org")
        self.assertIn("ETag", response["Access-Control-Expose-Headers"])
        self.assertNotIn("Access-Control-Allow-Origin", self.get("https://evil.example.com"))
        preflight = self.client.options(
            "/api/v1/en/articles/",
            headers={"origin": "https://app.example.org", "access-control-request-method": "GET"},
        )
        self.assertEqual(preflight["Access-Control-Allow-Origin"], "https://app.example.org")
        self.assertNotIn("POST", preflight["Access-Control-Allow-Methods"])

    @override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
    def test_the_site_itself_gets_no_cors_headers(self):
        self.assertNotIn(
            "Access-Control-Allow-Origin",
            self.client.get("/vi/", headers={"origin": "https://app.example.org"}),
        )
