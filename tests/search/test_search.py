"""Search that understands Vietnamese, on PostgreSQL full-text search and on SQLite's FTS5 alike."""

import re
import unittest
from datetime import timedelta
from io import StringIO
from unittest import mock

import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from search.engine import search
from search.query import parse_query

from ..factories import make_article, make_category
from ..tools import MIDDAY

TO_LAM = "Tổng Bí thư Tô Lâm tiếp Đại sứ các nước"


def titles(results, language="vi"):
    return [getattr(article, f"title_{language}") for article in results]


class SearchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_category(name_vi="Chính trị", name_en="Politics")
        cls.to_lam = make_article(
            category=cls.section,
            title_vi=TO_LAM,
            title_en="Party General Secretary To Lam receives ambassadors",
            lead_vi="Cuộc gặp diễn ra tại trụ sở Trung ương Đảng Cộng sản Việt Nam.",
            lead_en="Leaders of many countries extended congratulations on his re-election.",
            body_vi="<p>Hai bên trao đổi về hợp tác song phương.</p>",
            body_en="<p>The two sides discussed bilateral cooperation.</p>",
        )
        cls.east_sea = make_article(
            title_vi="Ngư dân bám biển Đông trong mùa bão",
            title_en="Fishermen stay at sea in the storm season",
            body_vi="<p>Tàu cá ra khơi đánh bắt xa bờ.</p>",
        )
        cls.scattered = make_article(
            title_vi="Biên phòng tỉnh giúp dân vùng cao đón Tết",
            body_vi="<p>Người dân phía đông của tỉnh vui mừng.</p>",
        )
        cls.vietnamese_only = make_article(languages=["vi"], title_vi="Tô Lâm dự lễ kỷ niệm ở Hà Nội")

    def find(self, query, language="vi"):
        ids = search(query, language=language).ids
        by_id = Article.objects.in_bulk(ids)
        return titles([by_id[pk] for pk in ids], language)


class DiacriticInsensitiveTests(SearchTestCase):
    def test_to_lam_finds_to_lam_with_and_without_diacritics(self):
        for query in ("to lam", "Tô Lâm", "TO LAM", "tô lam"):
            with self.subTest(query):
                self.assertIn(TO_LAM, self.find(query))

    def test_d_finds_d_with_stroke(self):
        self.assertIn(TO_LAM, self.find("dang cong san"))
        self.assertIn(TO_LAM, self.find("dang"))
        self.assertIn(TO_LAM, self.find("Đảng"))

    def test_syllables_typed_together_match_as_one_word(self):
        results = self.find("bien dong")
        self.assertEqual(
            results, ["Ngư dân bám biển Đông trong mùa bão"], "not the story with 'biên' and 'đông' apart"
        )

    def test_quoted_phrases_match_the_phrase(self):
        self.assertEqual(self.find('"Tổng Bí thư"'), [TO_LAM])
        self.assertEqual(self.find('"thu bi tong"'), [])

    def test_english_is_stemmed(self):
        self.assertIn("Party General Secretary To Lam receives ambassadors", self.find("congratulate", "en"))
        self.assertIn("Party General Secretary To Lam receives ambassadors", self.find("ambassador", "en"))

    def test_excluded_words_are_left_out(self):
        self.assertEqual(self.find("to lam -ha"), [TO_LAM])


class RankingTests(SearchTestCase):
    def test_a_title_match_ranks_above_a_body_match_then_newest_first(self):
        older_title = make_article(
            title_vi="Hợp tác nông nghiệp với Lào", published_at=timezone.now() - timedelta(days=5)
        )
        body = make_article(title_vi="Tin trong ngày", body_vi="<p>Bàn về hợp tác nông nghiệp.</p>")
        lead = make_article(title_vi="Tin khác", lead_vi="Hợp tác nông nghiệp được đẩy mạnh.")
        newer_title = make_article(title_vi="Hợp tác nông nghiệp bền vững")
        results = self.find("hop tac nong nghiep")
        positions = {title: index for index, title in enumerate(results)}
        self.assertLess(positions[newer_title.title_vi], positions[older_title.title_vi])
        self.assertLess(positions[older_title.title_vi], positions[lead.title_vi])
        self.assertLess(positions[lead.title_vi], positions[body.title_vi])


