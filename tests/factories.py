"""Small builders for test data: each makes one valid row, overridable by keyword."""

import io
from datetime import timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Source, Status, Tag
from articles.services import article_save
from categories.models import Category
from media.models import Photo

_numbers = count(1)


def image_bytes(*, size=(64, 48), colour="#3366aa", fmt="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="photo.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


def make_category(**fields) -> Category:
    n = next(_numbers)
    fields.setdefault("name_vi", f"Chuyên mục {n}")
    fields.setdefault("name_en", f"Section {n}")
    return Category.objects.create(**fields)


def make_source(**fields) -> Source:
    n = next(_numbers)
    fields.setdefault("name_vi", f"TTXVN {n}")
    fields.setdefault("name_en", f"VNA {n}")
    return Source.objects.create(**fields)


def make_photo(**fields) -> Photo:
    fields.setdefault("image", image_upload())
    fields.setdefault("caption_vi", "Chú thích ảnh")
    fields.setdefault("caption_en", "Photo caption")
    photo = Photo(**fields)
    photo.save()
    return photo


def make_tag(**fields) -> Tag:
    n = next(_numbers)
    fields.setdefault("name_vi", f"Chủ đề {n}")
    fields.setdefault("name_en", f"Topic {n}")
    return Tag.objects.create(**fields)


def make_article(*, languages=("vi", "en"), status=Status.PUBLISHED, published_at=None, **fields) -> Article:
    """
    An article written in ``languages``, each version with ``status`` and
    ``published_at`` (an hour ago by default). Other fields by keyword.
    """
    n = next(_numbers)
    texts = {
        "vi": (f"Bài viết số {n} về hợp tác hữu nghị", "Đoạn mở đầu.", "<p>Đoạn một.</p><p>Đoạn hai.</p>"),
        "en": (
            f"Article number {n} on friendship",
            "The lead.",
            "<p>Paragraph one.</p><p>Paragraph two.</p>",
        ),
    }
    if "category" not in fields:
        fields["category"] = make_category()
    when = published_at or timezone.now() - timedelta(hours=1)
    article = Article(**fields)
    for code in languages:
        title, lead, body = texts[code]
        fields_for_language = {
            f"title_{code}": title,
            f"lead_{code}": lead,
            f"body_{code}": body,
            f"status_{code}": status,
            f"published_at_{code}": when,
        }
        for name, value in fields_for_language.items():
            if name not in fields:
                setattr(article, name, value)
    return article_save(article=article)
