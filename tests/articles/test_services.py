"""The rules of saving an article hold on every path, not only in the admin."""

import reversion
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import TestCase
from reversion.models import Version

from articles.models import Article, ArticlePhoto, Status
from articles.services import ArticleDraft, StaleEdit, article_save, articles_create
from tests.factories import make_article, make_category, make_photo, make_tag


class EditLockTests(TestCase):
    def test_a_save_based_on_a_copy_someone_else_saved_since_is_refused(self):
        article = make_article(languages=("vi",))
        opened = article.edit_version
        theirs = Article.objects.get(pk=article.pk)
        theirs.title_vi = "Tiêu đề của người kia"
        article_save(article=theirs, expected_version=opened)

        mine = Article.objects.get(pk=article.pk)
        mine.title_vi = "Tiêu đề của tôi"
        with self.assertRaises(StaleEdit) as refused:
            article_save(article=mine, expected_version=opened)

        self.assertEqual(refused.exception.current_version, opened + 1)
        self.assertEqual(Article.objects.get(pk=article.pk).title_vi, "Tiêu đề của người kia")

    def test_a_save_based_on_the_current_copy_goes_through(self):
        article = make_article(languages=("vi",))
        article.title_vi = "Tiêu đề mới"
        article_save(article=article, expected_version=article.edit_version)
        self.assertEqual(Article.objects.get(pk=article.pk).title_vi, "Tiêu đề mới")


class CaptionRuleTests(TestCase):
    def test_no_save_takes_a_version_live_while_its_photo_is_captioned_in_the_other_language_only(self):
        photo = make_photo(caption_en="")
        article = make_article(status=Status.DRAFT, hero_photo=photo)
        article.status_en = Status.PUBLISHED
        with self.assertRaises(ValidationError) as refused:
            article_save(article=article)

        self.assertIn("status_en", refused.exception.message_dict)
        self.assertEqual(Article.objects.get(pk=article.pk).status_en, Status.DRAFT)

    def test_the_captioned_language_goes_live(self):
        photo = make_photo(caption_en="")
        article = make_article(status=Status.DRAFT, hero_photo=photo)
        article.status_vi = Status.PUBLISHED
        article_save(article=article)
        self.assertEqual(Article.objects.get(pk=article.pk).status_vi, Status.PUBLISHED)


def _new_article(category, **fields) -> Article:
    """An unsaved article, Vietnamese published and English in review."""
    return Article(
        category=category,
        title_vi="Hai tỉnh ký thỏa thuận hữu nghị",
        body_vi="<p>Đoạn một.</p><script>x()</script><p>Đoạn hai.</p>",
        status_vi=Status.PUBLISHED,
        title_en="Two provinces sign a friendship agreement",
        body_en="<p>One.</p><p>Two.</p>",
        status_en=Status.REVIEW,
        **fields,
    )


#: What differs between two copies of one article by nature: identities, slugs, times of writing.
OWN = {
    "id",
    "uid",
    "slug",
    "slug_vi",
    "slug_en",
    "created_at",
    "updated_at",
    "published_at",
    "published_at_vi",
}


def _content(article: Article) -> dict:
    """What a first save leaves, without what differs between two copies by nature (ids, slugs, times)."""
    (version,) = Version.objects.get_for_object(article)
    return {
        "changes": sorted(
            article.status_changes.values_list("language", "old_status", "new_status", "changed_by")
        ),
        "revision": (version.revision.user_id, version.revision.comment),
        "versions": sorted(
            (
                v.content_type.model,
                v.object_repr,
                sorted(
                    (k, val == article.pk if k in ("article_id", "content_object_id") else str(val))
                    for k, val in v.field_dict.items()
                    if k not in OWN
                ),
            )
            for v in version.revision.version_set.all()
        ),
        "edit_version": article.edit_version,
        "translation": (article.translation_base, article.translation_outdated),
    }


class ArticlesCreateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = User.objects.create(username="editor")
        cls.category = make_category()
        cls.photos = [make_photo(), make_photo()]
        cls.tags = [make_tag(), make_tag()]

    def test_a_new_article_is_left_as_article_save_leaves_one_saved_with_its_photos_and_tags(self):
        one = _new_article(self.category, hero_photo=self.photos[0])
        with reversion.create_revision():  # as the admin saves an article with its photo inline and tags
            article_save(article=one, by=self.editor, comment="Imported.")
            ArticlePhoto.objects.create(article=one, photo=self.photos[0], position=0)
            ArticlePhoto.objects.create(article=one, photo=self.photos[1], position=1, paragraph=1)
            one.tags.add(*self.tags)

        (bulk,) = articles_create(
            drafts=[
                ArticleDraft(
                    _new_article(self.category, hero_photo=self.photos[0]),
                    photos=[(self.photos[0].pk, None), (self.photos[1].pk, 1)],
                    tag_ids=[tag.pk for tag in self.tags],
                )
            ],
            by=self.editor,
            comment="Imported.",
        )

        found = _content(Article.objects.get(pk=bulk.pk))
        self.assertEqual(found, _content(Article.objects.get(pk=one.pk)))
        self.assertEqual(
            [model for model, *_rest in found["versions"]],
            ["article"] + ["articlephoto"] * 2 + ["taggedarticle"] * 2,
        )
        self.assertEqual(len(found["changes"]), 2)
        self.assertEqual(bulk.body_vi, "<p>Đoạn một.</p><p>Đoạn hai.</p>")
        self.assertIsNotNone(bulk.published_at_vi)

    def test_slugs_are_unique_within_the_batch_and_against_the_table(self):
        make_article(title_vi="Hai tỉnh ký thỏa thuận hữu nghị", languages=("vi",))
        articles = articles_create(drafts=[ArticleDraft(_new_article(self.category)) for _ in range(2)])
        self.assertEqual(
            [article.slug_vi for article in articles],
            ["hai-tinh-ky-thoa-thuan-huu-nghi-2", "hai-tinh-ky-thoa-thuan-huu-nghi-3"],
        )

    def test_no_version_goes_live_with_a_photo_captioned_in_the_other_language_only(self):
        uncaptioned = make_photo(caption_en="")
        draft = ArticleDraft(_new_article(self.category), photos=[(uncaptioned.pk, 1)])
        draft.article.status_en = Status.PUBLISHED
        with self.assertRaises(ValidationError) as refused:
            articles_create(drafts=[ArticleDraft(_new_article(self.category)), draft])

        self.assertEqual(list(refused.exception.message_dict), ["status_en"])
        self.assertFalse(Article.objects.exists())
