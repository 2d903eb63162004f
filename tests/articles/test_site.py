"""The reader's site: every public page in both languages, the language switch, and no leaks."""

import json
import re
from collections import deque
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import RequestFactory, TestCase
from django.utils import timezone

from articles.models import ArticlePhoto, Status
from newsroom.views import server_error

from ..factories import make_article, make_photo, make_site, make_tag


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag in ("a", "link") and href:
            self.links.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


class SiteTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = make_site()

    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        return response.content.decode()


class EveryPageAnswersTests(SiteTestCase):
    def test_each_public_url_answers_in_both_languages(self):
        main, economy = self.site["main"], self.site["economy"]
        for code in ("vi", "en"):
            pages = {
                f"/{code}/": "Foreign leaders" if code == "en" else "Lãnh đạo các nước",
                economy.url_in(code): "Economy" if code == "en" else "Kinh tế",
                main.url_in(code): main.title_en if code == "en" else main.title_vi,
                main.url_in(code) + "bilingual/": main.title_vi,
                f"/{code}/tag/{'friendship' if code == 'en' else 'huu-nghi'}/": (
                    main.title_en if code == "en" else main.title_vi
                ),
                f"/{code}/{'photo' if code == 'en' else 'anh'}/": "Photos: The festival"
                if code == "en"
                else "Ảnh: Lễ hội",
                f"/{code}/video/": "The coffee season" if code == "en" else "Mùa cà phê",
                f"/{code}/{'infographics' if code == 'en' else 'do-hoa'}/": "Population"
                if code == "en"
                else "Dân số",
                f"/{code}/mega-story/": "A long journey" if code == "en" else "Hành trình dài",
                f"/{code}/page/{'about-us' if code == 'en' else 'gioi-thieu'}/": "About Us"
                if code == "en"
                else "Giới thiệu",
            }
            for url, text in pages.items():
                with self.subTest(url):
                    html = self.get(url)
                    self.assertIn(f'<html lang="{code}">', html)
                    self.assertIn(text, html)

    def test_home_has_focus_sections_strips_and_most_read_numbered(self):
        html = self.get("/vi/")
        for block in ("Tiêu điểm", "Quan tâm", "Ngoại giao và Hội nhập", "Video", "Ảnh"):
            self.assertIn(block, html)
        most_read = html[html.index('class="most-read__list"') :]
        self.assertLess(most_read.index("Lãnh đạo các nước"), most_read.index("Xuất khẩu gạo"))
        self.assertIn("<ol", html)

    def test_the_article_page_has_its_whole_anatomy(self):
        main = self.site["main"]
        html = self.get(main.url_in("en"))
        for part in (
            'class="breadcrumb"',
            "Diplomacy and Integration",
            "Foreign leaders congratulate the Congress",
            "Leaders of many countries sent their congratulations.",
            '<figcaption>At the meeting <span class="credit">(Photo: VGP)</span></figcaption>',
            "Source: VNA",
            'srcset="',
            'loading="lazy"',
            'width="800" height="450"',
            "Copy link",
            "facebook.com/sharer",
            'href="/en/tag/friendship/"',
            "Related news",
            "Read in Vietnamese and English side by side",
        ):
            self.assertIn(part, html)
        self.assertRegex(html, r"<time datetime=\"[^\"]+\">\d\d/\d\d/\d{4}, \d\d:\d\d [AP]M</time>")
        vietnamese = self.get(main.url_in("vi"))
        self.assertRegex(vietnamese, r"<time datetime=\"[^\"]+\">\d\d/\d\d/\d{4} \d\d:\d\d</time>")
        self.assertIn("(Ảnh: VGP)", vietnamese)
        self.assertIn("Nguồn: TTXVN", vietnamese)

    def test_each_format_has_its_own_layout(self):
        video = self.get(self.site["video"].url_in("en"))
        self.assertIn('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"', video)
        photos = self.get(self.site["photo_story"].url_in("en"))
        self.assertIn('class="gallery"', photos)
        self.assertEqual(photos.count("<figure"), 3, "the main photo, then the two others in the gallery")
        self.assertIn("article--infographic", self.get(self.site["infographic"].url_in("en")))
        self.assertIn("article--megastory", self.get(self.site["megastory"].url_in("en")))

    def test_the_bilingual_view_pairs_every_paragraph_with_lang_and_anchors(self):
        html = self.get(self.site["main"].url_in("vi") + "bilingual/")
        for number in range(1, 6):
            pair = html[html.index(f'id="p{number}"') :]
            pair = pair[: pair.index("</section>")]
            self.assertIn(f"Đoạn thứ {number} của bài viết", pair)
            self.assertIn(f"Paragraph {number} of the story", pair)
            self.assertIn('lang="vi"', pair)
            self.assertIn('lang="en"', pair)
        self.assertIn("At the meeting", html)
        self.assertIn("Tại phiên họp", html)
        self.assertLess(html.index('id="p2"'), html.index("Tại phiên họp"))
        self.assertLess(html.index("Tại phiên họp"), html.index('id="p3"'))

    def test_the_bilingual_view_needs_both_versions(self):
        self.get(self.site["vietnamese_only"].url_in("vi") + "bilingual/", status=404)

    def test_404_and_500_pages_speak_the_readers_language(self):
        self.assertIn("Không tìm thấy trang", self.get("/vi/khong-co/trang-nay/", status=404))
        self.assertIn("Page not found", self.get("/en/no-such/page/", status=404))
        for path, text in (("/vi/x/", "Đã có lỗi xảy ra"), ("/en/x/", "Something went wrong")):
            response = server_error(RequestFactory().get(path))
            self.assertEqual(response.status_code, 500)
            self.assertIn(text, response.content.decode())


