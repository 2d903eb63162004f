import json
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from articles.models import Article, ArticlePhoto, Source, Status, Tag
from categories.models import Category
from ingest.exports import article_to_json, articles_for_export, export_jsonl
from media.models import Photo

from ..factories import make_article, make_category, make_photo, make_source, make_tag
from .helpers import run_import, summary, write_temp


def media_files() -> set[str]:
    return {str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()}


class JsonLinesRoundTripTests(TestCase):
    """export_articles --format jsonl, then import_articles into an empty database: the same articles."""

    @classmethod
    def setUpTestData(cls):
        parent = make_category(name_vi="Việt Nam", name_en="Viet Nam")
        child = make_category(name_vi="Kinh tế", name_en="Economy", parent=parent, description_en="Money.")
        source = make_source(name_vi="TTXVN", name_en="VNA", slug="vna")
        credit = make_source(name_vi="VGP", name_en="VGP", slug="vgp")
        cls.bilingual = make_article(
            category=child,
            source=source,
            title_vi="Xuất khẩu gạo tăng mạnh",
            title_en="Rice exports climb",
            body_en="<p>One <strong>bold</strong> step.</p><h2>Next</h2><p>Two.</p>",
            status_en=Status.REVIEW,
            featured=True,
            format="photo",
            byline_vi="Minh Anh",
            view_count_vi=42,
        )
        hero = make_photo(credit=credit, caption_vi="Ảnh chính", caption_en="Main photo")
        inline = make_photo(credit=credit, caption_vi="Cảng biển", caption_en="")
        cls.bilingual.hero_photo = hero
        cls.bilingual.save()
        ArticlePhoto.objects.create(article=cls.bilingual, photo=hero, position=0)
        ArticlePhoto.objects.create(article=cls.bilingual, photo=inline, position=1, paragraph=2)
        cls.bilingual.tags.add(
            make_tag(name_vi="Lúa gạo", name_en="Rice"), make_tag(name_vi="Cảng", name_en="")
        )
        cls.vietnamese_only = make_article(languages=["vi"], category=parent, title_vi="Chỉ có tiếng Việt")

    def export(self) -> str:
        stream = StringIO()
        export_jsonl(stream)
        return stream.getvalue()

    def snapshot(self):
        return {str(a.uid): article_to_json(a) for a in articles_for_export()}

    def test_the_round_trip_reproduces_every_article(self):
        before = self.snapshot()
        path = write_temp(self, self.export(), ".jsonl")
        Article.objects.all().delete()
        Category.objects.filter(parent__isnull=False).delete()
        for model in (Photo, Tag, Category, Source):
            model.objects.all().delete()
        stdout, _stderr = run_import(path)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 0")
        self.assertEqual(self.snapshot(), before)
        article = Article.objects.get(uid=self.bilingual.uid)
        self.assertEqual(article.category.parent.name_en, "Viet Nam")
        self.assertEqual(article.hero_photo.caption_en, "Main photo")
        self.assertEqual(article.view_count_vi, 42)

    def test_photos_brought_back_from_their_stored_files_get_their_renditions(self):
        path = write_temp(self, self.export(), ".jsonl")
        Article.objects.all().delete()
        Photo.objects.all().delete()  # the files stay (removed on commit, which a test never reaches)
        with self.captureOnCommitCallbacks(execute=True):
            run_import(path)
        photos = Photo.objects.exclude(image="")
        self.assertEqual(photos.count(), 2)
        for photo in photos:
            self.assertTrue(photo.renditions.exists(), photo.image.name)

    def test_importing_the_export_again_changes_nothing(self):
        path = write_temp(self, self.export(), ".jsonl")
        stdout, _stderr = run_import(path)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 2, failed 0")
        self.assertEqual(Article.objects.count(), 2)
        self.assertEqual(Photo.objects.count(), 2)

    def test_a_changed_line_updates_its_article_only(self):
        lines = self.export().splitlines()
        data = json.loads(lines[0])
        data["versions"]["en"]["title"] = "Rice exports climb again"
        lines[0] = json.dumps(data, ensure_ascii=False)
        stdout, _stderr = run_import(write_temp(self, "\n".join(lines), ".jsonl"))
        self.assertEqual(summary(stdout), "created 0, updated 1, unchanged 1, failed 0")
        self.bilingual.refresh_from_db()
        self.assertEqual(self.bilingual.title_en, "Rice exports climb again")
        self.assertEqual(self.bilingual.slug_en, "rice-exports-climb", "a published slug stays")

    def test_a_dry_run_writes_no_row_and_no_file(self):
        lines = self.export().splitlines()
        for line in list(lines):
            data = json.loads(line)
            data["uid"] = f"00000000-0000-4000-8000-{len(line):012d}"
            data["external_id"] = "other:" + data["uid"]
            data["versions"]["vi"]["slug"] = ""
            lines.append(json.dumps(data, ensure_ascii=False))
        path = write_temp(self, "\n".join(lines), ".jsonl")
        counts = [model.objects.count() for model in (Article, Photo, Tag, Category, Source, ArticlePhoto)]
        files = media_files()
        stdout, _stderr = run_import(path, dry_run=True)
        self.assertIn("Dry run: nothing was saved.", stdout)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 2, failed 0")
        self.assertEqual(
            [model.objects.count() for model in (Article, Photo, Tag, Category, Source, ArticlePhoto)], counts
        )
        self.assertEqual(media_files(), files)


