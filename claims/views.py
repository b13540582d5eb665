"""Dashboard pages: thin views that render what the selectors read.

Timelines, the stance matrix and the estimate chart are drawn in the browser from the same
/api/v1/ endpoints API clients use (static/js/dashboards.js), and editor actions go through the
API too, so the pages and the API cannot drift apart.
"""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from actors.selectors import actor_list
from common import roles
from sources import selectors as source_selectors

from . import pages, selectors
from .estimates import ProjectionOutcomeKind
from .forms import VERDICT_SHORTCUTS, ReviewQueueForm
from .listing import given, numbered_page
from .models import FlagStatus, Topic, Verdict
from .selectors import review
from .selectors.actor_record import actor_record
from .selectors.dashboards import figures_among
from .selectors.matrix import MATRIX_ACTORS, MATRIX_CLAIMS
from .selectors.track_record import track_record

CLAIMS_PER_PAGE = 50
# The claim page lists its sources a page at a time (a claim can have 500).
SOURCES_PER_PAGE = 20
# An actor's page lists its claims and its statements a page at a time.
ACTOR_CLAIMS_PER_PAGE = 25
ACTOR_STATEMENTS_PER_PAGE = 25
# The overview shows the oldest open flags up to this many; the review queue has them all.
OVERVIEW_FLAGS = 5


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    shown = pages.viewing(request)
    summary = selectors.overview(shown.moment)
    # Review flags and source health are the present's business: a past view leaves them out
    # (and says so) rather than show today's beside the past's claims.
    queue = selectors.review_queue()
    # Analysts see how many flags are open; which claims and why is the review queue's business,
    # refused to them in the API (/api/v1/flags/) as on /review/.
    can_resolve = roles.can_resolve_flags(request.user)
    now = not shown.is_past
    return render(
        request,
        "claims/overview.html",
        {
            "can_resolve": can_resolve,
            "verdict_counts": [
                (verdict, label, summary.verdict_counts[verdict])
                for verdict, label in Verdict.choices
            ],
            "latest_changes": summary.latest_changes,
            "open_flags": queue[:OVERVIEW_FLAGS] if now and can_resolve else [],
            "open_flag_count": queue.count() if now else 0,
            "health_changes": source_selectors.recently_changed_health() if now else [],
            "topics": summary.topics,
            "topic_count": summary.topic_count,
            "claim_count": summary.claim_count,
            **pages.moment_context(request, shown),
        },
    )


@login_required
def claim_detail(request: HttpRequest, claim_id: UUID) -> HttpResponse:
    claim_now = get_object_or_404(selectors.claim_list(), public_id=claim_id)
    shown = pages.viewing(request)
    context = pages.moment_context(request, shown, claim=claim_now)
    claim = claim_now if not shown.is_past else selectors.claim_as_of(claim_now, shown.moment)
    if claim is None:
        return render(
            request, "claims/claim_detail.html", {"claim": claim_now, "known": False, **context}
        )
    statements = selectors.claim_statements_as_of(claim, shown.moment)
    sources = list({s.source.pk: s.source for s in statements}.values())
    chains = source_selectors.cited_chain(sources, shown.moment)
    # Flag reasons and details only for those the API shows them to (/api/v1/flags/ refuses
    # analysts); analysts see that the claim is under review, as the claim list's marker says.
    # A past view is read-only: flags and the verdict panel are the present's business.
    editor_of_flags = roles.can_resolve_flags(request.user)
    decides = roles.can_decide_verdicts(request.user)
    now = not shown.is_past
    # Open and resolved flags, each with its note, resolver and time (the editor panel).
    open_flags, resolved_flags = (
        review.claim_flags(claim.pk) if now and editor_of_flags else ([], [])
    )
    history = list(selectors.verdict_history(claim, selectors.verdict_changes_as_of(shown.moment)))
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "known": True,
            "stance_groups": selectors.stance_summary(statements),
            "corroboration": selectors.corroboration(claim, shown.moment, statements),
            # All of them for the verdict panel's evidence; a page of them for the list.
            "sources": [(source, chains[source.pk]) for source in sources],
            "source_pages": numbered_page(
                [(source, chains[source.pk]) for source in sources],
                SOURCES_PER_PAGE,
                given(request),
                param="sources_page",
                anchor="sources-heading",
            ),
            "open_flags": open_flags,
            "resolved_flags": resolved_flags,
            "under_review": (
                now and not editor_of_flags and selectors.claim_open_flags(claim).exists()
            ),
            "can_decide": now and decides,
            "could_decide": decides,
            "can_resolve": now and editor_of_flags,
            "verdict_choices": [
                (value, label, VERDICT_SHORTCUTS[value]) for value, label in Verdict.choices
            ],
            "outcome_choices": ProjectionOutcomeKind.choices,
            "figures": figures_among(statements),
            "verdict_history": history,
            "last_change": history[-1] if history else None,
            # The editors' notes are the newsroom's own: never shown to analysts.
            "show_notes": decides,
            **context,
        },
    )


