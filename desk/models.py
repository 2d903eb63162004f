from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PreviewKey(models.Model):
    """
    The key an article's preview links are signed with (``desk.preview``):
    revoking its previews gives it a new one, which voids every link given
    out before. An article never revoked has none, and its links sign an empty key.
    """

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preview_key",
    )
    key = models.CharField(_("key"), max_length=32)
    revoked_at = models.DateTimeField(_("links revoked"), auto_now=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("preview key")
        verbose_name_plural = _("preview keys")

    def __str__(self):
        return str(self.revoked_at)
