"""
A backup restores: ``export_articles`` writes every article, ``flush`` empties the database, and
``import_articles`` of the export brings back each article as it was, in both languages, drafts
too, with its section, tags, source and photos (their texts, credits and very files).
"""

import hashlib
import re
import shutil
import tempfile
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import TransactionTestCase, override_settings

from articles.models import Article, ArticlePhoto, Status
from media.models import Photo
from newsroom.languages import LANGUAGE_CODES

from ..factories import image_upload, make_article, make_category, make_photo, make_source, make_tag
from .helpers import run_import, summary

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def file_digest(photo: Photo) -> str:
    """The SHA-256 of the photo's stored file, read from the media folder ("" without one)."""
    if not photo.image:
        return ""
    with photo.image.open("rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def names(row, field: str = "name") -> tuple:
    return tuple(getattr(row, f"{field}_{code}") or "" for code in LANGUAGE_CODES)


def described(article: Article) -> dict:
    """What a reader or an editor sees of an article, by its uid; row ids left out."""
    versions = {
        code: {
            field: getattr(article, f"{field}_{code}")
            for field in ("title", "lead", "body", "slug", "byline", "status", "published_at")
        }
        | {"url": article.url_in(code) if article.has_language(code) else ""}
        for code in LANGUAGE_CODES
    }
    sections, category = [], article.category
    while category is not None:
        sections.insert(0, (names(category), names(category, "slug"), names(category, "description")))
        category = category.parent
    photos = [
        (
            placed.position,
            placed.paragraph,
            placed.photo_id == article.hero_photo_id,
            str(placed.photo.uid),
            names(placed.photo, "caption"),
            names(placed.photo, "alt_text"),
            (placed.photo.credit.slug, names(placed.photo.credit)) if placed.photo.credit else None,
            (placed.photo.width, placed.photo.height),
            placed.photo.file_hash,
            file_digest(placed.photo),
        )
        for placed in article.article_photos.select_related("photo__credit").order_by("position")
    ]
    return {
        "versions": versions,
        "original_language": article.original_language,
        "format": article.format,
        "featured": article.featured,
        "external_id": article.external_id,
        "sections": sections,
        "tags": sorted((names(tag), names(tag, "slug")) for tag in article.tags.all()),
        "source": (article.source.slug, names(article.source), article.source.url)
        if article.source
        else None,
        "hero": str(article.hero_photo.uid) if article.hero_photo else None,
        "photos": photos,
    }


def everything() -> dict:
    return {str(article.uid): described(article) for article in Article.objects.all()}


class BackupRoundTripTests(TransactionTestCase):
    maxDiff = None

    def setUp(self):
        self.media_root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.enterContext(override_settings(MEDIA_ROOT=self.media_root))
        self.folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.backup = self.folder / "articles.jsonl"
        world = make_category(name_vi="Thế giới", name_en="World", description_vi="Tin quốc tế.")
        asean = make_category(name_vi="Đông Nam Á", name_en="Southeast Asia", parent=world)
        vna = make_source(name_vi="Thông tấn xã Việt Nam", name_en="Vietnam News Agency", slug="ttxvn")
        credit = make_source(name_vi="Ảnh: Lê Minh Tâm", name_en="Photo: Le Minh Tam", slug="le-minh-tam")
        hero = make_photo(
            image=image_upload("cầu-hữu-nghị.jpg", size=(120, 80), colour="#aa3322"),
            caption_vi="Người dân đi bộ qua cầu hữu nghị trong ngày thông xe.",
            caption_en="People walk across the friendship bridge on opening day.",
            alt_text_vi="Cây cầu dây văng bắc qua sông",
            alt_text_en="A cable-stayed bridge over the river",
            credit=credit,
        )
        inline = make_photo(
            image=image_upload("lễ-cắt-băng.jpg", size=(90, 60)),
            caption_vi="Lễ cắt băng khánh thành.",
            caption_en="The ribbon is cut.",
        )
        self.published = make_article(
            category=asean,
            source=vna,
            external_id="ttxvn:cau-huu-nghi-2026",
            title_vi="Cầu hữu nghị thứ ba nối đôi bờ sông Mê Kông",
            title_en="A third friendship bridge spans the Mekong",
            lead_vi="Sáng 14/3, cây cầu dài 400 mét đã chính thức thông xe.",
            lead_en="The 400-metre bridge opened on Saturday morning.",
            body_vi="<p>Hàng nghìn người dân đã đến dự lễ.</p><h2>Giao thương</h2><p>Đường ngắn một nửa.</p>",
            body_en="<p>Thousands came to the ceremony.</p><p>Trade routes are halved.</p>",
            byline_vi="Nguyễn Thị Hồng Nhung",
            byline_en="Nguyen Thi Hong Nhung",
            published_at=datetime(2026, 3, 14, 9, 15, tzinfo=HANOI),
            featured=True,
            hero_photo=hero,
        )
        self.published.slug_en = "third-friendship-bridge"  # an editor's own slug
        self.published.save()
        ArticlePhoto.objects.create(article=self.published, photo=hero, position=0, paragraph=0)
        ArticlePhoto.objects.create(article=self.published, photo=inline, position=1, paragraph=1)
        self.published.tags.add(make_tag(name_vi="Hữu nghị Việt – Lào", name_en="Viet Nam – Laos friendship"))
        self.published.tags.add(make_tag(name_vi="Cầu đường", name_en=""))
        self.draft = make_article(
            languages=["vi"],
            category=world,
            status=Status.DRAFT,
            title_vi="Dự thảo: Đoàn thanh niên sang thăm Viêng Chăn",
            lead_vi="Bản nháp, chưa đăng.",
            body_vi="<p>Đoàn gồm ba mươi đại biểu trẻ.</p>",
            byline_vi="Phạm Quang Vinh",
        )
        self.draft.tags.add(make_tag(name_vi="Thanh niên", name_en="Youth"))
        only_vietnamese = make_photo(caption_vi="Các đại biểu trẻ ở sân bay.", caption_en="", credit=None)
        ArticlePhoto.objects.create(article=self.draft, photo=only_vietnamese, position=0, paragraph=1)

    def export(self) -> None:
        stderr = StringIO()
        call_command("export_articles", output=str(self.backup), stderr=stderr)
        self.assertIn("Exported 2 articles", stderr.getvalue())
        self.assertIn(
            f"Photo files are not in the export: back up the media folder ({self.media_root})",
            stderr.getvalue(),
        )

    def flush(self) -> None:
        """A fresh database: every row gone, the media folder as it was."""
        call_command("flush", interactive=False, verbosity=0)
        self.assertFalse(Article.objects.exists() or Photo.objects.exists())

    def test_a_restore_brings_back_every_article_as_it_was(self):
        before = everything()
        self.assertEqual(len(before), 2)
        self.assertEqual(self.published.status_en, Status.PUBLISHED)
        self.assertEqual(Article.objects.get(pk=self.draft.pk).status_vi, Status.DRAFT)
        self.export()
        self.flush()
        stdout, stderr = run_import(self.backup)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 0")
        self.assertNotIn("warning:", stderr)
        after = everything()
        for uid, article in before.items():
            with self.subTest(article=article["versions"]["vi"]["title"]):
                self.assertEqual(after[uid], article)
        self.assertEqual(after.keys(), before.keys())
        restored = Article.objects.get(uid=self.published.uid)
        self.assertEqual(restored.url_in("en"), "/en/southeast-asia/third-friendship-bridge/")
        self.assertEqual(self.client.get(restored.url_in("vi")).status_code, 200)
        self.assertEqual(self.client.get(restored.url_in("en")).status_code, 200)

    def test_restoring_the_same_backup_twice_changes_nothing(self):
        self.export()
        self.flush()
        run_import(self.backup)
        restored = everything()
        stdout, _stderr = run_import(self.backup)
        self.assertEqual(summary(stdout), "created 0, updated 0, unchanged 2, failed 0")
        self.assertEqual(everything(), restored)
        self.assertEqual(Photo.objects.count(), 3)

    def test_a_restore_without_the_media_folder_names_each_missing_photo_file(self):
        before = everything()
        files = sorted(Photo.objects.values_list("image", flat=True))
        self.export()
        self.flush()
        saved_media = self.folder / "media"
        shutil.move(self.media_root, saved_media)
        self.media_root.mkdir()
        stdout, stderr = run_import(self.backup)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 0")
        missing = re.findall(r"photo (\S+): the file is not in the media folder", stderr)
        self.assertEqual(sorted(missing), files)
        self.assertFalse(Photo.objects.exclude(image="").exists())
        # With the media folder back, importing the backup again gives the photos their files.
        shutil.rmtree(self.media_root)
        shutil.move(saved_media, self.media_root)
        stdout, stderr = run_import(self.backup)
        self.assertEqual(summary(stdout), "created 0, updated 2, unchanged 0, failed 0")
        self.assertNotIn("warning:", stderr)
        self.assertEqual(everything(), before)
