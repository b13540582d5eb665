"""Dashboard pages: thin views that render what the selectors read.

Timelines, the stance matrix and the estimate chart are drawn in the browser from the same
/api/v1/ endpoints API clients use (static/js/dashboards.js), and editor actions go through the
API too, so the pages and the API cannot drift apart.
"""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from actors.selectors import actor_list
from common import roles
from sources import selectors as source_selectors

from . import selectors
from .filters import ClaimFilter
from .models import Claim, Topic, Verdict

CLAIMS_PER_PAGE = 50


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    queue = selectors.review_queue()
    # Analysts see how many flags are open; which claims and why is the review queue's business,
    # refused to them in the API (/api/v1/flags/) as on /review/.
    can_resolve = roles.can_resolve_flags(request.user)
    return render(
        request,
        "claims/overview.html",
        {
            "can_resolve": can_resolve,
            "verdict_counts": [
                (verdict, label, count)
                for (verdict, label), count in zip(
                    Verdict.choices, selectors.verdict_counts().values(), strict=True
                )
            ],
            "latest_changes": selectors.latest_verdict_changes(),
            "open_flags": queue[:5] if can_resolve else [],
            "open_flag_count": queue.count(),
            "health_changes": source_selectors.recently_changed_health(),
            "topics": selectors.topics_with_claims(),
        },
    )


@login_required
def claim_list(request: HttpRequest) -> HttpResponse:
    claims = selectors.claim_list().annotate(has_open_flag=selectors.open_flag_exists())
    claim_filter = ClaimFilter(request.GET, queryset=claims.order_by("-first_asserted_on", "id"))
    page = Paginator(claim_filter.qs, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "claims/claim_list.html",
        {"filter": claim_filter, "page": page, "query": query.urlencode()},
    )


@login_required
def claim_detail(request: HttpRequest, claim_id: UUID) -> HttpResponse:
    claim = get_object_or_404(selectors.claim_list(), public_id=claim_id)
    statements = selectors.claim_statements(claim)
    sources = list({s.source.pk: s.source for s in statements}.values())
    chains = source_selectors.cited_chain(sources)
    # Flag reasons and details only for those the API shows them to (/api/v1/flags/ refuses
    # analysts); analysts see that the claim is under review, as the claim list's marker says.
    can_resolve = roles.can_resolve_flags(request.user)
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "stance_groups": selectors.stance_summary(statements),
            "sources": [(source, chains[source.pk]) for source in sources],
            "open_flags": selectors.claim_open_flags(claim) if can_resolve else [],
            "under_review": not can_resolve and selectors.claim_open_flags(claim).exists(),
            "can_decide": roles.can_decide_verdicts(request.user),
            "can_resolve": can_resolve,
            "verdict_choices": Verdict.choices,
            "last_change": selectors.verdict_history(claim).last(),
        },
    )


@login_required
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    return render(request, "claims/topic_detail.html", {"topic": topic})


@login_required
def actor_detail(request: HttpRequest, actor_id: UUID) -> HttpResponse:
    actor = get_object_or_404(actor_list(), public_id=actor_id)
    statements = selectors.actor_statements(actor)
    by_claim: dict[Claim, list] = {}
    for statement in statements:
        by_claim.setdefault(statement.claim, []).append(statement)
    return render(
        request,
        "claims/actor_detail.html",
        {"actor": actor, "statements": statements, "by_claim": by_claim.items()},
    )


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(source_selectors.source_health_board(), CLAIMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "claims/source_list.html",
        {"page": page, "can_recheck": roles.can_record(request.user)},
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not roles.can_resolve_flags(request.user):
        raise PermissionDenied
    page = Paginator(selectors.review_queue(), CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "claims/review_queue.html", {"page": page})
