from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from common import roles
from common.admin import HistoryAdmin

from . import services
from .forms import VerdictChangeForm
from .models import (
    ChangeEvent,
    Claim,
    ClaimRelation,
    FlagReason,
    Measure,
    ProjectionOutcome,
    ReviewFlag,
    Statement,
    Topic,
    VerdictChange,
)


def record_statement_from_admin(request: HttpRequest, statement: Statement) -> None:
    """Save an admin-built statement through the service (contradictions open review flags)."""
    saved = services.record_statement(
        claim=statement.claim,
        actor=statement.actor,
        source=statement.source,
        stance=statement.stance,
        recorded_by=roles.signed_in(request.user),
        quote=statement.quote,
        quote_language=statement.quote_language,
        translation=statement.translation,
        said_at=statement.said_at,
        venue=statement.venue,
        credibility=statement.credibility,
        estimate=statement.estimate,
    )
    statement.pk, statement.public_id = saved.pk, saved.public_id


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    fields = ["actor", "stance", "source", "said_at", "quote", "credibility"]
    autocomplete_fields = ["actor", "source"]
    show_change_link = True


class VerdictChangeInline(admin.TabularInline):
    model = VerdictChange
    extra = 0
    fields = ("version", "from_verdict", "to_verdict", "editor", "decided_at", "rationale")
    readonly_fields = fields
    can_delete = False
    max_num = 0  # the history is append-only: new entries come from "Change verdict"


class RelationInline(admin.TabularInline):
    model = ClaimRelation
    fk_name = "from_claim"
    extra = 0
    autocomplete_fields = ["to_claim"]


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["title", "slug", "recorded_at"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin):
    list_display = [
        "text",
        "topic",
        "verdict",
        "first_asserted_on",
        "quantity_value",
        "independent_origins",
        "version",
    ]
    list_filter = ["verdict", "topic", "quantity_qualifier"]
    search_fields = ["text", "original_text", "claimant__name", "statements__quote"]
    date_hierarchy = "first_asserted_on"
    autocomplete_fields = ["claimant"]
    list_select_related = ["topic"]
    # The verdict changes only through services.change_verdict, from the "Change verdict" page.
    readonly_fields = [
        "verdict_with_action",
        "version",
        "independent_origins",
        "supporting_reports",
        "public_id",
        "recorded_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["topic", "text", "original_text", "original_language", "claimant"]}),
        ("First asserted", {"fields": ["first_asserted_on", "first_asserted_precision"]}),
        (
            "Quantity",
            {
                "fields": [
                    "quantity_value",
                    "quantity_max",
                    "quantity_unit",
                    "quantity_qualifier",
                    "quantity_is_projection",
                ]
            },
        ),
        ("Verdict", {"fields": ["verdict_with_action", "version"]}),
        # Counted from the statements and their sources' citations (origins, not copies).
        ("Corroboration", {"fields": ["independent_origins", "supporting_reports"]}),
        ("Record", {"fields": ["public_id", "recorded_at", "updated_at"]}),
    ]
    inlines = [StatementInline, VerdictChangeInline, RelationInline]

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        # Through the services, which drop the verdict polling clients have cached and log the
        # change for the changes feed and webhooks.
        if change:
            services.claim_update(
                obj, editor=roles.signed_in(request.user), fields=form.changed_data
            )
        else:
            super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Claim) -> None:
        services.claim_delete(obj, editor=roles.signed_in(request.user))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        editor = roles.signed_in(request.user)
        for claim in queryset:
            services.claim_delete(claim, editor=editor)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Statement:
            super().save_formset(request, form, formset, change)
            return
        # Through the services, so contradictions open review flags and every change is logged.
        editor = roles.signed_in(request.user)
        for statement in formset.save(commit=False):
            if statement.pk:
                services.statement_update(statement, editor=editor)
            else:
                record_statement_from_admin(request, statement)
        for statement in formset.deleted_objects:
            services.statement_delete(statement, editor=editor)

    @admin.display(description="verdict")
    def verdict_with_action(self, claim: Claim) -> str:
        if not claim.pk:
            return claim.get_verdict_display()
        url = reverse("admin:claims_claim_change_verdict", args=[claim.pk])
        return format_html('{} · <a href="{}">Change verdict</a>', claim.get_verdict_display(), url)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:claim_id>/change-verdict/",
                self.admin_site.admin_view(self.change_verdict_view),
                name="claims_claim_change_verdict",
            ),
            *super().get_urls(),
        ]

    def change_verdict_view(self, request: HttpRequest, claim_id: int) -> HttpResponse:
        claim = get_object_or_404(Claim, pk=claim_id)
        if not roles.can_decide_verdicts(request.user):
            raise PermissionDenied
        form = VerdictChangeForm(request.POST or None, claim=claim)
        if request.method == "POST":
            change = form.save(editor=roles.signed_in(request.user))
            if change:
                messages.success(request, f"Verdict changed to {change.get_to_verdict_display()}.")
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "claim": claim,
            "form": form,
            "title": f"Change verdict: {claim}",
        }
        return TemplateResponse(request, "admin/claims/claim/change_verdict.html", context)


