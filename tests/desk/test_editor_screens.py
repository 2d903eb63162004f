"""
The editors' screens, as the server renders them: the article form's language
columns, who else is editing, the one-line article list and the admin home's
day of work (with their query counts at two sizes).
"""

import re
from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Correction, DailyReads, Status
from desk import presence
from desk.admin import language_fields
from desk.models import Assignment
from desk.roles import EDITOR, TRANSLATOR, setup_roles

from ..factories import make_article, make_photo
from ..tools import MIDDAY
from .test_desk import form_data


class ScreensTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_roles()
        users = get_user_model().objects
        cls.editor = users.create_user("lan", password="pw", is_staff=True, first_name="Lan")
        cls.editor.groups.add(Group.objects.get(name=EDITOR))
        cls.translator = users.create_user("hung", password="pw", is_staff=True, first_name="Hùng")
        cls.translator.groups.add(Group.objects.get(name=TRANSLATOR))

    def setUp(self):
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages asserted on

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def open(self, user, url, client=None):
        client = client or self.client
        client.force_login(user)
        response = client.get(url)
        self.assertEqual(response.status_code, 200)
        return response

    def column(self, response, code) -> str:
        """The HTML of one language's column of the form."""
        html = response.content.decode()
        start = html.index(f'id="language-column-{code}"')
        return html[start : html.index("</fieldset>", start)]


class LanguageColumnsTests(ScreensTestCase):
    def test_the_original_comes_first_and_each_column_holds_its_language_fields_in_order(self):
        article = make_article(original_language="en")
        response = self.open(self.editor, self.change_url(article))
        html = response.content.decode()
        self.assertLess(html.index('id="language-column-en"'), html.index('id="language-column-vi"'))
        for code in ("vi", "en"):
            column = self.column(response, code)
            names = re.findall(r'class="form-row field-(\w+)', column)
            self.assertEqual(names, [f"{name}_{code}" for name in language_fields()])
            self.assertEqual(
                names[:7],
                [
                    f"{name}_{code}"
                    for name in ("title", "slug", "lead", "body", "byline", "status", "published_at")
                ],
            )
            self.assertNotIn("_vi" if code == "en" else "_en", " ".join(names))
        # A date and time keeps the classes the admin's calendar and clock look for.
        self.assertRegex(html, r'name="published_at_vi_0"[^>]*class="vDateField mt ')
        self.assertRegex(html, r'name="published_at_vi_1"[^>]*class="vTimeField mt ')
        # The shared fields come below the columns.
        self.assertLess(html.index('id="language-columns"'), html.index('name="category"'))

    def test_every_translated_field_of_the_article_has_its_place(self):
        # A per-language field added to the model (as expires_at was) appears in both columns by itself.
        translated = {f.name for f in Article._meta.fields if hasattr(f, "translated_field") and f.editable}
        self.assertEqual(
            {f"{name}_{code}" for name in language_fields() for code in ("vi", "en")}, translated
        )

    def test_the_add_form_has_the_columns_vietnamese_first(self):
        response = self.open(self.editor, reverse("admin:articles_article_add"))
        html = response.content.decode()
        self.assertLess(html.index('id="language-column-vi"'), html.index('id="language-column-en"'))
        self.assertIn('role="tablist"', html)

    def test_a_title_is_a_wrapping_box_and_a_line_break_in_it_is_a_space(self):
        article = make_article()
        response = self.open(self.editor, self.change_url(article))
        self.assertRegex(
            self.column(response, "vi"),
            r'<textarea name="title_vi"[^>]*class="title-box[^"]*"[^>]*maxlength="300"',
        )
        data = form_data(response)
        data["title_vi"] = "Hợp tác hữu nghị\r\nViệt - Lào"
        self.assertEqual(self.client.post(self.change_url(article), data).status_code, 302)
        self.assertEqual(Article.objects.get(pk=article.pk).title_vi, "Hợp tác hữu nghị Việt - Lào")

    def test_a_translator_reads_the_original_in_its_column_and_writes_the_translation_in_the_other(self):
        article = make_article(original_language="vi", status=Status.DRAFT)
        response = self.open(self.translator, self.change_url(article))
        original, translation = self.column(response, "vi"), self.column(response, "en")
        self.assertNotIn('name="title_vi"', original)
        self.assertIn(article.title_vi, original)
        self.assertIn('class="readonly" lang="vi"', original)
        self.assertIn('name="title_en"', translation)
        self.assertIn('name="body_en"', translation)
        self.assertIn('name="status_en"', translation)

    def test_the_translations_state_stands_beside_the_paragraph_it_concerns(self):
        article = make_article(original_language="vi")
        article.body_vi = "<p>Đoạn một đã đổi nội dung.</p><p>Đoạn hai.</p>"
        services.article_save(article=article)
        response = self.open(self.editor, self.change_url(article))
        translation, original = self.column(response, "en"), self.column(response, "vi")
        body_row = translation[translation.index("field-body_en") :]
        body_row = body_row[: body_row.index('class="form-row', 1)]
        self.assertIn("Paragraph 1</strong>: outdated", body_row)
        self.assertIn("đã đổi nội dung.</ins>", body_row)
        self.assertIn("Paragraph 2</strong>: up to date", body_row)
        title_row = translation[translation.index("field-title_en") : translation.index("field-slug_en")]
        self.assertIn("Title</strong>: up to date", title_row)
        self.assertIn("translation: outdated", translation)
        self.assertNotIn("unit-state", original)