class JsonLinesErrorTests(TestCase):
    def test_bad_lines_are_reported_with_their_number_and_the_rest_imported(self):
        good = make_article(title_en="Good story")
        stream = StringIO()
        export_jsonl(stream)
        Article.objects.all().delete()
        content = "\n".join(
            [
                stream.getvalue().strip(),
                '{"newsroom": 1, "versions": {"en": {"title": "Trunc',
                '{"something": "else"}',
                "",
            ]
        )
        stdout, stderr = run_import(write_temp(self, content, ".jsonl"), expect_failure=True)
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 2")
        self.assertIn("line 2: not valid JSON", stderr)
        self.assertIn("line 3: not a Newsroom article line", stderr)
        self.assertTrue(Article.objects.filter(uid=good.uid).exists())

    def test_a_clash_inside_a_batch_fails_only_the_item_that_clashes(self):
        def line(uid, external_id, title):
            version = {"title": title, "status": "published"}
            return json.dumps(
                {"newsroom": 1, "uid": uid, "external_id": external_id, "versions": {"en": version}}
            )

        content = "\n".join(
            [
                line("11111111-1111-4111-8111-111111111111", "wire:1", "First"),
                line("22222222-2222-4222-8222-222222222222", "wire:2", "Second"),
                line("33333333-3333-4333-8333-333333333333", "wire:2", "Third reuses the second's id"),
                line("not-a-uuid", "wire:4", "Fourth"),
            ]
        )
        stdout, stderr = run_import(write_temp(self, content, ".jsonl"), expect_failure=True)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 2")
        self.assertIn("line 3:", stderr)
        self.assertIn("line 4: the uid 'not-a-uuid' is not a UUID", stderr)
        self.assertEqual(sorted(Article.objects.values_list("title_en", flat=True)), ["First", "Second"])

    def test_invalid_utf8_fails_that_line_only(self):
        make_article(title_en="Fine")
        stream = StringIO()
        export_jsonl(stream)
        Article.objects.all().delete()
        content = stream.getvalue().encode() + b'{"newsroom": 1, "versions": {"en": {"title": "\xff\xfe"}}}\n'
        stdout, stderr = run_import(write_temp(self, content, ".jsonl"), expect_failure=True)
        self.assertEqual(summary(stdout), "created 1, updated 0, unchanged 0, failed 1")
        self.assertIn("line 2: not valid UTF-8", stderr)

    def test_hostile_text_is_neutralised(self):
        line = {
            "newsroom": 1,
            "uid": "11111111-1111-4111-8111-111111111111",
            "versions": {
                "en": {
                    "title": "<script>alert(1)</script>Headline <b onmouseover=x()>bold</b>",
                    "lead": "Lead <img src=x onerror=alert(1)>",
                    "body": '<p onclick="x()">Body <a href="javascript:alert(1)">link</a></p>'
                    "<script>x()</script>",
                    "status": "published",
                }
            },
            "photos": [{"caption": {"en": "<script>bad()</script>Caption"}, "paragraph": 0}],
        }
        run_import(write_temp(self, json.dumps(line), ".jsonl"))
        article = Article.objects.get()
        self.assertEqual(article.title_en, "Headline bold")
        self.assertEqual(article.lead_en, "Lead")
        self.assertNotIn("onclick", article.body_en)
        self.assertNotIn("javascript:", article.body_en)
        self.assertNotIn("script", article.body_en)
        self.assertEqual(article.hero_photo.caption_en, "Caption")


class ExportCommandTests(TestCase):
    def test_export_to_a_file_and_ninjs(self):
        make_article(title_vi="Tin tiếng Việt", title_en="English news")
        path = write_temp(self, "", ".jsonl")
        call_command("export_articles", output=str(path), stdout=StringIO(), stderr=StringIO())
        self.assertEqual(len(path.read_text().splitlines()), 1)
        stream = StringIO()
        call_command("export_articles", format="ninjs", base_url="https://news.example.org", stdout=stream,
                     stderr=StringIO())  # fmt: skip
        items = [json.loads(line) for line in stream.getvalue().splitlines()]
        self.assertEqual({item["language"] for item in items}, {"vi", "en"})
        english = next(item for item in items if item["language"] == "en")
        self.assertEqual(english["headlines"][0]["value"], "English news")
        self.assertEqual(english["bodies"][0]["contenttype"], "text/html")
        self.assertTrue(english["renditions"][0]["href"].startswith("https://news.example.org/en/"))
