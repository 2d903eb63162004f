"""The photo admin's tests: an editor logged in, in English, storing files in a folder of the test's own."""

import errno
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage
from django.test import TestCase, override_settings


def photo_form_data(upload=None, **fields) -> dict:
    """What the photo form posts: no caption or alt text, the focal point in the middle, then ``fields``."""
    data = {
        "caption_vi": "",
        "caption_en": "",
        "alt_text_vi": "",
        "alt_text_en": "",
        "credit": "",
        "focal_x": 50,
        "focal_y": 50,
        **fields,
    }
    if upload is not None:
        data["image"] = upload
    return data


class PhotoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")

    def setUp(self):
        self.media_root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.enterContext(override_settings(MEDIA_ROOT=self.media_root))
        self.client.force_login(self.editor)
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def stored_files(self) -> set[str]:
        """Every file under MEDIA_ROOT, as storage names."""
        return {
            path.relative_to(self.media_root).as_posix()
            for path in self.media_root.rglob("*")
            if path.is_file()
        }


class FullDiskStorage(FileSystemStorage):
    """A disk that fills up while a file is written: half of it lands, then "No space left on device"."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = b"".join(content.chunks())
        with path.open("xb") as stream:
            stream.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def full_disk():
    """Settings whose default storage is a full disk (``FullDiskStorage``)."""
    storages = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}
    return override_settings(STORAGES=storages)
