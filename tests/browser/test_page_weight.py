"""What a phone downloads for an article: its own photos and three font files, nothing from the sidebar."""

from ..factories import make_site
from .base import BrowserTestCase


class ArticleWeightTests(BrowserTestCase):
    def setUp(self):
        self.site = make_site()

    def test_a_phone_fetches_the_article_its_fonts_and_scripts_and_no_sidebar_thumbnail(self):
        main = self.site["main"]
        page = self.new_page(width=360, height=740)
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(self.live_server_url + main.url_in("vi"), wait_until="networkidle")
        urls = [response.url for response in responses]
        fonts = [url for url in urls if url.endswith(".woff2")]
        images = [url for url in urls if "/media/" in url]
        in_article = page.locator("article.article img, article.article source").evaluate_all(
            "nodes => nodes.map(n => [n.getAttribute('srcset'), n.getAttribute('src')].join(' ')).join(' ')"
        )
        self.assertEqual(len(fonts), 3, fonts)
        self.assertTrue(images, "the hero photo is fetched")
        outside = [url for url in images if url.removeprefix(self.live_server_url) not in in_article]
        self.assertEqual(outside, [], "no sidebar thumbnail on a phone")
        self.assertFalse([url for url in urls if "favicon" in url])
        weight = sum(len(response.body()) for response in responses if response.status == 200)
        self.assertLess(weight, 150 * 1024, "uncompressed, as the test server sends it")
        hero_img = page.locator(".article__header ~ figure img, .article > figure img").first
        self.assertEqual(hero_img.get_attribute("fetchpriority"), "high")
        self.assertIsNone(hero_img.get_attribute("loading"))
