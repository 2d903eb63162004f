from django import forms
from django.contrib.admin.widgets import AdminIntegerFieldWidget
from django.core.exceptions import ValidationError

from .models import Photo
from .services import ImageRejected, clean_upload


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
    before it is stored. ``PhotoAdmin.get_form`` sets ``storage_error``, why
    an earlier attempt to save this very post could not store its image.
    """

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
        if self.storage_error is not None and "image" in self.fields:
            self.add_error("image", ValidationError(str(self.storage_error), code="not_stored"))
        return cleaned_data
