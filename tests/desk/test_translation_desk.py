"""Translation status per paragraph, the bilingual guards and the "needs translation" block."""

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, DailyReads, Status
from articles.translation_status import MISSING, ORIGINAL, OUTDATED, UP_TO_DATE, translation_states

from ..factories import make_article, make_photo
from .test_admin import AdminTestCase
from .test_desk import form_data

VI_BODY = "<p>Đoạn một về hợp tác.</p><p>Đoạn hai về giao lưu.</p><p>Đoạn ba về văn hoá.</p>"
EN_BODY = (
    "<p>Paragraph one on cooperation.</p><p>Paragraph two on exchanges.</p><p>Paragraph three on culture.</p>"
)


def states(article):
    return {state.language: state for state in translation_states(Article.objects.get(pk=article.pk))}


class TranslationStatusTests(TestCase):
    def setUp(self):
        self.article = make_article(languages=["vi"], original_language="vi", body_vi=VI_BODY)

    def save(self, **changes):
        minor = changes.pop("minor", False)
        checked = changes.pop("checked", False)
        article = Article.objects.get(pk=self.article.pk)
        for name, value in changes.items():
            setattr(article, name, value)
        services.article_save(article=article, minor=minor, translation_checked=checked)
        return article

    def translate(self):
        self.save(title_en="On cooperation", lead_en="The lead.", body_en=EN_BODY, status_en=Status.DRAFT)

    def test_missing_then_up_to_date_once_translated(self):
        self.assertEqual(
            (states(self.article)["vi"].status, states(self.article)["en"].status), (ORIGINAL, MISSING)
        )
        self.translate()
        self.assertEqual(states(self.article)["en"].status, UP_TO_DATE)

    def test_a_changed_source_paragraph_flags_exactly_that_paragraph_with_its_diff(self):
        self.translate()
        self.save(body_vi=VI_BODY.replace("giao lưu", "giao lưu nhân dân"))
        state = states(self.article)["en"]
        self.assertEqual(state.status, OUTDATED)
        self.assertEqual([unit.index for unit in state.outdated], [3])  # title, lead, paragraphs 1, 2...
        self.assertIn("<ins>lưu nhân dân.</ins>", state.outdated[0].diff)
        self.assertTrue(Article.objects.get(pk=self.article.pk).translation_outdated)

    def test_translating_the_flagged_paragraph_brings_it_up_to_date_and_only_it(self):
        self.translate()
        self.save(
            body_vi=VI_BODY.replace("giao lưu", "giao lưu nhân dân").replace("văn hoá", "văn hoá dân gian")
        )
        self.assertEqual(len(states(self.article)["en"].outdated), 2)
        self.save(body_en=EN_BODY.replace("exchanges", "people-to-people exchanges"))
        state = states(self.article)["en"]
        self.assertEqual([unit.index for unit in state.outdated], [4])
        self.save(
            body_en=EN_BODY.replace("exchanges", "people-to-people exchanges").replace(
                "culture", "folk culture"
            )
        )
        self.assertEqual(states(self.article)["en"].status, UP_TO_DATE)

    def test_a_minor_edit_leaves_the_translation_up_to_date(self):
        self.translate()
        self.save(title_vi=self.article.title_vi + "!", minor=True)
        self.assertEqual(states(self.article)["en"].status, UP_TO_DATE)
        self.save(title_vi="Một tiêu đề hoàn toàn mới")
        self.assertEqual([u.index for u in states(self.article)["en"].outdated], [0])

    def test_a_new_source_paragraph_is_outdated_until_translated_and_checking_clears_it(self):
        self.translate()
        self.save(body_vi=VI_BODY + "<p>Đoạn bốn mới thêm.</p>")
        self.assertEqual([u.index for u in states(self.article)["en"].outdated], [5])
        self.save(checked=True)
        self.assertEqual(states(self.article)["en"].status, UP_TO_DATE)


