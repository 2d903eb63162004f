from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.views import exception_handler


def handle_exception(exc, context):
    """DRF's answers to errors, each with a ``detail`` sentence; a bad query lists its ``errors`` too."""
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"query": response.data}
        response.data = {"detail": str(_("Some query parameters are not valid.")), "errors": errors}
    return response
