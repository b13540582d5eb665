from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import ngettext

from common.admin import HistoryAdmin

from . import services
from .errors import RecheckNotQueued
from .models import Citation, Snapshot, Source


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "citing"
    extra = 1
    autocomplete_fields = ["cited"]
    verbose_name = "cites"
    verbose_name_plural = "cites"


class SnapshotInline(admin.TabularInline):
    model = Snapshot
    extra = 0
    fields = ("fetched_at", "status_code", "health", "changed", "final_url", "error")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    max_num = 0  # snapshots are written by the re-check job only


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = [
        "title",
        "kind",
        "publisher",
        "published_at",
        "language",
        "reliability",
        "health",
        "next_check_at",
    ]
    list_filter = ["kind", "reliability", "health", "language"]
    search_fields = ["title", "url", "publisher__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["publisher"]
    list_select_related = ["publisher"]
    inlines = [CitationInline, SnapshotInline]
    readonly_fields = [
        "public_id",
        "health",
        "health_changed_at",
        "last_checked_at",
        "check_interval",
        "consecutive_failures",
        "check_leased_until",
        "recorded_at",
    ]
    actions = ["recheck_now"]

    @admin.action(description="Re-check now", permissions=["change"])
    def recheck_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        try:
            queued = services.request_rechecks(queryset)
        except RecheckNotQueued as error:
            self.message_user(request, str(error), messages.ERROR)
            queued = error.queued
        without_url = queryset.filter(url="").count()
        if queued:
            self.message_user(
                request,
                ngettext(
                    "Queued a re-check of %(count)d source.",
                    "Queued re-checks of %(count)d sources.",
                    queued,
                )
                % {"count": queued},
                messages.SUCCESS,
            )
        if without_url:
            self.message_user(
                request,
                ngettext(
                    "%(count)d source has no URL to re-check.",
                    "%(count)d sources have no URL to re-check.",
                    without_url,
                )
                % {"count": without_url},
                messages.WARNING,
            )


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    list_display = ["citing", "cited", "note"]
    search_fields = ["citing__title", "cited__title"]
    autocomplete_fields = ["citing", "cited"]
    list_select_related = ["citing", "cited"]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["source", "fetched_at", "status_code", "health", "changed", "byte_count"]
    list_filter = ["health", "changed"]
    search_fields = ["source__title", "final_url"]
    list_select_related = ["source"]
    date_hierarchy = "fetched_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Snapshot | None = None) -> bool:
        return False
