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


class DeskLimits(models.Model):
    """
    Where one person may work: some sections only (each with the sections inside it), and
    one language only. No row, no sections or no language: anywhere, in either language.
    Enforced on the server (desk.roles) for forms, actions and the wire queue.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="desk_limits",
    )
    sections = models.ManyToManyField(
        "categories.Category",
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_(
            "Writes, edits and publishes only here (and in the sections inside). Empty: every section."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Works on this language version only. Empty: both."),
    )

    class Meta:
        verbose_name = _("desk limits")
        verbose_name_plural = _("desk limits")

    def __str__(self):
        return str(self.user)


class Assignment(models.Model):
    """Who writes (or translates) one language version of an article, and who reviews it."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="assignments"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        help_text=_("Empty: the section's desk (its editors) reviews it."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="assignment_article_language_unique")
        ]

    def __str__(self):
        return f"{self.article} ({self.language})"


class EditorialNote(models.Model):
    """A note on an article for the desk, never shown to readers: who wrote it and when."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="editorial_notes",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    text = models.TextField(_("note"), max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("editorial note")
        verbose_name_plural = _("editorial notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class Notification(models.Model):
    """Something the desk tells one person (an assignment, a hand-in), in the admin and by email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="desk_notifications",
    )
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("address"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_unread_idx")]

    def __str__(self):
        return self.text
