from django import forms
from django.contrib.admin.widgets import AdminIntegerFieldWidget
from django.core.exceptions import ValidationError

from .models import Photo
from .services import PHOTO_FIELDS, ImageRejected, PhotoAccess, clean_upload, refusal_message


class PhotoImageField(forms.FileField):
    """
    An image upload checked by ``clean_upload``; its cleaned value is the
    re-encoded copy. A FileField underneath, as Django's ImageField would read
    the whole file before the size check, then only ``verify()`` it.
    """

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        try:
            return clean_upload(upload)
        except ImageRejected as error:
            raise ValidationError(str(error), code="invalid_image") from error


class PhotoForm(forms.ModelForm):
    """
    A photo as editors change it: the uploaded image is checked and re-encoded
    before it is stored. ``PhotoAdmin.get_form`` sets ``access``, what the
    person may change (the rest is shown read-only, and refused when a post
    changes it all the same), and ``storage_error``, why an earlier attempt
    to save this very post could not store its image.
    """

    access: PhotoAccess | None = None
    storage_error: ImageRejected | None = None

    class Meta:
        model = Photo
        fields = ["image", "caption", "alt_text", "credit", "focal_x", "focal_y"]
        field_classes = {"image": PhotoImageField}
        widgets = {
            name: AdminIntegerFieldWidget(attrs={"min": 0, "max": 100}) for name in ("focal_x", "focal_y")
        }

    def clean(self):
        cleaned_data = super().clean()
        if self.access is not None and (refused := self._posted_changes(self.access)):
            raise ValidationError(refusal_message(refused, self.access), code="photo_change_refused")
        if self.storage_error is not None and "image" in self.fields:
            self.add_error("image", ValidationError(str(self.storage_error), code="not_stored"))
        return cleaned_data

    def _posted_changes(self, access: PhotoAccess) -> list[str]:
        """The fields the person may not change that the post changes all the same (a hand-made post)."""
        refused = []
        for name in PHOTO_FIELDS:
            key = self.add_prefix(name)
            if name in access.writable or name in self.fields:
                continue
            if name == "image":
                changed = bool(self.files.get(key)) or bool(self.data.get(f"{key}-clear"))
            elif key in self.data and (field := Photo._meta.get_field(name).formfield()) is not None:
                initial = Photo._meta.get_field(name).value_from_object(self.instance)
                changed = field.has_changed(initial, self.data.get(key))
            else:
                changed = False
            if changed:
                refused.append(name)
        return refused
