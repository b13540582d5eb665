"""Reads of claims worth a name, split by job: lists, search, timelines, dashboards and the
cached verdict state. Callers use `from claims import selectors`; the names are re-exported
here so that a move between the modules below changes no caller."""

from .dashboards import (
    StanceGroup,
    claim_open_flags,
    latest_verdict_changes,
    open_flag_exists,
    review_queue,
    stance_summary,
    topics_with_claims,
    verdict_counts,
)
from .lists import (
    PUBLIC_EVENT_KINDS,
    RelatedClaim,
    actor_statements,
    change_events,
    claim_list,
    claim_relations,
    claim_statements,
    event_kinds_visible_to,
    review_flag_list,
    statement_list,
    topic_list,
    verdict_history,
)
from .search import (
    SearchDocument,
    claims_matching_text,
    search_claims,
    search_statements,
    statements_matching_text,
)
from .timelines import (
    QuantityPoint,
    QuantitySeries,
    TimelineEntry,
    claim_timeline,
    topic_quantity_series,
    topic_timeline,
)
from .verdicts import (
    VERDICT_CACHE_SECONDS,
    CachedVerdict,
    VerdictState,
    verdict_cache_key,
    verdict_state,
)

__all__ = [
    "PUBLIC_EVENT_KINDS",
    "VERDICT_CACHE_SECONDS",
    "CachedVerdict",
    "QuantityPoint",
    "QuantitySeries",
    "RelatedClaim",
    "SearchDocument",
    "StanceGroup",
    "TimelineEntry",
    "VerdictState",
    "actor_statements",
    "change_events",
    "claim_list",
    "claim_open_flags",
    "claim_relations",
    "claim_statements",
    "claim_timeline",
    "claims_matching_text",
    "event_kinds_visible_to",
    "latest_verdict_changes",
    "open_flag_exists",
    "review_flag_list",
    "review_queue",
    "search_claims",
    "search_statements",
    "stance_summary",
    "statement_list",
    "statements_matching_text",
    "topic_list",
    "topic_quantity_series",
    "topic_timeline",
    "topics_with_claims",
    "verdict_cache_key",
    "verdict_counts",
    "verdict_history",
    "verdict_state",
]
