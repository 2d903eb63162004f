"""What one version, a list, the sections and the tags answer: the partners' contract."""

import json

from django.test import TestCase

from ingest.exports import article_to_ninjs

from ..factories import make_article, make_site


class ArticleItemTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_site()
        cls.main = cls.site["main"]

    def get(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return response

    def test_one_version_has_its_text_dates_section_tags_source_and_photos(self):
        item = self.get(f"/api/v1/vi/articles/{self.main.pk}/").json()
        self.assertEqual(item["id"], self.main.pk)
        self.assertEqual(item["language"], "vi")
        self.assertEqual(item["title"], "Lãnh đạo các nước chúc mừng Đại hội")
        self.assertEqual(item["slug"], self.main.slug_vi)
        self.assertEqual(item["url"], "http://testserver" + self.main.url_in("vi"))
        self.assertEqual(item["lead"], "Lãnh đạo nhiều nước đã gửi điện mừng.")
        self.assertIn("<p>Đoạn thứ 1 của bài viết", item["body"])
        self.assertEqual(item["byline"], "Minh Anh")
        self.assertTrue(item["published"].startswith(self.main.published_at_vi.date().isoformat()[:4]))
        self.assertTrue(item["updated"])
        self.assertEqual(item["format"], "standard")
        self.assertTrue(item["featured"])
        self.assertEqual(item["section"]["name"], "Ngoại giao và Hội nhập")
        self.assertEqual(item["section"]["url"], "http://testserver" + self.main.category.url_in("vi"))
        self.assertEqual({tag["name"] for tag in item["tags"]}, {"Hữu nghị", "Biển đảo"})
        self.assertEqual(item["source"]["name"], "TTXVN")
        hero = item["main_photo"]
        self.assertEqual(hero["caption"], "Ảnh chính của bài")
        self.assertEqual(hero["credit"], "TTXVN")
        self.assertTrue(hero["url"].startswith("http://testserver/"))
        self.assertTrue(hero["renditions"])
        self.assertEqual(set(hero["renditions"][0]), {"width", "height", "format", "url"})
        for photo in (hero, *item["photos"]):
            order = [(r["format"], r["width"]) for r in photo["renditions"]]
            self.assertEqual(order, sorted(order))
        self.assertEqual(
            [photo["caption"] for photo in item["photos"]], ["Ảnh chính của bài", "Tại phiên họp"]
        )
        self.assertEqual(item["photos"][1]["after_paragraph"], 2)
        self.assertEqual(item["photos"][1]["credit"], "VGP")
        self.assertEqual(
            item["translation"],
            {
                "language": "en",
                "id": self.main.pk,
                "url": "http://testserver" + self.main.url_in("en"),
                "api_url": f"http://testserver/api/v1/en/articles/{self.main.pk}/",
            },
        )

    def test_the_english_version_speaks_english_only(self):
        item = self.get(f"/api/v1/en/articles/{self.main.pk}/").json()
        self.assertEqual(item["title"], "Foreign leaders congratulate the Congress")
        self.assertEqual(item["source"]["name"], "VNA")
        self.assertEqual(item["main_photo"]["caption"], "The main photo")
        # "Biển đảo" has no English name: it is left out rather than shown in Vietnamese.
        self.assertEqual([tag["name"] for tag in item["tags"]], ["Friendship"])
        self.assertEqual(item["translation"]["language"], "vi")

    def test_vietnamese_is_sent_as_written_not_escaped(self):
        raw = self.get(f"/api/v1/vi/articles/{self.main.pk}/").content
        self.assertIn("Lãnh đạo các nước chúc mừng Đại hội".encode(), raw)
        self.assertNotIn(b"\\u", raw)
        self.assertEqual(self.get("/api/v1/vi/categories/")["Content-Type"], "application/json")

    def test_ninjs_is_the_exporters_document(self):
        response = self.get(f"/api/v1/vi/articles/{self.main.pk}/ninjs/")
        self.assertEqual(response.json(), json.loads(json.dumps(
            article_to_ninjs(self.main, "vi", base_url="http://testserver/")
        )))  # fmt: skip
        self.assertEqual(response.json()["headlines"][0]["value"], "Lãnh đạo các nước chúc mừng Đại hội")
        self.assertEqual(response.json()["language"], "vi")

    def test_a_version_only_in_one_language_is_missing_from_the_other(self):
        only_vi = self.site["vietnamese_only"]
        self.assertEqual(self.client.get(f"/api/v1/en/articles/{only_vi.pk}/").status_code, 404)
        self.assertIsNone(self.get(f"/api/v1/vi/articles/{only_vi.pk}/").json()["translation"])

    def test_list_items_are_newest_first_with_links(self):
        page = self.get("/api/v1/en/articles/").json()
        self.assertEqual(set(page), {"next", "previous", "results"})
        published = [item["published"] for item in page["results"]]
        self.assertEqual(published, sorted(published, reverse=True))
        self.assertNotIn("body", page["results"][0])
        self.assertNotIn(self.site["vietnamese_only"].pk, {item["id"] for item in page["results"]})

    def test_sections_and_tags_in_each_language(self):
        sections = {item["name"]: item for item in self.get("/api/v1/en/categories/").json()}
        self.assertEqual(sections["Economy"]["parent"], self.site["viet_nam"].pk)
        self.assertEqual(sections["Economy"]["url"], "http://testserver" + self.site["economy"].url_in("en"))
        tags = [tag["name"] for tag in self.get("/api/v1/vi/tags/").json()["results"]]
        self.assertEqual(tags, ["Hữu nghị", "Biển đảo"])
        self.assertEqual([t["name"] for t in self.get("/api/v1/en/tags/").json()["results"]], ["Friendship"])

    def test_search_reads_queries_as_the_site_does(self):
        make_article(title_vi="Tổng Bí thư Tô Lâm tiếp đoàn đại biểu")
        found = self.get("/api/v1/vi/search/?q=to+lam").json()["results"]
        self.assertEqual([item["title"] for item in found], ["Tổng Bí thư Tô Lâm tiếp đoàn đại biểu"])
        self.assertEqual(self.client.get("/api/v1/vi/search/").status_code, 400)
