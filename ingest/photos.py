"""
Imported photos: found by identity (our uid, the source's id or address, our
stored file, or their place in the article), filled from their records, placed
in their article, and given their image file through the upload checks.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage

from articles.models import ArticlePhoto
from media.models import Photo
from media.services import ImageRejected, photo_set_image

from .inputs import Input, InputError, download
from .items import Item, caption_language, snapshot
from .names import Names, named, text
from .records import PhotoRecord


def find_photos(
    items: list[Item], *, names: Names, language: str | None
) -> tuple[dict[str, Photo], list[Photo]]:
    """
    Every photo the items name, by identity, filled from its record (captions
    filed under ``language`` when given): found in three queries at most.
    Also returns those to save: the new ones (not saved yet) and the changed ones.
    """
    wanted: dict[str, tuple[Item, PhotoRecord]] = {}
    for item in items:
        for index, record in enumerate(item.record.photos):
            wanted.setdefault(photo_key(item, index, record), (item, record))
    found = {photo.external_id: photo for photo in Photo.objects.filter(external_id__in=list(wanted))}
    uids = [record.uid for _item, record in wanted.values() if record.uid]
    by_uid = {str(photo.uid): photo for photo in Photo.objects.filter(uid__in=uids)} if uids else {}
    stored = [record.stored_file for _item, record in wanted.values() if record.stored_file]
    by_file = {photo.image.name: photo for photo in Photo.objects.filter(image__in=stored)} if stored else {}
    photos, to_save = {}, []
    for key, (item, record) in wanted.items():
        photo = by_uid.get(record.uid) or found.get(key) or by_file.get(record.stored_file)
        if photo is None:
            photo = Photo(external_id=None if key.startswith("file:") else key)
            if record.uid:
                photo.uid = record.uid
        before = snapshot(photo)
        _fill_photo(photo, item, record, names=names, language=language)
        if photo.pk is None or snapshot(photo) != before:
            to_save.append(photo)
        photos[key] = photo
    return photos, to_save


def photo_key(item: Item, index: int, record: PhotoRecord) -> str:
    """A photo's identity: the source's id, its URL, our stored file, or its place in the article."""
    if key := (record.external_id or record.url):
        return key[:500]
    if record.stored_file:
        return f"file:{record.stored_file}"
    owner = item.record.uid or item.record.external_id
    return f"{owner}#photo-{index}-{record.file_name}"[:500]


def _fill_photo(photo: Photo, item: Item, record: PhotoRecord, *, names: Names, language: str | None) -> None:
    for raw, caption in record.caption.items():
        setattr(photo, f"caption_{caption_language(item, raw, language=language)}", text(caption))
    for raw, alt in record.alt_text.items():
        setattr(photo, f"alt_text_{caption_language(item, raw, language=language)}", text(alt)[:300])
    if named(record.credit):
        photo.credit = names.source(record.credit)
    if record.url.lower().startswith(("http://", "https://")) and not photo.image:
        photo.source_url = record.url[:1000]  # where to fetch it from; moot once it has its file
    if record.stored_file and not photo.image and default_storage.exists(record.stored_file):
        photo.image = record.stored_file


def placement(item: Item, photos: dict[str, Photo]) -> tuple[list[tuple[Photo, int | None]], Photo | None]:
    """The item's placed photos in order, as (photo, after paragraph), and its main photo."""
    placed, marked_hero, first_at_top = [], None, None
    for index, record in enumerate(item.record.photos):
        photo = photos[photo_key(item, index, record)]
        if record.hero and marked_hero is None:
            marked_hero = photo
        if record.paragraph == 0 and first_at_top is None:
            first_at_top = photo
        if record.placed and all(photo.pk != other.pk for other, _paragraph in placed):
            placed.append((photo, record.paragraph))
    return placed, marked_hero or first_at_top


def place_photos(article, placed: list[tuple[Photo, int | None]], *, created: bool) -> bool:
    """Make the article's placed photos exactly these; return whether that changed anything."""
    wanted = [(photo.pk, position, paragraph) for position, (photo, paragraph) in enumerate(placed)]
    if not created:
        current = list(article.article_photos.values_list("photo_id", "position", "paragraph"))
        if current == wanted:
            return False
        article.article_photos.all().delete()
    ArticlePhoto.objects.bulk_create(
        ArticlePhoto(article=article, photo_id=photo_id, position=position, paragraph=paragraph)
        for photo_id, position, paragraph in wanted
    )
    return True


def needs_files(item: Item, origin: Input | None, *, fetch: bool) -> bool:
    """Whether writing the item means reading or fetching image files (done one item at a time)."""
    for record in item.record.photos:
        if fetch and record.url:
            return True
        if (
            record.file_name
            and origin
            and origin.base_dir
            and (origin.base_dir / Path(record.file_name).name).is_file()
        ):
            return True
        if record.stored_file and not default_storage.exists(record.stored_file):
            return True  # to be fetched, or reported missing
    return False


def attach_file(
    photo: Photo, record: PhotoRecord, origin: Input | None, *, fetch: bool, warnings: list
) -> bool:
    """
    Give a photo its image: a file next to the input, or (when ``fetch``) its
    URL. One unreadable, refused or not stored (a full disk: PhotoNotStored is
    an ImageRejected) is a warning: the photo stays as it was, without a
    file, and the import goes on with the next. So is a stored file our
    export names that the media folder lacks (a backup restored without it).
    """
    try:
        if record.file_name and origin and origin.base_dir:
            candidate = origin.base_dir / Path(record.file_name).name
            if candidate.is_file():
                try:
                    data = candidate.read_bytes()
                except OSError as error:
                    warnings.append(f"photo {record.file_name}: cannot read it ({error.strerror or error})")
                    return False
                photo_set_image(photo=photo, data=data, name=candidate.name)
                return True
        if fetch and photo.source_url:
            with tempfile.TemporaryFile() as buffer:
                download(photo.source_url, buffer, max_bytes=settings.NEWSROOM_MAX_UPLOAD_SIZE)
                buffer.seek(0)
                name = Path(photo.source_url.split("?")[0]).name or "photo"
                photo_set_image(photo=photo, data=buffer.read(), name=name)
            return True
    except (ImageRejected, InputError) as error:
        warnings.append(f"photo {photo.source_url or record.file_name}: {error}")
        return False
    if record.stored_file:
        warnings.append(
            f"photo {record.stored_file}: the file is not in the media folder; "
            "put the media folder back from the backup and import again."
        )
    return False
