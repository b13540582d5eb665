"""The sources admin. Every write goes through sources.services, as from the API: a citation
added, changed or removed retraces the origins of the chains through it, a source edited tells
the claims when whose words it holds changed, and a source deleted retraces the chains it was
in."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import ngettext

from common import roles
from common.admin import HistoryAdmin

from . import services
from .errors import RecheckNotQueued
from .models import Citation, Snapshot, Source


def save_citation_changes(request: HttpRequest, formset: BaseInlineFormSet) -> None:
    """Write what a formset of citations says through the services: removed, changed (no
    service edits a citation, so a changed one is removed and recorded anew) and added."""
    editor = roles.signed_in(request.user)
    formset.save(commit=False)  # fills the lists below; deletes and saves nothing
    for citation in formset.deleted_objects:
        services.remove_citation(citation, editor=editor)
    for citation, _changed in formset.changed_objects:
        services.remove_citation(Citation.objects.get(pk=citation.pk), editor=editor)
        _cite(citation, editor=editor)
    for citation in formset.new_objects:
        _cite(citation, editor=editor)


def _cite(citation: Citation, *, editor: Any) -> None:
    recorded = services.cite_source(
        citing=citation.citing, cited=citation.cited, note=citation.note, editor=editor
    )
    citation.pk = recorded.pk  # the admin's log and messages name the row written


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
    # An address typed without a scheme is read as https (Django 6's default, asked for now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(
        self, request: HttpRequest, obj: Source, form: forms.ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        if change:
            services.source_edited(obj, changed=form.changed_data)

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is Citation:
            save_citation_changes(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def delete_model(self, request: HttpRequest, obj: Source) -> None:
        services.source_delete(obj, editor=roles.signed_in(request.user))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        editor = roles.signed_in(request.user)
        for source in queryset:
            services.source_delete(source, editor=editor)

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

    def get_readonly_fields(self, request: HttpRequest, obj: Citation | None = None) -> Any:
        # No service edits a citation: one recorded is removed and another added instead.
        if obj is not None:
            return ["citing", "cited", "note"]
        return super().get_readonly_fields(request, obj)

    def save_model(
        self, request: HttpRequest, obj: Citation, form: forms.ModelForm, change: bool
    ) -> None:
        if not change:
            _cite(obj, editor=roles.signed_in(request.user))

    def delete_model(self, request: HttpRequest, obj: Citation) -> None:
        services.remove_citation(obj, editor=roles.signed_in(request.user))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Citation]) -> None:
        editor = roles.signed_in(request.user)
        for citation in queryset.select_related("citing", "cited"):
            services.remove_citation(citation, editor=editor)


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
