"""
Image files beside an imported page go through the same checks as uploads
(ingest.photos.attach_file): a camera's multi-picture JPEG is stored as a
JPEG, and one that cannot be stored is a warning that stops nothing else.
"""

import io
import shutil
import tempfile
from pathlib import Path

from PIL import Image

from articles.models import Article
from media.models import Photo

from ..factories import image_bytes
from ..ingest.helpers import run_import, summary
from .base import PhotoTestCase, full_disk
from .images import mpo_bytes


def page_dump(title: str, photo_file: str) -> str:
    """A page dump in English with one photo, named by its file, after the first paragraph."""
    return "\n".join(
        [
            "  • Home",
            "  • Seas and Islands",
            "25/01/2026, 11:56 PM",
            "",
            title,
            "",
            "The new berth lets ferries to the outer islands leave every hour during the summer season.",
            "",
            "Port officials said the berth was built in eleven months and cost less than planned.",
            "",
            photo_file,
            "",
            "A ferry leaves the new berth at dawn (Photo: VNA)",
            "",
            "Passengers welcomed the shorter wait at the quay.",
            "",
            "Copyright by the Example Friendship Union",
        ]
    )


class ImportedPhotoFileTests(PhotoTestCase):
    def setUp(self):
        super().setUp()
        self.folder = Path(tempfile.mkdtemp(prefix="photo-import-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)

    def two_pages(self) -> list[Path]:
        """Two pages, the first with a camera's MPO beside it, the second with a plain JPEG."""
        (self.folder / "stereo-berth.jpg").write_bytes(mpo_bytes(size=(90, 60)))
        (self.folder / "quay.jpg").write_bytes(image_bytes(size=(80, 50)))
        pages = [
            ("a-berth.txt", page_dump("Harbour city opens a new ferry berth", "stereo-berth.jpg")),
            ("b-quay.txt", page_dump("The old quay closes for repairs", "quay.jpg")),
        ]
        for name, text in pages:
            (self.folder / name).write_text(text, encoding="utf-8")
        return [self.folder / name for name, _text in pages]

    def test_a_multi_picture_jpeg_is_stored_as_a_jpeg_of_its_first_picture(self):
        stdout, _stderr = run_import(*self.two_pages())
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 0")
        photo = Article.objects.get(title_en__startswith="Harbour").article_photos.get().photo
        self.assertTrue(photo.image.name.endswith("/stereo-berth.jpg"))
        with Image.open(photo.image.path) as image:
            self.assertEqual((image.format, getattr(image, "n_frames", 1), image.size), ("JPEG", 1, (90, 60)))
            red, _green, blue = image.convert("RGB").getpixel((45, 30))
            self.assertGreater(red, 200, "the first picture (red), not the second (blue)")
            self.assertLess(blue, 40)
            self.assertNotIn("mp", image.info)
        self.assertEqual((photo.width, photo.height), (90, 60))
        other = Article.objects.get(title_en__startswith="The old quay").article_photos.get().photo
        self.assertEqual((other.width, other.height), (80, 50))

    def test_a_full_disk_is_a_warning_per_photo_and_the_run_goes_on(self):
        pages = self.two_pages()
        with full_disk():
            stdout, stderr = run_import(*pages)
        self.assertEqual(summary(stdout), "created 2, updated 0, unchanged 0, failed 0")
        warnings = [line for line in stderr.splitlines() if line.startswith("warning:")]
        self.assertEqual(len(warnings), 2, stderr)
        for warning in warnings:
            self.assertIn("Không lưu được ảnh (No space left on device)", warning)
        self.assertEqual(self.stored_files(), set(), "no partial or empty file left")
        self.assertEqual(Photo.objects.count(), 2)
        self.assertFalse(
            Photo.objects.exclude(image="").exists(), "no row points at a file that is not there"
        )

        # With room on the disk again, a re-run gives the photos their files.
        stdout, _stderr = run_import(*pages)
        self.assertEqual(Photo.objects.exclude(image="").count(), 2)
        for photo in Photo.objects.all():
            with photo.image.open("rb") as stream:
                Image.open(io.BytesIO(stream.read())).load()  # whole, not half a file
