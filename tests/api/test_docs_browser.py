"""The API's documentation page works in a real browser under the site's strict CSP, with no CDN."""

from ..browser.base import BrowserTestCase
from ..factories import make_article


class DocsBrowserTests(BrowserTestCase):
    def test_swagger_ui_lists_every_endpoint_and_tries_one(self):
        article = make_article(title_vi="Bài thử trong tài liệu")
        page = self.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(self.live_server_url + "/api/v1/docs/")
        page.wait_for_selector(".opblock-summary-path", timeout=15_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        self.assertEqual(len(paths), 6, paths)
        self.assertTrue(any("/ninjs/" in path for path in paths))
        self.assertTrue(
            all(url.startswith(self.live_server_url) or url.startswith("data:") for url in requested)
        )
        # "Try it out" on one version, from the page itself.
        page.locator(".opblock-summary-path", has_text="/api/v1/{lang}/articles/{id}/").first.click()
        page.locator("button.try-out__btn").first.click()
        page.locator("select").filter(has_text="vi").first.select_option("vi")
        page.locator("input[placeholder='id']").first.fill(str(article.pk))
        page.locator("button.execute").first.click()
        # The server's answer, below the documented ones once it has come.
        answer = page.locator(".live-responses-table").first
        answer.wait_for(timeout=10_000)
        answer.get_by_text("Bài thử trong tài liệu").first.wait_for(timeout=10_000)
        self.assertIn("200", answer.locator("tr.response .response-col_status").first.inner_text())
