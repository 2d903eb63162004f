"""
Only published versions leave through the API: a draft, an in-review, a
scheduled, an unpublished, a taken-down and an expired version beside live
ones, read through every endpoint.
"""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from articles.models import Status

from ..factories import make_article, make_category, make_tag


def ids(response) -> set[int]:
    return {item["id"] for item in response.json()["results"]}


class PublishedOnlyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_category(name_vi="Ngoại giao", name_en="Diplomacy")
        cls.shared_tag = make_tag(name_vi="Hữu nghị", name_en="Friendship")
        cls.secret_tag = make_tag(name_vi="Bí mật", name_en="Secret")
        cls.live = make_article(
            category=cls.section, title_vi="Hợp tác hữu nghị sống", title_en="Friendship live"
        )
        cls.live.tags.add(cls.shared_tag)
        cls.hidden = {
            "draft": make_article(category=cls.section, status=Status.DRAFT),
            "review": make_article(category=cls.section, status=Status.REVIEW),
            "scheduled": make_article(category=cls.section, published_at=timezone.now() + timedelta(days=1)),
            "unpublished": make_article(category=cls.section, status=Status.UNPUBLISHED),
            "taken down": make_article(category=cls.section, status=Status.TAKEN_DOWN),
            "expired": make_article(
                category=cls.section,
                expires_at_vi=timezone.now() - timedelta(minutes=1),
                expires_at_en=timezone.now() - timedelta(minutes=1),
            ),
        }
        for article in cls.hidden.values():
            article.tags.add(cls.shared_tag, cls.secret_tag)
        # Live in Vietnamese, in review in English: the English version is hidden.
        cls.half = make_article(category=cls.section, title_vi="Hợp tác hữu nghị một nửa")
        cls.half.status_en = Status.REVIEW
        cls.half.save()

    def test_lists_show_live_versions_only(self):
        for language in ("vi", "en"):
            with self.subTest(language=language):
                found = ids(self.client.get(f"/api/v1/{language}/articles/"))
                self.assertIn(self.live.pk, found)
                self.assertFalse(found & {a.pk for a in self.hidden.values()})
        self.assertIn(self.half.pk, ids(self.client.get("/api/v1/vi/articles/")))
        self.assertNotIn(self.half.pk, ids(self.client.get("/api/v1/en/articles/")))

    def test_every_filter_starts_from_published(self):
        queries = [
            f"section={self.section.slug_vi}",
            f"tag={self.shared_tag.slug_vi}",
            "format=standard",
            "featured=false",
            "since=2000-01-01",
            "updated_since=2000-01-01T00:00:00Z",
        ]
        for query in queries:
            with self.subTest(query=query):
                found = ids(self.client.get(f"/api/v1/vi/articles/?{query}"))
                self.assertIn(self.live.pk, found)
                self.assertFalse(found & {a.pk for a in self.hidden.values()})

    def test_an_unpublished_id_answers_as_one_that_never_existed(self):
        never = self.client.get("/api/v1/vi/articles/987654/")
        self.assertEqual(never.status_code, 404)
        for state, article in self.hidden.items():
            for suffix in ("", "ninjs/"):
                with self.subTest(state=state, suffix=suffix):
                    response = self.client.get(f"/api/v1/vi/articles/{article.pk}/{suffix}")
                    self.assertEqual(response.status_code, 404)
                    self.assertEqual(response.content, never.content)
        self.assertEqual(self.client.get(f"/api/v1/en/articles/{self.half.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/api/v1/vi/articles/{self.live.pk}/").status_code, 200)

    def test_the_other_version_is_offered_only_when_published(self):
        self.assertIsNone(self.client.get(f"/api/v1/vi/articles/{self.half.pk}/").json()["translation"])
        other = self.client.get(f"/api/v1/vi/articles/{self.live.pk}/").json()["translation"]
        self.assertEqual(other["language"], "en")
        self.assertEqual(other["id"], self.live.pk)

    def test_search_finds_live_versions_only(self):
        found = ids(self.client.get("/api/v1/vi/search/?q=h%E1%BB%A3p+t%C3%A1c"))  # "hợp tác"
        self.assertIn(self.live.pk, found)
        self.assertFalse(found & {a.pk for a in self.hidden.values()})
        self.assertNotIn(self.half.pk, ids(self.client.get("/api/v1/en/search/?q=friendship")))

    def test_a_tag_only_hidden_versions_carry_is_not_listed(self):
        names = {tag["name"] for tag in self.client.get("/api/v1/vi/tags/").json()["results"]}
        self.assertEqual(names, {"Hữu nghị"})

    def test_unknown_language_is_404_everywhere(self):
        for path in ("articles/", f"articles/{self.live.pk}/", f"articles/{self.live.pk}/ninjs/",
                     "categories/", "tags/", "search/?q=x"):  # fmt: skip
            with self.subTest(path=path):
                self.assertEqual(self.client.get(f"/api/v1/fr/{path}").status_code, 404)