class PublishedOnlyTests(SearchTestCase):
    def test_drafts_and_future_articles_are_never_found(self):
        make_article(status=Status.DRAFT, title_vi="Tô Lâm bản nháp", title_en="To Lam draft")
        make_article(published_at=timezone.now() + timedelta(hours=3), title_vi="Tô Lâm hẹn giờ")
        for query in ("to lam", "nhap", "hen gio"):
            with self.subTest(query):
                found = self.find(query)
                self.assertNotIn("Tô Lâm bản nháp", found)
                self.assertNotIn("Tô Lâm hẹn giờ", found)
        self.assertNotIn("To Lam draft", self.find("draft", "en"))

    def test_an_article_only_in_vietnamese_is_never_found_from_english(self):
        self.assertIn("Tô Lâm dự lễ kỷ niệm ở Hà Nội", self.find("ky niem"))
        self.assertEqual(self.find("ky niem", "en"), [])
        html = self.client.get("/en/search/?q=ky+niem").content.decode()
        self.assertNotIn("kỷ niệm", html)


@unittest.skipUnless(connection.vendor == "postgresql", "trigram similarity is PostgreSQL's")
class TypoTests(SearchTestCase):
    def test_a_typo_still_finds_to_lam_and_suggests_the_accented_form(self):
        results = search("to lamm", language="vi")
        self.assertTrue(results.typo)
        self.assertIn(TO_LAM, self.find("to lamm"))
        html = self.client.get("/vi/search/?q=to+lamm").content.decode()
        self.assertIn('<a href="?q=T%C3%B4%20L%C3%A2m">Tô Lâm</a>', html)


@time_machine.travel(MIDDAY, tick=True)
class SearchPageTests(SearchTestCase):
    def page(self, params, language="vi"):
        response = self.client.get(f"/{language}/search/", params)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_results_highlight_matches_with_their_diacritics_and_keep_the_query(self):
        html = self.page({"q": "to lam"})
        self.assertIn("<mark>Tô</mark> <mark>Lâm</mark>", html)
        self.assertIn('value="to lam"', html)
        self.assertIn('<a href="?q=T%C3%B4%20L%C3%A2m">Tô Lâm</a>', html)

    def test_filters_by_section_format_and_dates(self):
        self.assertEqual(html_titles(self.page({"q": "to lam", "category": self.section.pk})), [TO_LAM])
        self.assertEqual(html_titles(self.page({"q": "to lam", "format": "video"})), [])
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        self.assertEqual(html_titles(self.page({"q": "to lam", "since": tomorrow})), [])
        self.assertIn(TO_LAM, html_titles(self.page({"q": "to lam", "until": tomorrow})))

    def test_twenty_results_a_page(self):
        for n in range(25):
            make_article(title_vi=f"Hội nghị xúc tiến đầu tư lần {n}")
        first = self.page({"q": "xuc tien dau tu"})
        self.assertEqual(len(html_titles(first)), 20)
        self.assertIn("page=2", first)
        self.assertEqual(len(html_titles(self.page({"q": "xuc tien dau tu", "page": 2}))), 5)

    def test_hostile_and_odd_queries_get_a_calm_page(self):
        odd = ["", " ", "' OR 1=1 --", "<script>alert(1)</script>", '"', '""', "&|!", "a" * 5000]
        odd += ["():*<->\\", "-", "\x00", "lam & !to | (x", "NEAR(a b)", "title:x", "^"]
        for query in odd:
            with self.subTest(query[:20]):
                html = self.page({"q": query, "page": "x", "category": "nope", "since": "soon"})
                self.assertNotIn("<script>alert", html)
        self.assertIn("first 200 characters", self.page({"q": "a" * 500}, language="en"))
        self.assertIn("chỉ 200 ký tự đầu", self.page({"q": "a" * 500}))
        self.assertIn("&lt;script&gt;", self.page({"q": "<script>x</script>"}))