class TranslationAdminTests(AdminTestCase):
    def test_changelist_filter_and_change_form_show_the_outdated_paragraph(self):
        current = make_article(original_language="vi")
        outdated = make_article(original_language="vi")
        outdated.body_vi = "<p>Đoạn một đã đổi nội dung.</p><p>Đoạn hai.</p>"
        services.article_save(article=outdated)
        only_vi = make_article(languages=["vi"])
        url = reverse("admin:articles_article_changelist")
        listed = {
            value: {a.pk for a in self.client.get(url, {"translation": value}).context["cl"].result_list}
            for value in ("missing", "outdated", "current")
        }
        self.assertEqual(
            listed, {"missing": {only_vi.pk}, "outdated": {outdated.pk}, "current": {current.pk}}
        )
        page = self.client.get(reverse("admin:articles_article_change", args=[outdated.pk]))
        self.assertContains(page, "translation-outdated")
        self.assertContains(page, "đã đổi nội dung.</ins>")

    def test_needs_translation_lists_one_language_articles_by_reads(self):
        quiet = make_article(languages=["vi"], title_vi="Bài ít người đọc")
        popular = make_article(languages=["en"], title_en="A much read story")
        make_article(title_vi="Bài song ngữ")
        today = timezone.localdate()
        DailyReads.objects.create(article=popular, language="en", day=today, count=90)
        DailyReads.objects.create(article=quiet, language="vi", day=today, count=3)
        html = self.client.get(reverse("admin:index")).content.decode()
        block = html[html.index('id="needs-translation"') :]
        self.assertLess(block.index("A much read story"), block.index("Bài ít người đọc"))
        self.assertNotIn("Bài song ngữ", block[: block.index("</table>")])


class BilingualGuardTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the messages asserted on

    def post(self, article, **changes):
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = form_data(self.client.get(url))
        data.update(changes)
        return self.client.post(url, data, follow=True)

    def test_warns_about_text_in_the_wrong_language_and_bodies_out_of_step(self):
        article = make_article(status=Status.REVIEW)
        response = self.post(
            article,
            lead_vi="Hop tac huu nghi giua hai nuoc duoc tang cuong trong nam nay",
            lead_en="Quan hệ hữu nghị giữa hai nước được tăng cường mạnh mẽ trong năm nay",
            body_en="<p>Only one paragraph here.</p>",
        )
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("Vietnamese lead has no Vietnamese diacritics" in m for m in messages), messages)
        self.assertTrue(any("English lead reads like Vietnamese" in m for m in messages), messages)
        self.assertTrue(any("2 paragraphs and the English one 1" in m for m in messages), messages)
        self.assertEqual(
            Article.objects.get(pk=article.pk).body_en, "<p>Only one paragraph here.</p>"
        )  # saved

    def test_an_english_version_with_a_vietnamese_only_caption_cannot_go_live(self):
        photo = make_photo(caption_vi="Ảnh chỉ có chú thích tiếng Việt", caption_en="")
        article = make_article(status=Status.REVIEW, hero_photo=photo)
        response = self.post(article, status_en=Status.PUBLISHED, status_vi=Status.PUBLISHED)
        self.assertContains(response, "no English caption yet")
        article = Article.objects.get(pk=article.pk)
        self.assertEqual((article.status_vi, article.status_en), (Status.REVIEW, Status.REVIEW))

        self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_en", "_selected_action": [article.pk]},
        )
        self.assertEqual(Article.objects.get(pk=article.pk).status_en, Status.REVIEW)

        photo.caption_en = "A photo captioned in English too"
        photo.save()
        response = self.post(article, status_en=Status.PUBLISHED)
        self.assertEqual(Article.objects.get(pk=article.pk).status_en, Status.PUBLISHED)

    def test_a_version_already_live_can_still_be_edited(self):
        photo = make_photo(caption_vi="Ảnh chỉ có chú thích tiếng Việt", caption_en="")
        article = make_article()
        # Live in both languages with that photo from before the rule (no save takes it live now).
        Article.objects.filter(pk=article.pk).update(hero_photo=photo)
        corrected = "A corrected English lead for the readers."
        self.post(article, lead_en=corrected)
        self.assertEqual(Article.objects.get(pk=article.pk).lead_en, corrected)
