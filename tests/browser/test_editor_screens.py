"""
The editors' screens in Chromium: the article form's language columns (side by
side on a desktop, tabs on a phone), an editor and a translator writing one
article in them, the presence notice, the list and the admin home; screenshots
of each at desktop and phone widths, and axe-core's audit of them.

The screenshots go to NEWSROOM_SCREENSHOTS (a folder under the system's
temporary one by default), never into the repository.
"""

import os
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from articles import services
from articles.models import Article, DailyReads, Status
from desk import presence
from desk.roles import EDITOR, TRANSLATOR

from ..factories import make_article, make_category, make_photo
from ..tools import AXE_JS, require_axe
from .base import BrowserTestCase

SCREENSHOTS = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or Path(tempfile.gettempdir()) / "newsroom-screens")
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

LONG_TITLE = (
    "Hội nghị hữu nghị nhân dân Việt Nam với các nước láng giềng bàn về hợp tác văn hoá, giáo dục, "
    "y tế và giao lưu thanh niên vùng biên giới trong năm tới, với sự tham gia của đại diện các tỉnh "
    "biên giới phía Bắc, các tổ chức phi chính phủ nước ngoài và các liên hiệp hữu nghị địa phương ở"
)


class EditorScreensBrowserTests(BrowserTestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def setUp(self):
        call_command("setup_roles", verbosity=0)
        users = get_user_model().objects
        self.editor = users.create_user("bientap", password="pw", is_staff=True, first_name="Lan")
        self.editor.groups.add(Group.objects.get(name=EDITOR))
        self.translator = users.create_user("dichgia", password="pw", is_staff=True, first_name="Hùng")
        self.translator.groups.add(Group.objects.get(name=TRANSLATOR))
        self.category = make_category()

    def screenshot(self, page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"screenshot: {path}")
        return path

    def page_for(self, user, *, size=DESKTOP, **options):
        """A page logged in as ``user`` with a session of its own, which another user's login leaves alone."""
        page = self.new_page(width=size["width"], height=size["height"], **options)
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": self.live_server_url}]
        )
        return page

    def open(self, user, path, *, size=DESKTOP, **options):
        page = self.page_for(user, size=size, **options)
        response = page.goto(self.live_server_url + path)
        self.assertEqual(response.status, 200)
        return page

    def test_an_editor_and_a_translator_write_one_article_side_by_side(self):
        # The editor writes the Vietnamese original in the left column of the add form.
        page = self.open(self.editor, f"/admin/articles/article/add/?category={self.category.pk}")
        vi, en = (page.locator(f"#language-column-{code}") for code in ("vi", "en"))
        vi_box, en_box = vi.bounding_box(), en.bounding_box()
        self.assertLess(vi_box["x"] + vi_box["width"], en_box["x"] + 1, "Vietnamese first, on the left")
        self.assertAlmostEqual(vi_box["y"], en_box["y"], delta=2)
        self.assertFalse(page.locator(".language-tabs").is_visible())
        page.locator("#id_title_vi").fill(LONG_TITLE)
        title = page.locator("#id_title_vi")
        self.assertLessEqual(
            title.evaluate("box => box.scrollHeight - box.clientHeight"), 1, "all of it shows"
        )
        self.assertGreater(title.bounding_box()["width"], vi_box["width"] * 0.9)
        page.locator("#id_lead_vi").fill("Đoạn mở đầu tiếng Việt.")
        page.locator(".field-body_vi [contenteditable=true]").click()
        page.keyboard.type("Đoạn một của bài.")
        self.assertEqual(page.input_value("#id_slug_vi")[:24], "hoi-nghi-huu-nghi-nhan-d")
        page.click("input[name=_continue]")
        page.wait_for_url("**/change/**")
        article = Article.objects.get()
        self.assertEqual(article.title_vi, LONG_TITLE)
        self.assertEqual(article.body_vi, "<p>Đoạn một của bài.</p>")
        self.assertEqual(article.original_language, "vi")

        # The translator writes the English version in the right column; the original is theirs to read.
        page = self.open(self.translator, f"/admin/articles/article/{article.pk}/change/")
        self.assertEqual(page.locator("#id_title_vi").count(), 0)
        self.assertIn(
            "Đoạn mở đầu tiếng Việt.", page.locator("#language-column-vi .readonly").all_inner_texts()
        )
        page.locator("#id_title_en").fill("Friendship conference on border cooperation")
        page.locator("#id_lead_en").fill("The English lead.")
        page.locator(".field-body_en [contenteditable=true]").click()
        page.keyboard.type("The first paragraph.")
        self.screenshot(page, "form-desktop")
        page.click("input[name=_continue]")
        page.wait_for_load_state()
        # Once there is a translation, its status is the translator's to hand in for review.
        page.select_option("#id_status_en", Status.REVIEW)
        page.click("input[name=_continue]")
        page.wait_for_load_state()
        article.refresh_from_db()
        self.assertEqual(article.title_en, "Friendship conference on border cooperation")
        self.assertEqual(article.body_en, "<p>The first paragraph.</p>")
        self.assertEqual((article.status_vi, article.status_en), (Status.DRAFT, Status.REVIEW))
        self.assertEqual(article.title_vi, LONG_TITLE)

    def test_on_a_phone_the_columns_are_tabs(self):
        article = make_article(original_language="en", title_en="English original", title_vi="Bản dịch")
        page = self.open(self.editor, f"/admin/articles/article/{article.pk}/change/", size=PHONE)
        tabs = page.locator(".language-tabs [role=tab]")
        self.assertEqual(tabs.all_inner_texts()[0].strip(), "Tiếng Anh", "the original's tab first")
        self.assertTrue(page.locator("#id_title_en").is_visible())
        self.assertFalse(page.locator("#id_title_vi").is_visible())
        tabs.nth(1).click()
        self.assertTrue(page.locator("#id_title_vi").is_visible())
        self.assertFalse(page.locator("#id_title_en").is_visible())
        self.assertEqual(tabs.nth(1).get_attribute("aria-selected"), "true")
        # The body editor of the column opened by its tab writes as on a desktop.
        page.locator(".field-body_vi [contenteditable=true]").click()
        page.keyboard.type("Đoạn mới.")
        self.assertIn("Đoạn mới.", page.input_value("#id_body_vi"))
        tabs.nth(1).focus()
        page.keyboard.press("ArrowLeft")
        self.assertTrue(page.locator("#id_title_en").is_visible())
        self.assertEqual(page.evaluate("document.activeElement.id"), "language-tab-en")
        self.screenshot(page, "form-phone")
        # A form sent back with an error in the other language opens on that language's tab.
        tabs.nth(1).click()
        page.locator("#id_slug_vi").fill("địa chỉ sai!")
        page.locator("input[name=_continue]").first.click()
        page.wait_for_load_state()
        self.assertTrue(page.locator("#language-column-vi .errorlist").is_visible())
        self.assertEqual(page.locator("#language-tab-vi").get_attribute("aria-selected"), "true")

    def test_someone_else_editing_is_told_on_opening_and_by_the_heartbeat(self):
        article = make_article(title_vi="Bài đang sửa")
        url = f"/admin/articles/article/{article.pk}/change/"
        first = self.page_for(self.editor)
        first.clock.install()
        with first.expect_response(lambda r: "/desk/presence/" in r.url) as beat:
            first.goto(self.live_server_url + url)
        self.assertEqual(beat.value.status, 200)
        self.assertFalse(first.locator("#presence-notice").is_visible())

        second = self.open(self.translator, url)
        self.assertIn("Lan đang sửa bài này từ", second.locator("#presence-notice").inner_text())

        # The editor's next heartbeat, twenty seconds on, brings the translator's name.
        with first.expect_response(lambda r: "/desk/presence/" in r.url):
            first.clock.fast_forward(presence.HEARTBEAT_SECONDS * 1000 + 500)
        first.wait_for_selector("#presence-notice:not([hidden])")
        self.assertIn("Hùng đang sửa bài này từ", first.locator("#presence-notice").inner_text())

    def test_screens_at_desktop_and_phone_widths_with_no_serious_accessibility_violation(self):
        require_axe()
        photo = make_photo()
        for n in range(4):
            make_article(hero_photo=photo if n % 2 else None, title_vi=f"{LONG_TITLE} {n}")
        mine = make_article(status=Status.DRAFT, created_by=self.editor, original_language="vi")
        mine.body_vi = "<p>Đoạn một đã đổi nội dung.</p><p>Đoạn hai.</p>"
        services.article_save(article=mine)  # its first English paragraph is now outdated
        DailyReads.objects.create(article=mine, language="vi", day=mine.created_at.date(), count=3)
        screens = {
            "form": f"/admin/articles/article/{mine.pk}/change/",
            "changelist": "/admin/articles/article/",
            "dashboard": "/admin/",
        }
        for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            # Injecting axe is an inline script, which the admin's CSP refuses: bypassed for the audit.
            page = self.page_for(self.editor, size=size, bypass_csp=True)
            for name, path in screens.items():
                with self.subTest(screen=name, size=size_name):
                    page.goto(self.live_server_url + path)
                    self.screenshot(page, f"{name}-{size_name}")
                    page.add_script_tag(path=str(AXE_JS))
                    violations = page.evaluate("async () => (await axe.run(document)).violations")
                    serious = [
                        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                        for v in violations
                        if v["impact"] in ("serious", "critical")
                    ]
                    self.assertEqual(serious, [])
