import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from media.videos import validate_video, video_upload_to
from newsroom.languages import LANGUAGE_CODES, localized, localized_text
from newsroom.richtext import sanitize_html, validate_no_markup
from newsroom.text import fill_slug, slugify_vi

from .querysets import ArticleQuerySet, Format, State, Status

#: Second URL segments the site uses itself ("<section>/feed/"): no article may take them.
RESERVED_SLUGS = frozenset({"feed", "bilingual"})


class Source(models.Model):
    """A news agency or outlet credited for articles and photos: "VNA" in English is "TTXVN"."""

    name = models.CharField(
        _("name"),
        max_length=120,
        validators=[validate_no_markup],
        help_text=_("As readers of this language know it."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        blank=True,
        help_text=_("A short ASCII key used by imports and exports. Left blank, it is made from the name."),
    )
    url = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["slug"]

    def __str__(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        return localized_text(self, "name", language) or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            name = self.name_en or self.name_vi or ""
            self.slug = slugify_vi(name, max_length=60) or None
        super().save(*args, **kwargs)


class Tag(TagBase):
    """A topic shared by both language versions, named in each language."""

    # TagBase makes both unique across all rows; ours are unique per language.
    name = models.CharField(_("name"), max_length=100, validators=[validate_no_markup])
    slug = models.SlugField(_("slug"), max_length=100, blank=True, db_index=False)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=[f"slug_{code}"], name=f"tag_slug_{code}_unique")
            for code in LANGUAGE_CODES
        ]

    def __str__(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        return localized_text(self, "name", language) or localized_text(self, "name", settings.LANGUAGE_CODE)

    def save(self, *args, **kwargs):
        for code in LANGUAGE_CODES:
            fill_slug(self, code, text=localized_text(self, "name", code))
        # TagBase.save() makes a slug from one name; we made one per language.
        models.Model.save(self, *args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        return slugify_vi(tag) + (f"-{i}" if i else "")


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]


class Article(models.Model):
    """
    A news story in Vietnamese, English or both. Each language version has its
    own text, status and publication time.
    """

    title = models.CharField(_("title"), max_length=300, blank=True, validators=[validate_no_markup])
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        blank=True,
        db_index=False,
        help_text=_("The article's address. Left blank, it is made from the title; it stays once published."),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        validators=[validate_no_markup],
        help_text=_("The opening paragraph (sapo), shown in bold."),
    )
    body = models.TextField(_("body"), blank=True)
    byline = models.CharField(
        _("byline"),
        max_length=200,
        blank=True,
        validators=[validate_no_markup],
        help_text=_("Who wrote this version."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "When this version appears. A future time schedules it; empty means “now” on publishing."
        ),
    )
    expires_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        help_text=_(
            "When this version leaves the site by itself (a notice, a time-limited offer). Empty: never."
        ),
    )
    view_count = models.PositiveIntegerField(_("reads"), default=0, editable=False)

    original_language = models.CharField(
        _("original language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the story was written in; the other version is its translation."),
    )
    format = models.CharField(
        _("format"),
        max_length=12,
        choices=Format.choices,
        default=Format.STANDARD,
        help_text=_("Photo, video, infographic and mega-story articles get their own layout and listing."),
    )
    category = models.ForeignKey(
        "categories.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("The section the article belongs to; its address starts with it."),
    )
    tags = TaggableManager(
        verbose_name=_("tags"),
        through=TaggedArticle,
        blank=True,
        help_text=_("Topics, people and places the story is about."),
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Shown as “Source: VNA” / “Nguồn: TTXVN” at the end of the article."),
    )
    featured = models.BooleanField(_("featured"), default=False, help_text=_("Shown in the Focus block."))
    hero_photo = models.ForeignKey(
        "media.Photo",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hero_articles",
        help_text=_("Shown under the lead and on teasers."),
    )
    photos = models.ManyToManyField(
        "media.Photo",
        verbose_name=_("photos"),
        through="ArticlePhoto",
        blank=True,
        related_name="articles",
    )
    video_url = models.URLField(
        _("video address"),
        blank=True,
        help_text=_("A YouTube or Vimeo address, for video articles."),
    )
    video_file = models.FileField(
        _("video file"),
        upload_to=video_upload_to,
        validators=[validate_video],
        max_length=255,
        blank=True,
        help_text=_("Or an MP4 or WebM file, for video articles without a YouTube or Vimeo address."),
    )
    external_id = models.CharField(
        _("external id"),
        max_length=500,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Where an imported article came from; keeps re-imports from duplicating it."),
    )
    uid = models.UUIDField(
        _("permanent id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identifies the article in exports and syndication, whatever its slugs."),
    )
    # Kept by a database trigger (search.index): title weighted A, lead B, body C.
    search_vi = SearchVectorField(null=True, editable=False)
    search_en = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking: every save adds one; a form posted with an older
    # number was opened before someone else's save and is refused.
    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)
    # The source-language text, unit by unit (title, lead, paragraphs), that
    # the translation last matched: see articles.translation_status.
    translation_base = models.JSONField(_("translated from"), default=dict, blank=True, editable=False)
    translation_outdated = models.BooleanField(_("translation outdated"), default=False, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("feature_article", _("Can put articles in Focus")),
            ("translate_article", _("Can translate any article")),
        ]
        constraints = [
            models.UniqueConstraint(fields=[f"slug_{code}"], name=f"article_slug_{code}_unique")
            for code in LANGUAGE_CODES
        ]
        indexes = (
            [
                models.Index(
                    fields=[f"status_{code}", f"-published_at_{code}"], name=f"article_live_{code}_idx"
                )
                for code in LANGUAGE_CODES
            ]
            + [
                # The reader's lists, newest first, each read from an index in order with no sort:
                # a section's, Focus and a format's. Partial on what published() asks, so they
                # hold only live versions and stay small.
                models.Index(
                    fields=[*fields, f"-published_at_{code}", "-id"],
                    name=f"article_{name}_{code}_idx",
                    condition=models.Q(**{f"status_{code}": Status.PUBLISHED, f"title_{code}__gt": ""}),
                )
                for code in LANGUAGE_CODES
                for name, fields in (
                    ("section", ["category"]),
                    ("focus", ["featured"]),
                    ("format", ["format"]),
                )
            ]
            + [
                # Finding free "-2", "-3"... slugs asks for every slug starting with a base:
                # PostgreSQL answers that LIKE 'base%' from an index only with these operators.
                models.Index(
                    fields=[f"slug_{code}"],
                    name=f"article_slug_{code}_prefix",
                    opclasses=["varchar_pattern_ops"],
                )
                for code in LANGUAGE_CODES
            ]
        )

    def __str__(self):
        language = translation.get_language() or settings.LANGUAGE_CODE
        return (
            localized_text(self, "title", language)
            or localized_text(self, "title", self.original_language)
            or next(filter(None, (localized_text(self, "title", code) for code in LANGUAGE_CODES)), "—")
        )

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_in(translation.get_language() or settings.LANGUAGE_CODE)

    def fill_derived(self) -> None:
        """What a save derives: clean bodies, slugs, a publication time (bulk inserts call it themselves)."""
        for code in LANGUAGE_CODES:
            setattr(self, f"body_{code}", sanitize_html(localized(self, "body", code)))
            fill_slug(self, code, text=localized_text(self, "title", code), reserved=RESERVED_SLUGS)
            if localized(self, "status", code) == Status.PUBLISHED:
                setattr(self, f"published_at_{code}", localized(self, "published_at", code) or timezone.now())

    def url_in(self, language: str) -> str:
        """The address of one language version (which may not be published)."""
        with translation.override(language):
            return reverse(
                "articles:detail",
                kwargs={
                    "category": localized(self.category, "slug", language),
                    "slug": localized(self, "slug", language),
                },
            )

    @property
    def languages(self) -> list[str]:
        """Languages this article has a version in."""
        return [code for code in LANGUAGE_CODES if self.has_language(code)]

    def has_language(self, language: str) -> bool:
        return bool(localized_text(self, "title", language).strip())

    def is_published(self, language: str) -> bool:
        """What ``published(language)`` says of this one article."""
        return (
            self.state(language) == State.PUBLISHED and localized(self, "published_at", language) is not None
        )

    def state(self, language: str) -> State | None:
        """Where this version stands (``ArticleQuerySet.in_state`` finds the same); None without one."""
        if not self.has_language(language):
            return None
        status = localized(self, "status", language)
        published_at = localized(self, "published_at", language)
        expires_at = localized(self, "expires_at", language)
        now = timezone.now()
        if status == Status.PUBLISHED:
            if published_at is not None and published_at > now:
                return State.SCHEDULED
            if expires_at is not None and expires_at <= now:
                return State.EXPIRED
        return State(status)


