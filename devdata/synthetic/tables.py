"""The tables the generator writes, the column order of its rows, and their primary keys."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models

from actors.models import Actor, Affiliation, Alias
from claims.models import (
    ChangeEvent,
    Claim,
    ClaimRelation,
    ReviewFlag,
    Statement,
    Topic,
    VerdictChange,
)
from sources.models import Citation, Snapshot, Source


class Table:
    def __init__(self, model: type[models.Model], columns: str) -> None:
        self.model = model
        self.columns: tuple[str, ...] = tuple(columns.split())  # attnames, in row order


TABLES: dict[str, Table] = {
    # In foreign-key order: a table only refers to tables above it.
    "actor": Table(Actor, "id public_id name kind country description wikidata_qid recorded_at"),
    "alias": Table(Alias, "id actor_id name language recorded_at"),
    "affiliation": Table(
        Affiliation,
        "id actor_id organisation_id role start_date end_date recorded_at",
    ),
    "topic": Table(Topic, "id public_id slug title description recorded_at"),
    "source": Table(
        Source,
        "id public_id title url publisher_id published_at language kind reliability text "
        "health health_changed_at last_checked_at next_check_at check_interval "
        "consecutive_failures recorded_at",
    ),
    "citation": Table(Citation, "id citing_id cited_id note recorded_at"),
    "snapshot": Table(
        Snapshot,
        "id source_id fetched_at requested_url final_url redirect_chain status_code etag "
        "last_modified byte_count content_hash text changed diff health error due_at "
        "recorded_at",
    ),
    "claim": Table(
        Claim,
        "id public_id topic_id text original_text original_language claimant_id "
        "first_asserted_on first_asserted_precision quantity_value quantity_max quantity_unit "
        "quantity_qualifier quantity_is_projection verdict version recorded_at updated_at",
    ),
    "claimrelation": Table(ClaimRelation, "id from_claim_id to_claim_id kind note recorded_at"),
    "statement": Table(
        Statement,
        "id public_id claim_id actor_id source_id stance quote quote_language translation "
        "said_at venue credibility recorded_by_id recorded_at",
    ),
    "verdictchange": Table(
        VerdictChange,
        "id public_id claim_id from_verdict to_verdict editor_id rationale version decided_at "
        "recorded_at",
    ),
    "evidence": Table(VerdictChange.evidence.through, "id verdictchange_id source_id"),
    "reviewflag": Table(
        ReviewFlag,
        "id public_id claim_id reason status detail source_id statement_id opened_at "
        "resolved_at resolved_by_id resolution_note recorded_at",
    ),
    "changeevent": Table(ChangeEvent, "id kind claim_id source_id payload occurred_at"),
}
# JSON columns arrive as JSON text (what COPY wants); other writers decode them.
JSON_COLUMNS = {("snapshot", "redirect_chain"), ("changeevent", "payload")}

Chunk = dict[str, list[tuple[Any, ...]]]


def empty_chunk() -> Chunk:
    return {name: [] for name in TABLES}


@dataclass
class IdBases:
    """The first primary key to use per table (one above the table's current maximum)."""

    next_id: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 1))

    def take(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value
