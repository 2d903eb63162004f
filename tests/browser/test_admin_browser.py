from django.contrib.auth import get_user_model

from .base import BrowserTestCase


class ArticleEditorBrowserTests(BrowserTestCase):
    """The article form as an editor uses it: language columns (tabs on a phone), slugs, the body editor."""

    def setUp(self):
        self.editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def open_add_form(self, **size):
        page = self.new_page(user=self.editor, **size)
        page.goto(f"{self.live_server_url}/admin/articles/article/add/")
        return page

    def test_language_tabs_on_a_phone_show_one_language_at_a_time(self):
        page = self.open_add_form(width=390, height=844)
        self.assertTrue(page.locator("#id_title_vi").is_visible())
        self.assertFalse(page.locator("#id_title_en").is_visible())
        page.click("#language-tab-en")
        self.assertTrue(page.locator("#id_title_en").is_visible())
        self.assertFalse(page.locator("#id_title_vi").is_visible())

    def test_the_slug_follows_a_vietnamese_title_with_its_letters_folded(self):
        page = self.open_add_form()
        page.locator("#id_title_vi").press_sequentially("Đại hội Đảng lần thứ XIV")
        self.assertEqual(page.input_value("#id_slug_vi"), "dai-hoi-dang-lan-thu-xiv")
        page.locator("#id_title_en").press_sequentially("Quần đảo Hoàng Sa")
        self.assertEqual(page.input_value("#id_slug_en"), "quan-dao-hoang-sa")

    def test_the_body_editor_writes_html_into_the_form(self):
        page = self.open_add_form()
        page.locator(".field-body_vi [contenteditable=true]").click()
        page.keyboard.type("Xin chào độc giả")
        body = page.eval_on_selector("#id_body_vi", "field => field.value")
        self.assertEqual(body, "<p>Xin chào độc giả</p>")
