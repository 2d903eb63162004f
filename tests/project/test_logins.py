"""
Editors' logins: repeated failures lock out the address and the account for a while
(django-axes), a forwarded address a client makes up does not get round it, a login
never sends the editor to another site, and a session lasts one working shift.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings

LOGIN = "/admin/login/"


class LockoutTests(TestCase):
    def setUp(self):
        users = get_user_model().objects
        self.chief = users.create_superuser("chief", "c@example.org", "right-password")
        self.other = users.create_superuser("other", "o@example.org", "other-password")

    def login(self, username, password, address="10.0.0.1", **headers):
        data = {"username": username, "password": password, "next": "/admin/"}
        return self.client.post(LOGIN, data, REMOTE_ADDR=address, **headers)

    def fail(self, times, username="chief", **kwargs):
        for _ in range(times):
            response = self.login(username, "wrong", **kwargs)
            self.assertEqual(response.status_code, 200)  # the form again, with its error

    def test_five_failures_lock_the_account_and_the_address_with_a_message(self):
        self.fail(4)
        fifth = self.login("chief", "wrong")
        self.assertContains(fifth, "Tạm thời không cho đăng nhập", status_code=429)
        self.assertContains(fifth, "Hãy thử lại sau 15 phút", status_code=429)
        refused = self.login("chief", "right-password", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(refused, "Login refused for now", status_code=429)
        self.assertContains(refused, "Try again in 15 minutes", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # The account, from anywhere; and anyone, from that address.
        self.assertEqual(self.login("chief", "right-password", address="10.0.0.2").status_code, 429)
        self.assertEqual(self.login("other", "other-password", address="10.0.0.1").status_code, 429)
        # Another account from another address is not concerned.
        self.assertEqual(self.login("other", "other-password", address="10.0.0.2").status_code, 302)

    def test_four_failures_then_the_right_password_clears_the_count(self):
        self.fail(4)
        self.assertEqual(self.login("chief", "right-password").status_code, 302)
        self.client.logout()
        self.fail(4)
        self.assertEqual(self.login("chief", "right-password").status_code, 302)

    @override_settings(NEWSROOM_PROXY_COUNT=1)
    def test_a_made_up_forwarded_address_does_not_reset_the_count(self):
        # Behind nginx, which appends the address it saw: only the last entry is ours.
        for n in range(5):
            self.login(
                f"guess{n}",
                "wrong",
                address="172.18.0.5",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
            )
        refused = self.login(
            "other", "other-password", address="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
        self.assertEqual(refused.status_code, 429)
        # A reader behind the same proxy but at another address logs in.
        allowed = self.login(
            "other", "other-password", address="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.8"
        )
        self.assertEqual(allowed.status_code, 302)


class LoginRedirectTests(TestCase):
    def setUp(self):
        get_user_model().objects.create_superuser("chief", "c@example.org", "right-password")

    def test_a_next_address_on_another_site_goes_to_the_admin_instead(self):
        for target in [
            "https://evil.example/",
            "//evil.example/admin/",
            "/\\evil.example",
            "javascript:alert(1)",
        ]:
            with self.subTest(target):
                self.client.logout()
                response = self.client.post(
                    LOGIN, {"username": "chief", "password": "right-password", "next": target}
                )
                self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_a_next_address_on_this_site_is_followed(self):
        data = {"username": "chief", "password": "right-password", "next": "/admin/articles/article/"}
        response = self.client.post(LOGIN, data)
        self.assertRedirects(response, "/admin/articles/article/", fetch_redirect_response=False)

    def test_a_session_lasts_one_shift(self):
        self.client.post(LOGIN, {"username": "chief", "password": "right-password", "next": "/admin/"})
        self.assertEqual(self.client.cookies["sessionid"]["max-age"], 12 * 3600)