class AdminSearchTests(SearchTestCase):
    def test_the_admin_finds_to_lam_from_to_lam_in_any_status(self):
        editor = get_user_model().objects.create_superuser("e", "e@example.org", "pw")
        self.client.force_login(editor)
        draft = make_article(status=Status.DRAFT, title_vi="Tô Lâm gặp cử tri", languages=["vi"])
        response = self.client.get(reverse("admin:articles_article_changelist"), {"q": "to lam"})
        found = {article.pk for article in response.context["cl"].result_list}
        self.assertTrue({self.to_lam.pk, self.vietnamese_only.pk, draft.pk} <= found)
        self.assertNotIn(self.east_sea.pk, found)


class IndexUpkeepTests(SearchTestCase):
    def test_edits_and_imports_are_searchable_at_once(self):
        self.to_lam.title_vi = "Tiêu đề mới về Quốc hội"
        self.to_lam.save()
        self.assertEqual(self.find("quoc hoi"), ["Tiêu đề mới về Quốc hội"])
        self.assertNotIn("Tiêu đề mới về Quốc hội", self.find("dai su"))
        bulk = Article(
            title_vi="Hàng loạt bài mới",
            status_vi="published",
            published_at_vi=timezone.now(),
            category=self.section,
        )
        Article.objects.bulk_create([bulk])
        self.assertEqual(self.find("hang loat"), ["Hàng loạt bài mới"])

    def test_rebuild_search_index(self):
        call_command("rebuild_search_index", stdout=StringIO())
        self.assertIn(TO_LAM, self.find("to lam"))


def html_titles(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", t)
        for t in re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', html)
    ]


class ParseQueryTests(unittest.TestCase):
    def test_words_phrases_and_exclusions(self):
        parsed = parse_query('Tô Lâm "Tổng Bí thư" -Đảng OR 1=1')
        self.assertEqual(parsed.terms, ["to", "lam", "or", "1"])
        self.assertEqual(parsed.phrases, [["tong", "bi", "thu"]])
        self.assertEqual(parsed.excluded, ["dang"])


@unittest.skipUnless(connection.vendor == "postgresql", "the capped plan is PostgreSQL's")
class CommonWordTests(TestCase):
    """A word in most of the archive ranks its newest matches only, and the page says so."""

    def setUp(self):
        section = make_category()
        now = timezone.now()
        self.articles = [
            make_article(
                languages=["vi"],
                category=section,
                title_vi=f"Bài {n}: hợp tác kinh tế" if n == 4 else f"Bài {n}",
                body_vi="<p>Tăng cường hợp tác giữa hai nước.</p>",
                published_at=now - timedelta(hours=n + 1),
            )
            for n in range(6)
        ]
        self.rare = make_article(
            languages=["vi"], category=section, title_vi="Chuyện hiếm có", body_vi="<p>Lạ.</p>"
        )

    def test_only_the_newest_matches_are_ranked_when_a_word_is_everywhere(self):
        with mock.patch.multiple("search.engine", RANKED=3, MAX_RESULTS=3, SAMPLE=4):
            results = search("hop tac", language="vi")
            self.assertTrue(results.capped)
            # The newest three matches, by rank then date; the older title match is beyond the cap.
            self.assertEqual(results.ids, [a.pk for a in self.articles[:3]])
            uncapped = search('"hop tac" kinh', language="vi")  # only the older title has "kinh"
            self.assertEqual(uncapped.ids, [self.articles[4].pk])
            page = self.client.get("/en/search/", {"q": "hop tac"})  # no English articles: calm, empty
            self.assertEqual(page.status_code, 200)
            rare = search("chuyen hiem", language="vi")
            self.assertFalse(rare.capped)
            self.assertEqual(rare.ids, [self.rare.pk])
