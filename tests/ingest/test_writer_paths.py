"""A new article is the same whichever way the importer writes it: a batch at a time or one by one."""

from datetime import UTC, datetime

from django.db import transaction
from django.test import TestCase
from reversion.models import Version

from articles.models import Article, Status
from ingest.records import ArticleRecord, PhotoRecord, VersionRecord
from ingest.writer import ArticleWriter, ImportOptions, ItemRejected, Outcome

WHEN = datetime(2026, 1, 12, 8, 30, tzinfo=UTC)
#: What differs between two copies of one record by nature: identities, slugs, times of writing.
OWN = {"id", "uid", "external_id", "slug", "slug_vi", "slug_en", "created_at", "updated_at"}
#: A photo's and a tag's link to their article.
LINKS = {"article_id", "content_object_id"}


def record(external_id: str, **fields) -> ArticleRecord:
    return ArticleRecord(
        external_id=external_id,
        versions={
            "vi": VersionRecord(
                title="Hợp tác hữu nghị giữa hai tỉnh biên giới",
                lead="Hai tỉnh ký thỏa thuận.",
                body="<p>Đoạn một.</p><script>x()</script><p>Đoạn hai.</p><p>Đoạn ba.</p>",
                status=Status.PUBLISHED,
                published_at=WHEN,
            ),
            "en": VersionRecord(
                title="Two border provinces sign a friendship agreement",
                lead="The provinces signed an agreement.",
                body="<p>One.</p><p>Two.</p><p>Three.</p>",
                status=Status.REVIEW,
            ),
        },
        original_language="vi",
        category=["Biên giới"],
        tags=["Hữu nghị", "Biên giới"],
        photos=[
            PhotoRecord(
                url="https://example.org/a.jpg", caption={"vi": "Lễ ký", "en": "The signing"}, paragraph=0
            ),
            PhotoRecord(
                url="https://example.org/b.jpg", caption={"vi": "Cửa khẩu", "en": "The border"}, paragraph=2
            ),
        ],
        **fields,
    )


def history(article: Article) -> dict:
    """Its status history, its revisions' contents (without what differs by nature) and its edit version."""
    return {
        "changes": sorted(
            (c.language, c.old_status, c.new_status, c.published_at, c.changed_by_id)
            for c in article.status_changes.all()
        ),
        "revisions": [
            sorted(_content(version, article) for version in found.revision.version_set.all())
            for found in Version.objects.get_for_object(article)
        ],
        "edit_version": article.edit_version,
    }


def _content(version: Version, article: Article) -> tuple:
    fields = sorted(
        (name, value == article.pk if name in LINKS else str(value))
        for name, value in version.field_dict.items()
        if name not in OWN
    )
    return (version.content_type.model, version.format, version.db, version.object_repr, fields)


class BatchAndOneByOneTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        writer = ArticleWriter(ImportOptions())
        results = writer.write_batch([record("batch:1")])
        assert results[0].outcome == Outcome.CREATED, results
        with transaction.atomic():
            assert writer.write(record("single:1")).outcome == Outcome.CREATED
        cls.batch = Article.objects.get(external_id="batch:1")
        cls.single = Article.objects.get(external_id="single:1")

    def test_both_have_the_same_status_history_first_revision_and_edit_version(self):
        self.assertEqual(history(self.batch), history(self.single))

    def test_the_history_is_that_of_a_new_article(self):
        found = history(self.batch)
        self.assertEqual(
            [change[:3] for change in found["changes"]],
            [("en", "", Status.REVIEW), ("vi", "", Status.PUBLISHED)],
        )
        self.assertEqual(found["edit_version"], 1)
        (revision,) = found["revisions"]
        self.assertEqual(
            [model for model, *_rest in revision],
            ["article", "articlephoto", "articlephoto", "taggedarticle", "taggedarticle"],
        )

    def test_the_revision_holds_the_article_as_saved(self):
        (version,) = Version.objects.get_for_object(self.batch)
        saved = version.field_dict
        self.assertEqual(saved["body_vi"], "<p>Đoạn một.</p><p>Đoạn hai.</p><p>Đoạn ba.</p>")
        self.assertEqual(saved["slug_vi"], self.batch.slug_vi)
        self.assertEqual(self.batch.translation_base, self.single.translation_base)
        self.assertTrue(self.batch.translation_base)


class CaptionRuleTests(TestCase):
    def test_a_version_cannot_go_live_with_a_photo_captioned_in_the_other_language_only(self):
        uncaptioned = record("batch:bad")
        uncaptioned.versions["en"].status = Status.PUBLISHED
        uncaptioned.photos[1] = PhotoRecord(url="https://example.org/c.jpg", caption={"vi": "Chỉ tiếng Việt"})
        results = ArticleWriter(ImportOptions()).write_batch([record("batch:good"), uncaptioned])

        self.assertEqual(results[0].outcome, Outcome.CREATED)
        self.assertIsInstance(results[1], ItemRejected)
        self.assertIn("“Chỉ tiếng Việt”", str(results[1]), "the message names the photo")
        self.assertFalse(Article.objects.filter(external_id="batch:bad").exists())
        good = Article.objects.get(external_id="batch:good")
        self.assertEqual((good.edit_version, good.status_changes.count()), (1, 2))