@login_required
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic_now = get_object_or_404(Topic, slug=slug)
    shown = pages.viewing(request)
    topic = selectors.as_it_read(topic_now, shown.moment)
    return render(
        request,
        "claims/topic_detail.html",
        {
            "topic": topic or topic_now,
            "known": topic is not None,
            # The stance matrix's first screen: the most active claims and actors.
            "matrix_claims": MATRIX_CLAIMS,
            "matrix_actors": MATRIX_ACTORS,
            **pages.moment_context(request, shown, topic=topic_now),
        },
    )


@login_required
def actor_detail(request: HttpRequest, actor_id: UUID) -> HttpResponse:
    actor_now = get_object_or_404(actor_list(), public_id=actor_id)
    shown = pages.viewing(request)
    actor = selectors.as_it_read(actor_now, shown.moment)
    record = actor_record(actor_now, shown.moment) if actor else None
    params = given(request)
    claim_pages = statement_pages = None
    if record is not None:
        claim_pages = numbered_page(
            record.claims, ACTOR_CLAIMS_PER_PAGE, params, param="claims_page", anchor="by-claim"
        )
        statement_pages = numbered_page(
            record.statements,
            ACTOR_STATEMENTS_PER_PAGE,
            params,
            param="statements_page",
            anchor="over-time",
        )
    return render(
        request,
        "claims/actor_detail.html",
        {
            "actor": actor or actor_now,
            # Aliases and affiliations keep no history: they are shown as they are now.
            "directory": actor_now,
            "known": actor is not None,
            "claim_pages": claim_pages,
            "by_claim": record.stances_on(claim_pages.page) if record and claim_pages else [],
            "statement_pages": statement_pages,
            "track_record": track_record(record.projections if record else [], shown.moment),
            **pages.moment_context(request, shown, actor=actor_now),
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not roles.can_resolve_flags(request.user):
        raise PermissionDenied
    form = ReviewQueueForm(request.GET)
    filters = form.filters()
    flags = review.with_evidence(review.review_flags(**filters))
    page = Paginator(flags, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    # Only the filters given stay on the page links; the tabs keep the reason and topic.
    given = {k: v for k, v in request.GET.items() if v and k != "page"}
    kept = {k: v for k, v in given.items() if k in ("reason", "topic")}
    return render(
        request,
        "claims/review_queue.html",
        {
            "form": form,
            "resolved": filters["status"] == FlagStatus.RESOLVED,
            "page": page,
            "items": review.review_items(list(page.object_list)),
            "query": urlencode(given),
            "open_query": urlencode(kept),
            "resolved_query": urlencode({"status": FlagStatus.RESOLVED, **kept}),
            "can_decide": roles.can_decide_verdicts(request.user),
            "outcome_choices": ProjectionOutcomeKind.choices,
            "verdict_choices": Verdict.choices,
        },
    )
