"""The synthetic newsroom's clock, sizes, and how often each thing happens.

These are the generator's own knobs. The rules it must agree with (which stances contradict a
verdict, what an event payload holds, when a source is checked again) come from the apps.
"""

from datetime import UTC, datetime

from actors.models import ActorKind
from claims.models import Credibility, QuantityQualifier, RelationKind, Stance, Verdict
from sources.models import Health, Reliability, SourceKind

EDITOR_USERNAME = "synthetic-editor"
# Claims are recorded between START and CLAIMS_END, and nothing happens after END. Fixed, so
# that a seed gives the same rows whenever it runs.
START = datetime(2019, 1, 1, tzinfo=UTC)
CLAIMS_END = datetime(2025, 1, 31, tzinfo=UTC)
END = datetime(2025, 6, 30, tzinfo=UTC)
START_S = int(START.timestamp())
CLAIMS_SPAN_S = int((CLAIMS_END - START).total_seconds())
END_S = int(END.timestamp())
DAY, HOUR = 86_400, 3_600


def when(seconds: int) -> datetime:
    """The moment `seconds` after the epoch: rows keep times as whole seconds until written."""
    return datetime.fromtimestamp(seconds, UTC)


STATEMENTS_PER_CLAIM = 3
# The timeline benchmark needs a few claims with a long history: the first claim of the first
# topic, and one more every HEAVY_EVERY claims.
HEAVY_STATEMENTS = 500
HEAVY_EVERY = 250_000
CLAIMS_PER_TOPIC = 100
CHUNK_CLAIMS = 20_000


def topic_slug_prefix(seed: int) -> str:
    """Every topic of a run starts with this; the command uses it to refuse a repeated seed."""
    return f"synthetic-{seed}-"


V, S = Verdict, Stance
# How many times a claim's verdict changes (weights).
CHANGE_COUNTS = {0: 50, 1: 30, 2: 12, 3: 5, 4: 2, 5: 1}
# Likely next verdicts from each verdict (weights).
TRANSITIONS: dict[str, dict[str, int]] = {
    V.UNVERIFIED: {V.DISPUTED: 35, V.PARTLY_CONFIRMED: 20, V.CONFIRMED: 25, V.DENIED: 20},
    V.DISPUTED: {V.CONFIRMED: 35, V.DENIED: 30, V.PARTLY_CONFIRMED: 25, V.UNVERIFIED: 10},
    V.PARTLY_CONFIRMED: {V.CONFIRMED: 50, V.DISPUTED: 30, V.DENIED: 10, V.UNVERIFIED: 10},
    V.CONFIRMED: {V.DISPUTED: 40, V.RETRACTED: 20, V.PARTLY_CONFIRMED: 30, V.UNVERIFIED: 10},
    V.DENIED: {V.DISPUTED: 40, V.CONFIRMED: 20, V.UNVERIFIED: 20, V.RETRACTED: 20},
    V.RETRACTED: {V.DISPUTED: 50, V.UNVERIFIED: 50},
}
# Stances of the statements after the first, by the claim's final verdict.
STANCE_WEIGHTS: dict[str, dict[str, int]] = {
    V.CONFIRMED: {
        S.SUPPORTS: 38, S.ASSERTS: 18, S.COMMENTS: 15, S.CANNOT_CONFIRM: 10, S.DISPUTES: 9,
        S.DENIES: 9, S.RETRACTS: 1,
    },
    V.DENIED: {
        S.DENIES: 30, S.DISPUTES: 25, S.COMMENTS: 15, S.CANNOT_CONFIRM: 15, S.ASSERTS: 8,
        S.SUPPORTS: 6, S.RETRACTS: 1,
    },
    V.DISPUTED: {
        S.DISPUTES: 25, S.DENIES: 20, S.SUPPORTS: 15, S.ASSERTS: 15, S.COMMENTS: 15,
        S.CANNOT_CONFIRM: 10,
    },
    V.PARTLY_CONFIRMED: {
        S.SUPPORTS: 25, S.ASSERTS: 15, S.COMMENTS: 20, S.CANNOT_CONFIRM: 15, S.DISPUTES: 15,
        S.DENIES: 10,
    },
    V.UNVERIFIED: {
        S.COMMENTS: 25, S.CANNOT_CONFIRM: 25, S.SUPPORTS: 15, S.ASSERTS: 15, S.DISPUTES: 10,
        S.DENIES: 10,
    },
    V.RETRACTED: {
        S.DISPUTES: 25, S.DENIES: 25, S.COMMENTS: 20, S.CANNOT_CONFIRM: 15, S.SUPPORTS: 10,
        S.ASSERTS: 5,
    },
}  # fmt: skip
C = Credibility
CREDIBILITY_WEIGHTS: dict[str, dict[Credibility, int]] = {
    "positive": {C.CONFIRMED: 10, C.PROBABLY_TRUE: 30, C.POSSIBLY_TRUE: 35, C.DOUBTFUL: 15,
                 C.CANNOT_BE_JUDGED: 10},
    "negative": {C.POSSIBLY_TRUE: 15, C.DOUBTFUL: 35, C.IMPROBABLE: 35, C.CANNOT_BE_JUDGED: 15},
    "neutral": {C.POSSIBLY_TRUE: 20, C.DOUBTFUL: 20, C.CANNOT_BE_JUDGED: 60},
    "retracts": {C.IMPROBABLE: 50, C.CANNOT_BE_JUDGED: 50},
}  # fmt: skip
STANCE_CREDIBILITY: dict[str, str] = {
    S.ASSERTS: "positive", S.SUPPORTS: "positive", S.DISPUTES: "negative", S.DENIES: "negative",
    S.COMMENTS: "neutral", S.CANNOT_CONFIRM: "neutral", S.RETRACTS: "retracts",
}  # fmt: skip
Q = QuantityQualifier
QUALIFIER_WEIGHTS: dict[str, int] = {
    Q.EXACT: 25,
    Q.APPROXIMATE: 35,
    Q.AT_LEAST: 20,
    Q.UP_TO: 15,
    Q.PROJECTED: 5,
}
# What kind of document records a statement, by the speaker's kind.
K, SK = ActorKind, SourceKind
SOURCE_KIND_WEIGHTS: dict[str, dict[str, int]] = {
    K.PERSON: {
        SK.TRANSCRIPT: 25, SK.NEWS_ARTICLE: 35, SK.AGENCY_WIRE: 20, SK.SOCIAL_POST: 15,
        SK.OFFICIAL_STATEMENT: 5,
    },
    K.GOVERNMENT_BODY: {
        SK.OFFICIAL_STATEMENT: 40, SK.TRANSCRIPT: 15, SK.NEWS_ARTICLE: 25, SK.AGENCY_WIRE: 20,
    },
    K.STATE: {SK.OFFICIAL_STATEMENT: 40, SK.NEWS_ARTICLE: 35, SK.AGENCY_WIRE: 25},
    K.INTELLIGENCE_SERVICE: {
        SK.INTELLIGENCE_BRIEFING: 45, SK.NEWS_ARTICLE: 30, SK.AGENCY_WIRE: 25,
    },
    K.MEDIA_OUTLET: {SK.STATE_MEDIA_REPORT: 50, SK.NEWS_ARTICLE: 50},
    K.NEWS_AGENCY: {SK.AGENCY_WIRE: 100},
    K.ORGANISATION: {
        SK.OFFICIAL_STATEMENT: 35, SK.NEWS_ARTICLE: 35, SK.AGENCY_WIRE: 20, SK.TRANSCRIPT: 10,
    },
}  # fmt: skip
R = Reliability
RELIABILITY_WEIGHTS: dict[str, dict[str, int]] = {
    SK.NEWS_ARTICLE: {R.B: 40, R.C: 40, R.D: 15, R.F: 5},
    SK.AGENCY_WIRE: {R.A: 15, R.B: 60, R.C: 25},
    SK.OFFICIAL_STATEMENT: {R.B: 20, R.C: 60, R.D: 20},
    SK.TRANSCRIPT: {R.A: 80, R.B: 20},
    SK.STATE_MEDIA_REPORT: {R.C: 10, R.D: 40, R.E: 50},
    SK.SOCIAL_POST: {R.D: 20, R.E: 30, R.F: 50},
    SK.INTELLIGENCE_BRIEFING: {R.A: 10, R.B: 60, R.C: 30},
}
# Several voices are recorded in one of these; the others speak for their publisher alone.
MULTI_VOICE = {SK.NEWS_ARTICLE, SK.AGENCY_WIRE, SK.TRANSCRIPT}
# Origins: what wire reports cite.
ORIGIN_KINDS = {SK.INTELLIGENCE_BRIEFING, SK.OFFICIAL_STATEMENT, SK.TRANSCRIPT,
                SK.STATE_MEDIA_REPORT}  # fmt: skip