class LanguageSwitchTests(SiteTestCase):
    def test_the_switch_goes_to_the_same_articles_other_version(self):
        main = self.site["main"]
        html = self.get(main.url_in("en"))
        self.assertIn(f'<a href="{main.url_in("vi")}" hreflang="vi" lang="vi">Tiếng Việt</a>', html)

    def test_a_missing_version_answers_404_saying_so_and_linking_to_the_other(self):
        article = self.site["vietnamese_only"]
        html = self.get(article.url_in("vi"))
        switch = re.search(r'<a href="([^"]+)" hreflang="en" lang="en">English</a>', html).group(1)
        response = self.client.get(switch)
        self.assertEqual(response.status_code, 404)
        page = response.content.decode()
        self.assertIn('<html lang="en">', page)
        self.assertIn("This article is not available in English", page)
        self.assertIn(
            f'<a href="{article.url_in("vi")}" hreflang="vi" lang="vi">{article.title_vi}</a>', page
        )
        vietnamese = self.get(self.site["english_only"].url_in("en").replace("/en/", "/vi/", 1), status=404)
        self.assertIn("Bài viết này không có bản tiếng Việt", vietnamese)

    def test_lists_never_show_an_article_in_a_language_it_was_not_written_in(self):
        for url in ("/en/", self.site["economy"].url_in("en"), "/en/tag/friendship/"):
            self.assertNotIn("Xuất khẩu gạo", self.get(url))
        for url in ("/vi/", self.site["economy"].url_in("vi")):
            self.assertNotIn("Coffee harvest", self.get(url))

    def test_text_shown_from_the_other_language_is_labelled_with_its_language(self):
        html = self.get(self.site["main"].url_in("en"))
        self.assertIn('<span lang="vi">Biển đảo</span> <span class="lang-label">(Vietnamese)</span>', html)