@admin.register(Statement)
class StatementAdmin(HistoryAdmin):
    list_display = ["actor", "stance", "claim", "source", "said_at", "credibility"]
    list_filter = ["stance", "credibility", "quote_language"]
    search_fields = ["quote", "translation", "actor__name", "actor__aliases__name", "claim__text"]
    date_hierarchy = "said_at"
    autocomplete_fields = ["actor", "claim", "source"]
    list_select_related = ["actor", "claim", "source"]
    readonly_fields = ["public_id", "recorded_by", "recorded_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "claim",
                    "actor",
                    "source",
                    "stance",
                    "quote",
                    "quote_language",
                    "translation",
                    "said_at",
                    "venue",
                    "credibility",
                ]
            },
        ),
        (
            "The figure the actor gives",
            {
                "description": "Leave empty when the statement gives no figure. A projection "
                "needs the moment it refers to; the measure must count the same unit.",
                "fields": [
                    "estimate_measure",
                    ("estimate_value", "estimate_low", "estimate_high"),
                    ("estimate_unit", "estimate_qualifier", "estimate_kind"),
                    ("estimate_refers_to", "estimate_refers_to_precision"),
                ],
            },
        ),
        ("Record", {"fields": ["public_id", "recorded_by", "recorded_at"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Statement, form: Any, change: bool) -> None:
        if change:
            services.statement_update(obj, editor=roles.signed_in(request.user))
        else:
            record_statement_from_admin(request, obj)

    def delete_model(self, request: HttpRequest, obj: Statement) -> None:
        services.statement_delete(obj, editor=roles.signed_in(request.user))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        editor = roles.signed_in(request.user)
        for statement in queryset.select_related("claim", "actor", "source"):
            services.statement_delete(statement, editor=editor)


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "topic", "recorded_at"]
    list_filter = ["unit"]
    search_fields = ["name", "topic__title"]
    autocomplete_fields = ["topic"]
    readonly_fields = ["public_id", "recorded_at"]

    def save_model(self, request: HttpRequest, obj: Measure, form: Any, change: bool) -> None:
        editor = roles.signed_in(request.user)
        if change:
            services.estimates.measure_update(obj, editor=editor)
        else:
            saved = services.estimates.measure_create(
                topic=obj.topic,
                name=obj.name,
                unit=obj.unit,
                description=obj.description,
                editor=editor,
            )
            obj.pk, obj.public_id = saved.pk, saved.public_id

    def delete_model(self, request: HttpRequest, obj: Measure) -> None:
        services.estimates.measure_delete(obj, editor=roles.signed_in(request.user))


@admin.register(ProjectionOutcome)
class ProjectionOutcomeAdmin(admin.ModelAdmin):
    """Read-only: outcomes are recorded from the review queue (or the API), through
    claims.services.estimates.record_projection_outcome."""

    list_display = ["statement", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome"]
    search_fields = ["statement__actor__name", "statement__claim__text", "rationale"]
    list_select_related = ["statement__actor", "statement__claim", "decided_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: ProjectionOutcome | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: ProjectionOutcome | None = None
    ) -> bool:
        return False


@admin.register(VerdictChange)
class VerdictChangeAdmin(admin.ModelAdmin):
    list_display = ["claim", "from_verdict", "to_verdict", "editor", "decided_at", "version"]
    list_filter = ["to_verdict", "from_verdict"]
    search_fields = ["claim__text", "rationale", "editor__username"]
    date_hierarchy = "decided_at"
    list_select_related = ["claim", "editor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: VerdictChange | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: VerdictChange | None = None) -> bool:
        return False


@admin.register(ClaimRelation)
class ClaimRelationAdmin(HistoryAdmin):
    list_display = ["from_claim", "kind", "to_claim"]
    list_filter = ["kind"]
    search_fields = ["from_claim__text", "to_claim__text"]
    autocomplete_fields = ["from_claim", "to_claim"]
    list_select_related = ["from_claim", "to_claim"]


@admin.register(ReviewFlag)
class ReviewFlagAdmin(admin.ModelAdmin):
    list_display = ["claim", "reason", "status", "opened_at", "resolved_by", "resolved_at"]
    list_filter = ["status", "reason"]
    search_fields = ["claim__text", "detail", "resolution_note"]
    list_select_related = ["claim", "resolved_by"]
    readonly_fields = [
        "public_id",
        "claim",
        "reason",
        "source",
        "statement",
        "detail",
        "opened_at",
        "status",
        "resolved_at",
        "resolved_by",
        "resolution_note",
        "recorded_at",
    ]
    actions = ["resolve_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # flags are opened by the workflow, not by hand

    def has_delete_permission(self, request: HttpRequest, obj: ReviewFlag | None = None) -> bool:
        return False  # resolved (services.resolve_flag, logged), never deleted

    def save_model(self, request: HttpRequest, obj: ReviewFlag, form: Any, change: bool) -> None:
        # Every field is read-only here: the form changes nothing, and resolving goes through
        # the "Resolve selected flags" action (services.resolve_flag).
        pass

    def has_view_permission(self, request: HttpRequest, obj: ReviewFlag | None = None) -> bool:
        # Flags are the editors' business, as in the API: analysts' view permission on the
        # claims app does not show them here.
        return super().has_view_permission(request, obj) and roles.can_resolve_flags(request.user)

    def has_resolve_permission(self, request: HttpRequest) -> bool:
        return roles.can_resolve_flags(request.user)

    @admin.action(description="Resolve selected flags", permissions=["resolve"])
    def resolve_selected(self, request: HttpRequest, queryset: QuerySet[ReviewFlag]) -> None:
        editor = roles.signed_in(request.user)
        resolved = 0
        # A due projection is resolved by recording its outcome, which the review queue asks for.
        open_flags = queryset.filter(status="open")
        projections = open_flags.filter(reason=FlagReason.PROJECTION_DUE, statement__isnull=False)
        for flag in open_flags.exclude(pk__in=projections.values("pk")):
            services.resolve_flag(flag, editor=editor, note="Resolved in the admin.")
            resolved += 1
        messages.success(request, f"Resolved {resolved} flag(s).")
        if skipped := projections.count():
            messages.warning(
                request,
                f"{skipped} due projection(s) left open: record what became of each in the "
                "review queue.",
            )


@admin.register(ChangeEvent)
class ChangeEventAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "claim", "source", "occurred_at"]
    list_filter = ["kind"]
    search_fields = ["claim__text", "source__title"]
    list_select_related = ["claim", "source"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ChangeEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ChangeEvent | None = None) -> bool:
        return False
