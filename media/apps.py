from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("Photos")

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete

        from newsroom import pagecache

        from .models import Photo, Rendition
        from .services import make_requested_renditions, start_requested_renditions

        pagecache.watch(Photo, Rendition)  # captions, credits, and new renditions for srcset

        # Without a broker, the renditions a page asks for are made once its response has gone.
        request_started.connect(start_requested_renditions, dispatch_uid="media_start_requested_renditions")
        request_finished.connect(make_requested_renditions, dispatch_uid="media_requested_renditions")
        post_delete.connect(_remove_files, sender="media.Photo", dispatch_uid="media_photo_files")
        post_delete.connect(_remove_files, sender="media.Rendition", dispatch_uid="media_rendition_files")


def _remove_files(sender, instance, **kwargs):
    """A deleted photo or rendition takes its file with it, once the deletion is committed."""
    from .services import remove_file_on_commit

    field_file = instance.image if sender._meta.model_name == "photo" else instance.file
    if field_file:
        remove_file_on_commit(storage=field_file.storage, name=field_file.name)
