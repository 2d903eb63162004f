"""Background work on photos: making their renditions away from readers' requests."""

from celery import shared_task

from .models import Photo
from .services import photo_make_renditions


@shared_task(ignore_result=True)
def make_renditions(photo_id: int) -> None:
    """Make a photo's missing renditions; nothing for a photo deleted since it was queued."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is not None:
        photo_make_renditions(photo=photo)