class MetadataTests(SiteTestCase):
    def test_an_article_carries_canonical_hreflang_open_graph_and_json_ld(self):
        main = self.site["main"]
        html = self.get(main.url_in("en"))
        canonical = f"http://testserver{main.url_in('en')}"
        self.assertIn(f'<link rel="canonical" href="{canonical}">', html)
        self.assertIn(
            f'<link rel="alternate" hreflang="vi" href="http://testserver{main.url_in("vi")}">', html
        )
        self.assertIn(
            f'<link rel="alternate" hreflang="x-default" href="http://testserver{main.url_in("vi")}">', html
        )
        for tag in ('property="og:title"', 'property="og:image"', 'property="og:url"', 'name="twitter:card"'):
            self.assertIn(tag, html)
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        )
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], main.title_en)
        self.assertEqual(data["inLanguage"], "en")
        self.assertTrue(data["image"][0].startswith("http://testserver/media/"))
        self.assertEqual(data["publisher"]["name"], "Test Friendship Union")
        for key in ("datePublished", "dateModified", "author"):
            self.assertIn(key, data)

    def test_a_one_language_article_has_no_alternate_for_the_missing_language(self):
        html = self.get(self.site["vietnamese_only"].url_in("vi"))
        self.assertNotIn('hreflang="en" href="http://testserver', html)

    def test_json_ld_cannot_close_its_script(self):
        article = make_article(title_en="</script><script>alert(1)</script>")
        html = self.get(article.url_in("en"))
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        self.assertNotIn("<", block)


class StrictPageTests(SiteTestCase):
    """The site runs under a strict Content-Security-Policy: no inline script, no style attributes."""

    def test_public_pages_have_no_inline_script_or_style(self):
        main = self.site["main"]
        for url in (
            "/vi/",
            "/en/",
            main.url_in("en"),
            main.url_in("vi") + "bilingual/",
            self.site["video"].url_in("en"),
        ):
            with self.subTest(url):
                response = self.client.get(url)
                html = response.content.decode()
                self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>")
                self.assertNotRegex(html, r"\sstyle=")
                self.assertNotRegex(html, r"\son[a-z]+=")
                self.assertIn("script-src 'self'", response["Content-Security-Policy"])


class NothingUnpublishedLeaksTests(SiteTestCase):
    """Drafts and scheduled articles appear nowhere: not in pages, lists, feeds, sitemaps or related lists."""

    def test_markers_of_unpublished_articles_never_appear(self):
        section = self.site["economy"]
        tag = self.site["friendship"]
        secret_tag = make_tag(name_vi="Zqxthẻmật", name_en="Zqxsecrettag")
        draft = make_article(
            status=Status.DRAFT, category=section, featured=True,
            title_vi="Zqxbảnnháp tiêu đề", title_en="Zqxdraft title",
            lead_en="Zqxdraftlead", body_en="<p>Zqxdraftbody</p>",
        )  # fmt: skip
        future = make_article(
            published_at=timezone.now() + timedelta(days=2), category=section, featured=True,
            title_vi="Zqxhẹngiờ tiêu đề", title_en="Zqxscheduled title", lead_vi="Zqxscheduledlead",
        )  # fmt: skip
        review = make_article(status_en=Status.REVIEW, category=section, title_en="Zqxreview title")
        secret_photo = make_photo(caption_en="Zqxsecretcaption", caption_vi="Zqxsecretcaption")
        for article in (draft, future):
            article.tags.add(tag, secret_tag)
            ArticlePhoto.objects.create(article=article, photo=secret_photo, position=0)
        markers = ["Zqxbảnnháp", "Zqxdraft", "Zqxhẹngiờ", "Zqxscheduled", "Zqxreview", "Zqxsecretcaption"]

        seen = self.crawl(
            ["/vi/", "/en/", "/vi/feed/", "/en/feed/", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]
        )
        self.assertGreater(len(seen), 30, "the crawl reached the site's pages")
        for url, body in seen.items():
            for marker in markers:
                self.assertNotIn(marker, body, f"{marker} leaked on {url}")
        self.assertIn(review.url_in("vi"), seen, "the published Vietnamese version is public")

    def crawl(self, start: list[str], limit: int = 300) -> dict[str, str]:
        queue, seen = deque(start), {}
        while queue and len(seen) < limit:
            url = queue.popleft()
            if url in seen:
                continue
            response = self.client.get(url)
            body = response.content.decode()
            seen[url] = body
            found = links_in(body) + re.findall(r"<(?:loc|link)>\s*([^<\s]+)\s*</(?:loc|link)>", body)
            found += re.findall(r'href="([^"]+)"', body)
            for link in found:
                parts = urlsplit(link)
                if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
                    continue
                if parts.path.startswith(("/static/", "/media/", "/admin/")):
                    continue
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                if path not in seen:
                    queue.append(path)
        return seen
