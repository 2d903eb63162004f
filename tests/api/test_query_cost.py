"""Every endpoint costs the same queries as the archive grows, and a page of 50 what a page of 5 does."""

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePhoto, Format

from ..factories import image_upload, make_article, make_category, make_photo, make_source, make_tag

FORMATS = (Format.STANDARD, Format.VIDEO, Format.PHOTO)


# Rendered each time: nothing from the kept answers.
@override_settings(NEWSROOM_PAGE_CACHE=False)
class QueryCostTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.parent = make_category()
        cls.child = make_category(parent=cls.parent)
        cls.source = make_source(slug="vna")
        cls.tags = [make_tag() for _ in range(3)]
        cls.count = 0

    def add(self, count: int) -> None:
        for _ in range(count):
            n = self.count = self.count + 1
            photo = make_photo(image=image_upload(size=(300, 200)), credit=self.source)
            article = make_article(
                category=(self.parent, self.child)[n % 2],
                format=FORMATS[n % 3],
                featured=n % 2 == 0,
                source=self.source,
                hero_photo=photo,
                title_vi=f"Hợp tác số {n}",
            )
            ArticlePhoto.objects.create(article=article, photo=photo, position=0)
            ArticlePhoto.objects.create(article=article, photo=make_photo(), position=1, paragraph=1)
            article.tags.add(*self.tags[: 1 + n % 3])
            self.article = article

    def paths(self) -> dict[str, str]:
        return {
            "list": "/api/v1/vi/articles/?page_size=100",
            "filtered": f"/api/v1/vi/articles/?section={self.parent.slug_vi}&tag={self.tags[0].slug_vi}"
            "&source=vna&featured=false&since=2000-01-01&page_size=100",
            "item": f"/api/v1/vi/articles/{self.article.pk}/",
            "ninjs": f"/api/v1/vi/articles/{self.article.pk}/ninjs/",
            "categories": "/api/v1/vi/categories/",
            "tags": "/api/v1/vi/tags/",
            "search": "/api/v1/vi/search/?q=hop+tac&page_size=100",
        }

    def queries(self, path: str) -> int:
        self.client.get(path)  # the generation begun (its clock reads the schedule once)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return len(captured.captured_queries)

    def test_each_endpoint_costs_the_same_at_two_sizes(self):
        self.add(3)
        small = {name: self.queries(path) for name, path in self.paths().items()}
        self.add(22)
        large = {name: self.queries(path) for name, path in self.paths().items()}
        self.assertEqual(large, small)
        # A list: its page, their tags, their photos' renditions.
        self.assertEqual(small["list"], 3)
        # The search on PostgreSQL wraps its queries in a transaction with planner settings.
        self.assertLessEqual(max(small.values()), 10, small)

    def test_a_page_of_50_costs_what_a_page_of_5_does(self):
        self.add(55)
        five = self.queries("/api/v1/vi/articles/?page_size=5")
        fifty = self.queries("/api/v1/vi/articles/?page_size=50")
        self.assertEqual(fifty, five)
        page = self.client.get("/api/v1/vi/articles/?page_size=50").json()
        self.assertEqual(len(page["results"]), 50)
        deep = self.queries(page["next"].removeprefix("http://testserver"))
        self.assertEqual(deep, five)
