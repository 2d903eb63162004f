"""
The feeds the site takes continuously (where they are, how they are read, how polling
went) and the wire: what arrived from outside (feeds, wire files, page dumps) for the
desk to accept, publish or reject.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Source, Status
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
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Credited to items that name no source of their own."),
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


class Flag(models.TextChoices):
    """What the desk must see to before a wire item goes live."""

    LANGUAGE = "language", _("Language to check")
    DATE_NEEDED = "date_needed", _("Date needed")
    TITLE_NEEDED = "title_needed", _("Title needed")


#: Flags that keep an item from being published until someone has opened and fixed it.
BLOCKING_FLAGS = (Flag.DATE_NEEDED, Flag.TITLE_NEEDED)


class WireItem(models.Model):
    """
    One item that arrived from outside, as the desk sees it: waiting, then accepted (taken
    to edit), published or rejected. A rejected item's article is deleted and its identity
    kept here, so that no later poll or import brings it back. A later copy of an item the
    desk has already changed waits in ``pending`` to be compared and applied.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    key_kind = models.CharField(max_length=12, editable=False)  # "uid" or "external_id"
    key = models.CharField(max_length=500, editable=False)
    feed = models.ForeignKey(
        Feed,
        verbose_name=_("feed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wire_item",
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.WAITING)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    notes = models.TextField(_("notes from the import"), blank=True)
    arrived_at = models.DateTimeField(_("arrived"), auto_now_add=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    #: A later copy not applied because the desk had changed the article: language ->
    #: {"title", "lead", "body", "byline", "published_at"}.
    digest = models.CharField(max_length=64, blank=True, editable=False)  # of the last copy seen
    pending = models.JSONField(_("update waiting"), null=True, blank=True, editable=False)
    pending_at = models.DateTimeField(_("update arrived"), null=True, blank=True)

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire")
        ordering = ["-arrived_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["key_kind", "key"], name="wire_item_key_unique")]
        indexes = [models.Index(fields=["state", "-arrived_at"], name="wire_item_state_arrived")]

    def __str__(self):
        return self.title

    @property
    def blocked(self) -> list[str]:
        """The labels of the flags that keep it from being published from the queue."""
        return [Flag(flag).label for flag in self.flags if flag in BLOCKING_FLAGS]
