"""The feeds the site takes continuously: where they are, how they are read, how polling went."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Status
from categories.models import Category


class Feed(models.Model):
    class Format(models.TextChoices):
        AUTO = "auto", _("Tell by content")
        RSS = "rss", "RSS"
        ATOM = "atom", "Atom"
        NEWSML = "newsml", "NewsML-G2"
        NINJS = "ninjs", "ninjs"

    class Language(models.TextChoices):
        AUTO = "auto", _("As the feed says, else as its text reads")
        VI = "vi", _("Vietnamese")
        EN = "en", _("English")

    name = models.CharField(_("name"), max_length=120, unique=True)
    url = models.URLField(_("address"), max_length=1000, help_text=_("The feed's http(s) address."))
    format = models.CharField(_("format"), max_length=8, choices=Format.choices, default=Format.AUTO)
    language = models.CharField(_("language"), max_length=4, choices=Language.choices, default=Language.AUTO)
    category = models.ForeignKey(
        Category,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Put every item of this feed in this section (empty: as the items say)."),
    )
    status = models.CharField(
        _("status of new items"),
        max_length=12,
        choices=[(s, s.label) for s in (Status.REVIEW, Status.DRAFT, Status.PUBLISHED)],
        default=Status.REVIEW,
        help_text=_(
            "In review: the desk decides what goes live. Published: every new item goes live at once."
        ),
    )
    poll_minutes = models.PositiveIntegerField(_("poll every (minutes)"), default=10)
    active = models.BooleanField(_("active"), default=True)
    username = models.CharField(
        _("user name"),
        max_length=200,
        blank=True,
        help_text=_("For a feed behind HTTP basic authentication."),
    )
    password = models.CharField(_("password"), max_length=500, blank=True)

    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, editable=False, db_index=True)
    items_created = models.PositiveIntegerField(_("items created"), default=0, editable=False)
    items_updated = models.PositiveIntegerField(_("items updated"), default=0, editable=False)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["name"]

    def __str__(self):
        return self.name
