"""Synthetic ClaimTrack data for performance work: `manage.py seed_synthetic --claims N`.

`SyntheticData` (generator.py) generates rows, not model instances: one tuple per row in the
column order of `TABLES` (tables.py), handed out a chunk of claims at a time
(`SyntheticData.chunks`), so memory stays bounded and the command can COPY them into PostgreSQL
or bulk_create them elsewhere. The words come from the data files in devdata/data/
(vocabulary.py); the rules the rows must obey come from the apps: which stances contradict a
verdict (claims.services), what each change event's payload holds (claims.events), the choices
of every field (the models). shape.py holds the generator's own knobs: its clock, sizes and
odds.

The shape follows the worked example (devdata.demo) at scale:

- topics run for weeks, overlap, and each has a cast of actors from two countries;
- actors are people, governments, ministries, intelligence services, media outlets and news
  agencies from about forty countries, with aliases in other spellings, languages and scripts;
- every statement is recorded in a source; articles, wires and transcripts of one topic and day
  carry several statements; wires cite origins (briefings, statements, transcripts) or other
  wires, articles cite wires, origins and other articles, in chains of depth 1 to 5 (a few
  reports cite two sources, and rare rings of two or three are circular reporting); reports of
  a claim often repeat its first report (many reports, one origin) while other claims are
  supported by several independent origins; checked sources have snapshots consistent with
  their health;
- about one claim in four has a quantity, some with an upper bound, some projections;
- verdict histories are chained (each change starts from the previous verdict) and end in the
  claim's verdict, with `Claim.version == 1 + number of changes`;
- review flags are opened the way the services open them (a statement contradicting the
  verdict, a source that changed or vanished, a stale claim), some since resolved, never two
  open for the same claim, reason and source;
- a ChangeEvent for every statement, verdict change and flag, with the services' payloads, in
  time order: event ids grow with `occurred_at` across the whole run.

Determinism: everything is drawn from random.Random streams seeded by the seed, including
UUIDs and timestamps (the synthetic newsroom's clock ends on `END`), so the same seed gives the
same rows. Primary keys are allocated from the `IdBases` the caller passes (above the current
maximum of each table) and actors already in the database are reused by (name, kind, country),
so only ids and reused actors depend on what the database held before.
"""

from . import documents
from .chains import chain_depths
from .generator import SyntheticData
from .shape import (
    CHUNK_CLAIMS,
    CLAIMS_PER_TOPIC,
    EDITOR_USERNAME,
    END,
    HEAVY_EVERY,
    HEAVY_STATEMENTS,
    MAX_CHAIN_DEPTH,
    START,
    STATEMENTS_PER_CLAIM,
    topic_slug_prefix,
)
from .tables import JSON_COLUMNS, TABLES, Chunk, IdBases, Table

__all__ = [
    "CHUNK_CLAIMS",
    "CLAIMS_PER_TOPIC",
    "EDITOR_USERNAME",
    "END",
    "HEAVY_EVERY",
    "HEAVY_STATEMENTS",
    "JSON_COLUMNS",
    "MAX_CHAIN_DEPTH",
    "START",
    "STATEMENTS_PER_CLAIM",
    "TABLES",
    "Chunk",
    "IdBases",
    "SyntheticData",
    "Table",
    "chain_depths",
    "documents",
    "topic_slug_prefix",
]
