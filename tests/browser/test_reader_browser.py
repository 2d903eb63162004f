"""A reader's journey through the site in a real browser, with accessibility checks and screenshots."""

from django.core.management import call_command

from articles.models import DailyReads

from ..factories import make_site
from ..tools import AXE_JS, ROOT, require_axe
from .base import BrowserTestCase

#: Screenshots of home and an article in each language, kept for people to look at (see the README).
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
#: A desktop Chrome's user agent: the read beacon ignores robots, and headless Chromium calls itself one.
READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Safari/537"


class ReaderJourneyTests(BrowserTestCase):
    def setUp(self):
        self.site = make_site()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shoot(self, page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def test_home_language_switch_article_and_bilingual_view(self):
        main = self.site["main"]
        page = self.new_page(locale="vi-VN")
        page.goto(self.live_server_url + "/")
        self.assertTrue(page.url.endswith("/vi/"))
        self.assertEqual(page.locator("html").get_attribute("lang"), "vi")
        self.assertTrue(page.get_by_role("heading", name="Tiêu điểm").is_visible())
        self.assertTrue(page.get_by_role("link", name=main.title_vi).first.is_visible())
        self.shoot(page, "home-vi")

        page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
        page.wait_for_url("**/en/")
        self.assertEqual(page.locator("html").get_attribute("lang"), "en")
        self.assertFalse(
            page.get_by_text("Xuất khẩu gạo tăng mạnh").count(), "no Vietnamese-only story on /en/"
        )
        self.shoot(page, "home-en")

        page.get_by_role("link", name=main.title_en).first.click()
        page.wait_for_url(f"**{main.url_in('en')}")
        self.assertEqual(page.get_by_role("heading", level=1).inner_text(), main.title_en)
        figure = page.locator("figure", has_text="At the meeting")
        figure.scroll_into_view_if_needed()
        self.assertTrue(figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0"))
        self.assertIn("(Photo: VGP)", figure.inner_text())
        self.assertTrue(page.get_by_text("Source: VNA").is_visible())
        self.shoot(page, "article-en")

        page.get_by_role("link", name="Read in Vietnamese and English side by side").click()
        page.wait_for_url("**/bilingual/")
        pair = page.locator("#p3")
        self.assertEqual(
            pair.locator('[lang="en"]').inner_text(),
            "Paragraph 3 of the story on friendship between the two countries.",
        )
        self.assertEqual(
            pair.locator('[lang="vi"]').inner_text(),
            "Đoạn thứ 3 của bài viết về hợp tác hữu nghị giữa hai nước.",
        )
        left, right = (pair.locator(f'[lang="{code}"]').bounding_box() for code in ("en", "vi"))
        self.assertLess(left["x"], right["x"], "side by side on a wide screen")
        self.assertAlmostEqual(left["y"], right["y"], delta=2)

        page.goto(page.url.split("#")[0] + "#p5")
        self.assertTrue(
            page.locator("#p5").evaluate("e => e.getBoundingClientRect().top < window.innerHeight")
        )

        page.get_by_role("navigation", name="Language").get_by_role("link", name="Tiếng Việt").click()
        page.wait_for_url(f"**{main.url_in('vi')}bilingual/")
        page.goto(self.live_server_url + main.url_in("vi"))
        self.assertEqual(page.get_by_role("heading", level=1).inner_text(), main.title_vi)
        self.shoot(page, "article-vi")

    def test_the_bilingual_view_stacks_pairs_on_a_phone(self):
        page = self.new_page(width=360, height=740)
        page.goto(self.live_server_url + self.site["main"].url_in("vi") + "bilingual/")
        pair = page.locator("#p2")
        first, second = (pair.locator(f'[lang="{code}"]').bounding_box() for code in ("vi", "en"))
        self.assertLess(
            first["y"] + first["height"], second["y"] + 1, "the English stands under the Vietnamese"
        )
        self.assertEqual(
            page.evaluate("document.documentElement.scrollWidth"), 360, "nothing overflows sideways"
        )

    def test_a_missing_version_leads_to_a_page_that_links_to_the_existing_one(self):
        article = self.site["vietnamese_only"]
        page = self.new_page()
        page.goto(self.live_server_url + article.url_in("vi"))
        page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
        page.wait_for_url(lambda url: "/en/" in url)  # the next page, not the one clicked on
        self.assertEqual(page.locator("html").get_attribute("lang"), "en")
        self.assertTrue(
            page.get_by_role("heading", name="This article is not available in English").is_visible()
        )
        page.get_by_role("link", name=article.title_vi).click()
        page.wait_for_url(f"**{article.url_in('vi')}")

    def test_opening_an_article_counts_one_read_and_a_reload_none(self):
        article = self.site["main"]

        def reads():
            days = DailyReads.objects.filter(article=article, language="en")
            return sum(days.values_list("count", flat=True))

        before = reads()
        # Chromium's own headless user agent says "HeadlessChrome", which rightly is no reader.
        context = self.browser.new_context(locale="en-GB", user_agent=READER_AGENT)
        self.addCleanup(self._close, context)
        page = context.new_page()
        refused = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        with page.expect_response(lambda r: "/en/reads/" in r.url) as beacon:
            page.goto(self.live_server_url + article.url_in("en"))
        self.assertEqual((beacon.value.request.method, beacon.value.status), ("POST", 204))
        call_command("flush_reads", verbosity=0)
        self.assertEqual(reads(), before + 1)

        with page.expect_response(lambda r: "/en/reads/" in r.url) as beacon:
            page.reload()
        self.assertEqual(beacon.value.status, 204)
        call_command("flush_reads", verbosity=0)
        self.assertEqual(reads(), before + 1, "the same reader again within 30 minutes")
        self.assertEqual(refused, [])

    def test_no_serious_or_critical_accessibility_violations(self):
        """Nor landmarks a screen reader cannot tell apart (axe's moderate ``landmark-unique``)."""
        require_axe()
        main = self.site["main"]
        urls = (
            "/vi/",
            "/en/",
            self.site["viet_nam"].url_in("vi"),
            self.site["economy"].url_in("en"),
            "/en/tag/friendship/",
            main.url_in("vi"),
            main.url_in("en"),
            main.url_in("vi") + "bilingual/",
            main.url_in("en") + "bilingual/",
        )
        # Injecting axe is an inline script, which the site's CSP rightly refuses: bypass it for the audit.
        page = self.new_page(bypass_csp=True)
        for url in urls:
            with self.subTest(url):
                page.goto(self.live_server_url + url)
                page.add_script_tag(path=str(AXE_JS))
                violations = page.evaluate("async () => (await axe.run(document)).violations")
                serious = [
                    f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                    for v in violations
                    if v["impact"] in ("serious", "critical") or v["id"] == "landmark-unique"
                ]
                self.assertEqual(serious, [])
