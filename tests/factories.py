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


def picture_upload(name: str, palette: str = "sea", size=(800, 450)) -> SimpleUploadedFile:
    """A landscape drawn with Pillow, big enough to have several renditions."""
    from demo.pictures import draw_picture

    return SimpleUploadedFile(name, draw_picture(name, palette, size=size), content_type="image/jpeg")


def make_site() -> dict:
    """
    A small but complete site: the footer, two pages, a section with a
    subsection, and articles in Vietnamese, English and both, in several
    formats, with photos, captions, credits and tags. Returns the main rows by name.
    """
    from articles.models import ArticlePhoto, DailyReads, Format
    from media.services import photo_make_renditions
    from pages.models import Page, SiteSettings

    SiteSettings.objects.create(
        organisation_name_vi="Liên hiệp Hữu nghị Thử nghiệm",
        organisation_name_en="Test Friendship Union",
        address_vi="Số 1 phố Thử, Hà Nội",
        address_en="1 Test Street, Ha Noi",
        phone="+84 24 0000 0000",
        email="news@example.org",
        copyright_vi="Bản quyền thuộc Liên hiệp Hữu nghị Thử nghiệm",
        copyright_en="Copyright by the Test Friendship Union",
    )
    Page.objects.create(
        title_vi="Giới thiệu", title_en="About Us", body_vi="<p>Về chúng tôi.</p>", body_en="<p>About us.</p>"
    )
    Page.objects.create(
        title_vi="Liên hệ", title_en="Contact", body_vi="<p>Liên hệ.</p>", body_en="<p>Contact us.</p>"
    )
    vna = make_source(name_vi="TTXVN", name_en="VNA", slug="vna")
    vgp = make_source(name_vi="VGP", name_en="VGP", slug="vgp")
    diplomacy = make_category(name_vi="Ngoại giao và Hội nhập", name_en="Diplomacy and Integration")
    viet_nam = make_category(name_vi="Việt Nam", name_en="Viet Nam", menu_order=2)
    economy = make_category(name_vi="Kinh tế", name_en="Economy", parent=viet_nam)
    friendship = make_tag(name_vi="Hữu nghị", name_en="Friendship")
    sea = make_tag(name_vi="Biển đảo", name_en="")
    body_vi = "".join(
        f"<p>Đoạn thứ {n} của bài viết về hợp tác hữu nghị giữa hai nước.</p>" for n in range(1, 6)
    )
    body_en = "".join(
        f"<p>Paragraph {n} of the story on friendship between the two countries.</p>" for n in range(1, 6)
    )
    main = make_article(
        category=diplomacy,
        source=vna,
        title_vi="Lãnh đạo các nước chúc mừng Đại hội",
        title_en="Foreign leaders congratulate the Congress",
        lead_vi="Lãnh đạo nhiều nước đã gửi điện mừng.",
        lead_en="Leaders of many countries sent their congratulations.",
        body_vi=body_vi,
        body_en=body_en,
        byline_vi="Minh Anh",
        byline_en="Minh Anh",
        featured=True,
    )
    hero = make_photo(
        image=picture_upload("hero.jpg"),
        caption_vi="Ảnh chính của bài",
        caption_en="The main photo",
        credit=vna,
    )
    inline = make_photo(
        image=picture_upload("inline.jpg", "forest"),
        caption_vi="Tại phiên họp",
        caption_en="At the meeting",
        credit=vgp,
    )
    main.hero_photo = hero
    main.save()
    ArticlePhoto.objects.create(article=main, photo=hero, position=0)
    ArticlePhoto.objects.create(article=main, photo=inline, position=1, paragraph=2)
    main.tags.add(friendship, sea)
    vietnamese_only = make_article(
        languages=["vi"], category=economy, title_vi="Xuất khẩu gạo tăng mạnh", source=vgp, featured=True
    )
    vietnamese_only.tags.add(friendship)
    english_only = make_article(
        languages=["en"], category=economy, title_en="Coffee harvest begins in the highlands"
    )
    english_only.tags.add(friendship)
    video = make_article(
        category=viet_nam,
        format=Format.VIDEO,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title_vi="Video: Mùa cà phê",
        title_en="Video: The coffee season",
    )
    photo_story = make_article(
        category=viet_nam, format=Format.PHOTO, title_vi="Ảnh: Lễ hội", title_en="Photos: The festival"
    )
    for n, palette in enumerate(("dawn", "festival", "harbour")):
        photo = make_photo(
            image=picture_upload(f"festival-{n}.jpg", palette), caption_vi=f"Ảnh {n}", caption_en=f"Photo {n}"
        )
        ArticlePhoto.objects.create(article=photo_story, photo=photo, position=n)
        if n == 0:
            photo_story.hero_photo = photo
            photo_story.save()
    infographic = make_article(
        category=viet_nam,
        format=Format.INFOGRAPHIC,
        title_vi="Đồ họa: Dân số",
        title_en="Infographic: Population",
    )
    megastory = make_article(
        category=viet_nam,
        format=Format.MEGASTORY,
        title_vi="Hành trình dài",
        title_en="A long journey",
        body_vi="<h2>Phần một</h2>" + body_vi,
        body_en="<h2>Part one</h2>" + body_en,
    )
    # Uploaded photos have their renditions, made by a background task: so do these.
    for photo in (hero, inline, *(item.photo for item in photo_story.article_photos.all())):
        photo_make_renditions(photo=photo)
    today = timezone.localdate()
    for article, reads in ((main, 50), (vietnamese_only, 30), (video, 10)):
        DailyReads.objects.create(article=article, language="vi", day=today, count=reads)
    DailyReads.objects.create(article=main, language="en", day=today, count=20)
    return {
        "main": main, "vietnamese_only": vietnamese_only, "english_only": english_only,
        "video": video, "photo_story": photo_story, "infographic": infographic, "megastory": megastory,
        "diplomacy": diplomacy, "viet_nam": viet_nam, "economy": economy,
        "friendship": friendship, "sea": sea,
    }  # fmt: skip


def exif_jpeg_bytes(size=(40, 30)) -> bytes:
    """A phone's JPEG: camera make and model, a GPS position, and EXIF orientation "turn 90° to show"."""
    image = Image.new("RGB", size, "#aa3322")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0110] = "SecretCam 3000"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° to display
    exif.get_ifd(0x8825)[2] = (21.0, 1.0, 30.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png_claiming(size) -> bytes:
    """A tiny PNG whose header claims ``size`` pixels: a decompression bomb without the memory to make one."""
    import struct
    import zlib

    data = bytearray(image_bytes(size=(1, 1), fmt="PNG"))
    # The header chunk follows the 8-byte signature: length, "IHDR", width, height... then its CRC.
    struct.pack_into(">II", data, 16, *size)
    struct.pack_into(">I", data, 29, zlib.crc32(data[12:29]))
    return bytes(data)
