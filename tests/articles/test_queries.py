"""The SQL queries per page do not grow with the articles, photos or tags on it."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePhoto

from ..factories import image_upload, make_article, make_category, make_photo, make_site, make_tag


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def queries(self, url: str) -> int:
        self.client.get(url)  # the first visit makes renditions; count the second
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(context.captured_queries)

    def article_with(self, count: int):
        article = make_article()
        for n in range(count):
            photo = make_photo(image=image_upload(f"p{n}.jpg", size=(700, 400)))
            ArticlePhoto.objects.create(article=article, photo=photo, position=n, paragraph=n % 3)
            if n == 0:
                article.hero_photo = photo
                article.save()
            article.tags.add(make_tag())
        return article

    def test_an_article_with_twenty_photos_and_tags_costs_what_one_with_one_does(self):
        small, large = self.article_with(1), self.article_with(20)
        for code in ("vi", "en"):
            with self.subTest(code):
                self.assertEqual(self.queries(large.url_in(code)), self.queries(small.url_in(code)))
                self.assertEqual(
                    self.queries(large.url_in(code) + "bilingual/"),
                    self.queries(small.url_in(code) + "bilingual/"),
                )

    def test_a_section_with_sixty_articles_costs_what_one_with_five_does(self):
        few, many = make_category(), make_category()
        for category, count in ((few, 5), (many, 60)):
            for n in range(count):
                article = make_article(category=category, featured=n % 2 == 0)
                article.hero_photo = make_photo(image=image_upload(size=(500, 300)))
                article.save()
                article.tags.add(make_tag())
        for code in ("vi", "en"):
            with self.subTest(code):
                self.assertEqual(self.queries(many.url_in(code)), self.queries(few.url_in(code)))

    def test_the_home_page_costs_the_same_however_full_the_sections_are(self):
        def add(count):
            for n in range(count):
                article = make_article(featured=True, format=("video", "photo", "standard")[n % 3])
                article.hero_photo = make_photo(image=image_upload(size=(500, 300)))
                article.save()

        add(3)  # every block has an article with a photo
        before = self.queries("/vi/")
        add(30)
        self.assertEqual(self.queries("/vi/"), before)
