"""Documents that record statements, where they came from, and what the re-check job saw."""

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from common.constraints import choices_check
from common.history import tracked
from common.models import PublicIdModel, RecordedModel


class SourceKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", _("News article")
    AGENCY_WIRE = "agency_wire", _("Agency wire")
    OFFICIAL_STATEMENT = "official_statement", _("Official statement")
    TRANSCRIPT = "transcript", _("Transcript")
    STATE_MEDIA_REPORT = "state_media_report", _("State media report")
    SOCIAL_POST = "social_post", _("Social post")
    INTELLIGENCE_BRIEFING = "intelligence_briefing", _("Intelligence briefing")


class Reliability(models.TextChoices):
    """Source reliability on the Admiralty (NATO) scale."""

    A = "A", _("A – completely reliable")
    B = "B", _("B – usually reliable")
    C = "C", _("C – fairly reliable")
    D = "D", _("D – not usually reliable")
    E = "E", _("E – unreliable")
    F = "F", _("F – reliability cannot be judged")


class Health(models.TextChoices):
    UNCHECKED = "unchecked", _("Unchecked")
    OK = "ok", _("OK")
    CHANGED = "changed", _("Changed")
    GONE = "gone", _("Gone")
    UNREACHABLE = "unreachable", _("Unreachable")
    BLOCKED = "blocked", _("Blocked")


class Source(PublicIdModel, RecordedModel):
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    publisher = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_sources",
        verbose_name=_("publisher"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, blank=True, help_text=_("BCP 47 code, e.g. de or en.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=SourceKind.choices)
    reliability = models.CharField(
        _("reliability"), max_length=1, choices=Reliability.choices, default=Reliability.F
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("The main text, when it was pasted or imported.")
    )
    health = models.CharField(
        _("health"), max_length=16, choices=Health.choices, default=Health.UNCHECKED
    )
    health_changed_at = models.DateTimeField(_("health changed at"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    next_check_at = models.DateTimeField(_("next check at"), null=True, blank=True)
    check_interval = models.DurationField(
        _("check interval"),
        null=True,
        blank=True,
        help_text=_("Grows while the source stays unchanged; reset when it changes."),
    )
    consecutive_failures = models.PositiveIntegerField(default=0)
    check_leased_until = models.DateTimeField(
        _("check leased until"),
        null=True,
        blank=True,
        help_text=_(
            "A re-check of the current due time is queued; schedulers leave the source alone "
            "until then (or until that check is recorded)."
        ),
    )

    # What a re-check writes (health, schedule) is history of its own, the snapshots; the text
    # is kept by them too. The source's own history is what an editor entered.
    history = tracked(
        excluded_fields=[
            "text",
            "health",
            "health_changed_at",
            "last_checked_at",
            "next_check_at",
            "check_interval",
            "consecutive_failures",
            "check_leased_until",
        ]
    )

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            choices_check("kind", SourceKind),
            choices_check("reliability", Reliability),
            choices_check("health", Health),
        ]
        indexes = [
            # The re-check beat looks only at sources with a URL whose check is due.
            models.Index(
                fields=["next_check_at"],
                name="sources_due_for_check",
                condition=~Q(url=""),
            ),
            models.Index(fields=["health", "health_changed_at"]),
            models.Index(fields=["published_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A source with a URL is due for its first re-check as soon as it is recorded (or as soon
        # as it gets a URL); the re-check job takes it from there.
        if self.url and self.next_check_at is None:
            self.next_check_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "next_check_at"}
        super().save(*args, **kwargs)


class Citation(RecordedModel):
    """A source relying on another ("AFP/dpa report citing the South Korean intelligence service").

    Following citations back from a source leads to its origin; corroboration counts origins.
    """

    citing = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="citations")
    cited = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="cited_by")
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["citing", "cited"], name="sources_citation_unique"),
            models.CheckConstraint(
                condition=~Q(citing=F("cited")),
                name="sources_citation_not_self",
                violation_error_message=_("A source cannot cite itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citing} → {self.cited}"


class Reliance(models.Model):
    """A source relying on another, near or far: every link of its chain of citations, the
    origins (where the chain ends, sources.origins) marked. Kept up to date on every citation
    change by sources.services.retrace_origins, so that a claim's corroboration and the claims
    list's origin filter read chains in one query rather than walk them.

    A source citing nothing has no row: it is its own origin. Derived from the citations, so it
    keeps no history of its own: a past moment is traced from the citations' history.
    """

    # The unique (source, relies_on) index serves lookups by source; relies_on has its own.
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="reliances", db_index=False
    )
    relies_on = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="relied_on_by")
    is_origin = models.BooleanField(_("origin"), default=False)
    circular = models.BooleanField(
        _("circular"),
        default=False,
        help_text=_("The origin is a ring of sources citing each other, named by its first."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "relies_on"], name="sources_reliance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.relies_on_id}"


class Snapshot(RecordedModel):
    """One fetch of a source's URL by the re-check job."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    fetched_at = models.DateTimeField(_("fetched at"), default=timezone.now)
    requested_url = models.URLField(
        _("requested URL"),
        max_length=2000,
        blank=True,
        help_text=_("The source's URL when it was checked; validators and diffs use the same URL."),
    )
    final_url = models.URLField(_("final URL"), max_length=2000, blank=True)
    redirect_chain = models.JSONField(_("redirect chain"), default=list, blank=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    byte_count = models.PositiveIntegerField(_("bytes"), default=0)
    content_hash = models.CharField(
        _("content hash"), max_length=64, blank=True, help_text=_("SHA-256 of the main text.")
    )
    text = models.TextField(_("main text"), blank=True)
    changed = models.BooleanField(_("changed since the previous snapshot"), default=False)
    diff = models.TextField(_("diff"), blank=True)
    health = models.CharField(_("health"), max_length=16, choices=Health.choices)
    error = models.TextField(_("error"), blank=True)
    due_at = models.DateTimeField(
        _("due at"),
        null=True,
        blank=True,
        help_text=_("The scheduled check this snapshot answers; one snapshot per due check."),
    )

    class Meta:
        get_latest_by = "fetched_at"
        ordering = ["-fetched_at"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            choices_check("health", Health),
            # A task delivered twice for the same due check must not write two snapshots.
            models.UniqueConstraint(
                fields=["source", "due_at"], name="sources_snapshot_one_per_due_check"
            ),
            models.CheckConstraint(
                condition=Q(content_hash="") | Q(content_hash__regex=r"^[0-9a-f]{64}$"),
                name="sources_snapshot_content_hash_sha256",
                violation_error_message=_("The content hash must be a SHA-256 hex digest."),
            ),
        ]
        indexes = [models.Index(fields=["source", "-fetched_at"])]

    def __str__(self) -> str:
        return f"{self.source} @ {self.fetched_at:%Y-%m-%d %H:%M}"