class ArticlePhoto(models.Model):
    """A photo's place in an article: its order, and after which paragraph it stands."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_photos")
    photo = models.ForeignKey(
        "media.Photo",
        verbose_name=_("photo"),
        on_delete=models.PROTECT,
        related_name="article_photos",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        null=True,
        blank=True,
        help_text=_("Shown after this paragraph of the body; empty puts it at the end (or in the gallery)."),
    )

    class Meta:
        verbose_name = _("article photo")
        verbose_name_plural = _("article photos")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "photo"], name="article_photo_unique")]

    def __str__(self):
        return f"#{self.position}"


class ArticleSlugRedirect(models.Model):
    """An address a published version once had: it keeps answering with a permanent redirect."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_redirects")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    slug = models.SlugField(_("old slug"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old article address")
        verbose_name_plural = _("old article addresses")
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="article_slug_redirect_unique")
        ]

    def __str__(self):
        return f"{self.language}/{self.slug}"


class StatusChange(models.Model):
    """Who moved one language version of an article from one status to another, and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="status_changes")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    old_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    new_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.language}: {self.old_status or '—'} → {self.new_status}"


class DailyReads(models.Model):
    """How many times one language version was read on one day: "Interested" sums the last week."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_reads")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("daily reads")
        verbose_name_plural = _("daily reads")
        constraints = [
            models.UniqueConstraint(fields=["article", "language", "day"], name="daily_reads_unique")
        ]
        indexes = [
            # Covering: a week's totals per article ("Interested") come from the index alone.
            models.Index(
                fields=["language", "day"], include=["article", "count"], name="daily_reads_totals_idx"
            )
        ]

    def __str__(self):
        return f"{self.language} {self.day}: {self.count}"


class VersionEntry(models.Model):
    """Something the desk did to one language version of an article: by whom and when."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Correction(VersionEntry):
    """
    A correction note on a live language version, by whom and when: shown at the end of the
    article, in its feed item, JSON-LD and the read API, and on the language's corrections page.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(
        _("correction"),
        max_length=2000,
        validators=[validate_no_markup],
        help_text=_("What was wrong and what is right now, as readers will read it."),
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["language", "-created_at"], name="correction_language_idx")]

    def __str__(self):
        return self.text[:80]

    @property
    def line(self) -> str:
        """As readers read it, in its version's language: "Correction, 02/12/2026: …" / "Đính chính, …"."""
        when = timezone.localtime(self.created_at).strftime("%d/%m/%Y")
        with translation.override(self.language):
            return str(_("Correction, %(date)s: %(text)s") % {"date": when, "text": self.text})


class Takedown(VersionEntry):
    """A language version removed from every public surface for a legal reason: who, when and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="takedowns")
    reason = models.TextField(_("reason"), max_length=2000)

    class Meta:
        verbose_name = _("takedown")
        verbose_name_plural = _("takedowns")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article} ({self.language}): {self.reason[:60]}"
