"""The photo admin for reuse: search in both languages, where each photo is used, lists without N+1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticlePhoto

from ..factories import make_article, make_photo, make_source
from .base import PhotoTestCase


class PhotoSearchTests(PhotoTestCase):
    def test_search_finds_captions_alt_texts_and_credits_in_both_languages(self):
        lake = make_photo(caption_vi="Hồ Gươm buổi sáng", caption_en="The lake at dawn")
        bridge = make_photo(
            caption_vi="", caption_en="", alt_text_vi="Cầu Long Biên", alt_text_en="A steel bridge"
        )
        agency = make_photo(
            caption_vi="Họp báo", caption_en="", credit=make_source(name_vi="TTXVN", name_en="VNA")
        )
        for query, expected in [
            ("Gươm", lake),
            ("dawn", lake),
            ("Long Biên", bridge),
            ("steel", bridge),
            ("TTXVN", agency),
            ("VNA", agency),
        ]:
            with self.subTest(query):
                response = self.client.get(reverse("admin:media_photo_changelist"), {"q": query})
                self.assertEqual(list(response.context["cl"].result_list), [expected])


class PhotoUseTests(PhotoTestCase):
    def setUp(self):
        super().setUp()
        self.photo = make_photo()
        self.unused = make_photo(caption_en="Never shown")
        self.hero = make_article(title_en="The photo on top", hero_photo=self.photo)
        self.inline = make_article(title_en="The photo in the body")
        ArticlePhoto.objects.create(article=self.inline, photo=self.photo)
        self.both = make_article(title_en="The photo twice", hero_photo=self.photo)
        ArticlePhoto.objects.create(article=self.both, photo=self.photo)

    def test_the_change_form_links_to_the_articles_that_use_the_photo(self):
        response = self.client.get(reverse("admin:media_photo_change", args=[self.photo.pk]))
        html = response.content.decode()
        for article in (self.hero, self.inline, self.both):
            with self.subTest(article.title_en):
                self.assertEqual(
                    html.count(f'<a href="{reverse("admin:articles_article_change", args=[article.pk])}">'), 1
                )
        self.assertEqual(html.count("(main photo)"), 2)
        response = self.client.get(reverse("admin:media_photo_change", args=[self.unused.pk]))
        self.assertContains(response, "No article uses this photo.")

    def test_the_list_counts_uses_and_filters_the_unused(self):
        changelist = reverse("admin:media_photo_changelist")
        counts = {photo: photo.usage_count for photo in self.client.get(changelist).context["cl"].result_list}
        self.assertEqual(counts, {self.photo: 3, self.unused: 0})
        response = self.client.get(changelist, {"use": "unused"})
        self.assertEqual(list(response.context["cl"].result_list), [self.unused])
        response = self.client.get(changelist, {"use": "used"})
        self.assertEqual(list(response.context["cl"].result_list), [self.photo])
        response = self.client.get(changelist, {"o": "-5"})  # most used first
        self.assertEqual(list(response.context["cl"].result_list), [self.photo, self.unused])


class PhotoChangelistQueryTests(PhotoTestCase):
    def test_the_number_of_queries_does_not_grow_with_the_number_of_photos(self):
        def photos(count):
            for n in range(count):
                photo = make_photo(credit=make_source())
                ArticlePhoto.objects.create(article=make_article(hero_photo=photo), photo=photo)
                if n % 2:
                    make_article(hero_photo=photo)

        changelist = reverse("admin:media_photo_changelist")
        photos(3)
        with CaptureQueriesContext(connection) as few:
            self.assertContains(self.client.get(changelist), 'class="photo-thumbnail"', count=3)
        photos(27)
        with self.assertNumQueries(len(few)):
            self.assertContains(self.client.get(changelist), 'class="photo-thumbnail"', count=30)