class PresenceTests(ScreensTestCase):
    def setUp(self):
        super().setUp()
        self.article = make_article(title_vi="Bài đang sửa")
        self.url = self.change_url(self.article)
        self.other = Client(HTTP_ACCEPT_LANGUAGE="en")

    def beat(self, client, **data):
        return client.post(reverse("desk:presence", args=[self.article.pk]), data)

    @time_machine.travel(MIDDAY, tick=False)
    def test_opening_the_form_while_someone_else_has_it_open_says_who_and_since_when(self):
        first = self.open(self.editor, self.url)
        self.assertNotContains(first, "đang sửa bài này")
        second = self.open(self.translator, self.url, client=self.other)
        self.assertContains(second, "Lan is editing this article since 12:00.")
        self.assertContains(second, 'id="presence-notice"')
        # The editor's next heartbeat brings the translator's name.
        answer = self.beat(self.client).json()
        self.assertEqual(answer["messages"], ["Hùng is editing this article since 12:00."])
        self.assertEqual(answer["interval"], presence.HEARTBEAT_SECONDS)

    def test_a_heartbeat_older_than_a_minute_is_nobody_editing(self):
        with time_machine.travel(MIDDAY, tick=False):
            self.open(self.editor, self.url)
        with time_machine.travel(MIDDAY + timedelta(seconds=presence.FRESH_SECONDS - 1), tick=False):
            self.assertContains(self.open(self.translator, self.url, client=self.other), "Lan is editing")
        with time_machine.travel(MIDDAY + timedelta(seconds=presence.FRESH_SECONDS + 1), tick=False):
            self.assertEqual(self.beat(self.other).json()["messages"], [])

    @time_machine.travel(MIDDAY, tick=False)
    def test_whoever_keeps_beating_keeps_the_time_they_opened_it(self):
        self.open(self.editor, self.url)
        with time_machine.travel(MIDDAY + timedelta(seconds=50), tick=False):
            self.beat(self.client)
        with time_machine.travel(MIDDAY + timedelta(seconds=100), tick=False):
            self.assertContains(self.open(self.translator, self.url, client=self.other), "since 12:00.")

    def test_closing_the_form_says_goodbye(self):
        self.open(self.editor, self.url)
        self.assertEqual(self.beat(self.client, leave="1").json()["messages"], [])
        self.assertNotContains(
            self.open(self.translator, self.url, client=self.other), "is editing this article"
        )

    def test_the_heartbeat_needs_a_desk_login_a_post_with_its_token_and_an_article(self):
        heartbeat = reverse("desk:presence", args=[self.article.pk])
        self.assertEqual(Client().post(heartbeat).status_code, 403)
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.editor)
        self.assertEqual(strict.post(heartbeat).status_code, 403)
        response = strict.get(self.url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
        self.assertEqual(strict.post(heartbeat, HTTP_X_CSRFTOKEN=token).status_code, 200)
        self.assertEqual(strict.get(heartbeat).status_code, 405)
        self.assertEqual(
            strict.post(
                reverse("desk:presence", args=[self.article.pk + 99]), HTTP_X_CSRFTOKEN=token
            ).status_code,
            404,
        )
        reader = get_user_model().objects.create_user("reader", password="pw")
        self.other.force_login(reader)
        self.assertEqual(self.beat(self.other).status_code, 403)

    def test_the_save_time_edit_lock_still_refuses_a_stale_save(self):
        stale = form_data(self.open(self.translator, self.url, client=self.other))
        fresh = form_data(self.open(self.editor, self.url))
        fresh["lead_vi"] = "Lời dẫn mới."
        self.assertEqual(self.client.post(self.url, fresh).status_code, 302)
        stale["lead_en"] = "A lead written on a stale copy."
        self.assertEqual(self.other.post(self.url, stale).status_code, 200)  # refused, the form again
        self.assertEqual(Article.objects.get(pk=self.article.pk).lead_en, self.article.lead_en)


class ArticleListTests(ScreensTestCase):
    def test_one_line_per_article_with_its_photo_title_badges_section_author_and_last_change(self):
        photo = make_photo()
        title = "A friendship conference of the peoples " * 7  # 272 characters: a title fits 300
        article = make_article(title_en=title.strip(), hero_photo=photo, created_by=self.translator)
        article.body_vi = "<p>Đoạn một đã đổi.</p><p>Đoạn hai.</p>"
        services.article_save(article=article, by=self.editor)
        response = self.open(self.editor, reverse("admin:articles_article_changelist"))
        row = response.content.decode()
        row = row[row.index("<tbody>") : row.index("</tbody>")]
        self.assertIn('class="photo-thumbnail"', row)
        self.assertIn(f'<span class="article-title" title="{title.strip()}" lang="en">', row)
        self.assertIn('class="status status-published"', row)
        self.assertIn("EN · outdated translation", row)
        self.assertIn(str(article.category), row)
        self.assertIn("Hùng", row)  # the author
        self.assertIn("Lan", row)  # who saved it last

    def test_the_list_costs_the_same_queries_for_few_articles_as_for_many(self):
        photo = make_photo()

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(
                    self.client.get(reverse("admin:articles_article_changelist")).status_code, 200
                )
            return len(captured)

        self.client.force_login(self.editor)
        for _ in range(2):
            make_article(hero_photo=photo, created_by=self.editor)
        few = queries()
        for n in range(18):
            make_article(
                hero_photo=photo if n % 2 else None, created_by=self.translator, status=Status.REVIEW
            )
        self.assertEqual(queries(), few)


@time_machine.travel(MIDDAY, tick=True)
class DashboardTests(ScreensTestCase):
    def home(self) -> str:
        return self.open(self.editor, reverse("admin:index")).content.decode()

    def block(self, html, block_id) -> str:
        start = html.index(f'id="{block_id}"')
        return html[start : html.index("</table>", start)]

    def test_the_home_opens_on_the_days_work(self):
        mine = make_article(
            languages=["vi"], status=Status.DRAFT, created_by=self.editor, title_vi="Nháp của tôi"
        )
        make_article(
            languages=["vi"], status=Status.DRAFT, created_by=self.translator, title_vi="Nháp người khác"
        )
        make_article(languages=["en"], status=Status.REVIEW, title_en="Waiting for review")
        now = timezone.now()
        make_article(languages=["vi"], published_at=now + timedelta(hours=2), title_vi="Lên trang chiều nay")
        make_article(languages=["vi"], published_at=now + timedelta(days=1), title_vi="Lên trang ngày mai")
        read = make_article(languages=["en"], title_en="Read today")
        DailyReads.objects.create(article=read, language="en", day=timezone.localdate(), count=42)
        Assignment.objects.create(article=mine, language="en", assignee=self.editor)
        Correction.objects.create(
            article=read, language="en", text="The date was wrong.", created_by=self.editor
        )
        html = self.home()
        self.assertIn("Nháp của tôi", self.block(html, "my-drafts"))
        self.assertNotIn("Nháp người khác", self.block(html, "my-drafts"))
        self.assertIn("Waiting for review", self.block(html, "in-review-en"))
        self.assertNotIn("Waiting for review", self.block(html, "in-review-vi"))
        scheduled = self.block(html, "scheduled-today")
        self.assertIn("Lên trang chiều nay", scheduled)
        self.assertNotIn("Lên trang ngày mai", scheduled)
        self.assertIn("42 reads", self.block(html, "most-read-en"))
        self.assertIn("Nháp của tôi", self.block(html, "assigned-to-me"))
        self.assertIn("The date was wrong.", self.block(html, "corrections-last-week"))
        # The desk's blocks stay.
        self.assertIn('id="needs-translation"', html)
        self.assertIn('id="wire-waiting"', html)

    def test_the_home_costs_the_same_queries_for_few_articles_as_for_many(self):
        def make(n):
            for i in range(n):
                article = make_article(created_by=self.editor, status=[Status.DRAFT, Status.REVIEW][i % 2])
                make_article(languages=["vi"], published_at=timezone.now() + timedelta(minutes=30 + i))
                DailyReads.objects.create(article=article, language="vi", day=timezone.localdate(), count=i)
                Assignment.objects.create(article=article, language="en", assignee=self.editor)
                Correction.objects.create(article=article, language="vi", text=f"Sửa lần {i}.")

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)
            return len(captured)

        self.client.force_login(self.editor)
        make(2)
        few = queries()
        make(14)
        self.assertEqual(queries(), few)