# Citation chains are at most this deep (citations from a report to its origin); the origin
# kinds cite nothing.
MAX_CHAIN_DEPTH = 5
# How deep in its topic's chains the source a report cites sits, by the report's kind (-1: it
# cites nothing). Wires cite an origin or another wire; articles cite wires, origins and other
# articles (aggregators repeating a paper repeating a wire), which makes chains of depth 1 to 5.
CITED_DEPTH_WEIGHTS: dict[str, dict[int, int]] = {
    SK.AGENCY_WIRE: {-1: 15, 0: 60, 1: 17, 2: 8},
    SK.NEWS_ARTICLE: {-1: 20, 0: 14, 1: 24, 2: 17, 3: 14, 4: 11},
}
# A report citing something also cites its topic's latest origin (a source citing several).
ALSO_CITES_ORIGIN = 0.12
# A report of a claim cites that claim's first report instead of the topic's chains (ten
# outlets repeating one briefing): many claims then have several reports and one origin.
REPEATS_FIRST_REPORT = 0.7
# A supporting statement of a claim is recorded in a new report repeating the claim's first
# report, rather than in the day's shared coverage.
REPEAT_ODDS = 0.3
# How often a new origin document becomes the one its topic's reports cite.
NEW_ORIGIN_ODDS = 0.1
# Circular reporting: a report citing another is cited back by it (a ring of two), or by the
# source that one cites (a ring of three). Rare, as in life.
RING_ODDS = 1 / 2000
# What the first re-check of a source with a URL finds.
HEALTH_WEIGHTS = {Health.OK: 80, Health.CHANGED: 8, Health.GONE: 5, Health.UNREACHABLE: 5,
                  Health.BLOCKED: 2}  # fmt: skip
RELATION_KINDS = (
    [RelationKind.REFINES] * 4
    + [RelationKind.CONTRADICTS] * 3
    + [RelationKind.SUPERSEDES] * 2
    + [RelationKind.DUPLICATES]
)
