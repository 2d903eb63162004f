from django.core.management import call_command
from django.test import TestCase
from PIL import Image
from reversion.models import Version

from articles.models import Article, Format, Status, Tag
from categories.models import Category
from media.models import Photo, Rendition
from media.services import photo_missing_renditions
from pages.models import Page, SiteSettings


def row_counts():
    return {
        model.__name__: model.objects.count() for model in (Article, Category, Photo, Tag, Page, SiteSettings)
    }


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):  # the tasks the photos queue, inline at commit
            call_command("load_demo", verbosity=0)
        cls.first_counts = row_counts()

    def test_running_it_twice_changes_nothing(self):
        call_command("load_demo", verbosity=0)
        self.assertEqual(row_counts(), self.first_counts)

    def test_the_site_has_the_seed_menu_in_both_languages(self):
        names = set(Category.objects.values_list("name_en", flat=True))
        self.assertTrue({"Peace - Friendship", "Foreign NGOs", "Seas and Islands", "Viet Nam"} <= names)
        self.assertTrue(Category.objects.filter(name_vi="Biển đảo").exists())

    def test_articles_in_one_language_or_both_and_in_every_format(self):
        published_vi = set(Article.objects.published("vi").values_list("pk", flat=True))
        published_en = set(Article.objects.published("en").values_list("pk", flat=True))
        self.assertTrue(published_vi - published_en, "some articles are Vietnamese only")
        self.assertTrue(published_en - published_vi, "some articles are English only")
        self.assertGreater(len(published_vi & published_en), len(published_vi ^ published_en))
        self.assertEqual(set(Article.objects.values_list("format", flat=True)), set(Format.values))
        self.assertTrue(Article.objects.filter(featured=True).exists())

    def test_photos_have_captions_and_credits(self):
        self.assertFalse(Photo.objects.filter(credit__isnull=True).exists())
        photo = Photo.objects.exclude(caption_vi="").first()
        self.assertGreater(photo.width, 0)

    def test_drawn_photos_went_through_the_upload_checks(self):
        photo = Photo.objects.get(external_id="demo:a-laos-youth-border-camp:0")
        with photo.image.open("rb") as stream:
            picture = Image.open(stream)
            # Drawn as a baseline JPEG; clean_image re-encodes uploads progressive.
            self.assertTrue(picture.info.get("progressive"), "re-encoded by media.services.clean_image")
        self.assertEqual((photo.width, photo.height), (1600, 900))
        self.assertEqual(len(photo.file_hash), 40)

    def test_articles_were_imported_with_their_status_history_and_a_first_revision(self):
        article = Article.objects.get(external_id="demo:a-laos-youth-border-camp")
        self.assertEqual(
            sorted(article.status_changes.values_list("language", "new_status")),
            [("en", Status.PUBLISHED), ("vi", Status.PUBLISHED)],
        )
        (version,) = Version.objects.get_for_object(article)
        self.assertEqual(len(version.revision.version_set.all()), 1 + 2 + 2, "the article, 2 photos, 2 tags")
        self.assertEqual(article.edit_version, 1)

    def test_every_photo_has_its_renditions_before_anyone_asks(self):
        photos = Photo.objects.prefetch_related("renditions")
        self.assertEqual([photo for photo in photos if photo_missing_renditions(photo)], [])
        self.assertEqual(Rendition.objects.count(), 6 * photos.count(), "1600 wide: 3 widths, WebP and JPEG")

    def test_the_footer_and_pages_exist_in_both_languages(self):
        site = SiteSettings.load()
        self.assertTrue(site.organisation_name_vi and site.organisation_name_en)
        self.assertEqual(Page.objects.published("en").count(), 2)

    def test_the_demo_site_answers(self):
        for url in ("/vi/", "/en/"):
            self.assertEqual(self.client.get(url).status_code, 200)
        article = Article.objects.published("vi").first()
        self.assertEqual(self.client.get(article.url_in("vi")).status_code, 200)
