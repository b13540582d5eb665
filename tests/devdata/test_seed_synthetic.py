"""manage.py seed_synthetic: synthetic data at scale for performance work."""

import json
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from actors.models import Actor, ActorKind, Alias
from claims.events import flag_opened_payload, statement_recorded_payload, verdict_changed_payload
from claims.models import (
    ChangeEvent,
    Claim,
    EventKind,
    FlagReason,
    FlagStatus,
    ReviewFlag,
    Stance,
    Statement,
    Topic,
    Verdict,
    VerdictChange,
)
from claims.selectors.corroboration import corroboration_counts
from claims.services import CONTRADICTING_STANCES
from devdata.management.commands.seed_synthetic import Command
from devdata.synthetic import (
    EDITOR_USERNAME,
    MAX_CHAIN_DEPTH,
    TABLES,
    IdBases,
    SyntheticData,
    chain_depths,
    documents,
    topic_slug_prefix,
)
from devdata.synthetic.vocabulary import vocabulary
from sources.models import Citation, Health, Reliance, Snapshot, Source
from sources.origins import links, trace

N = 300


def seed(claims: int = N, seed: int = 7, chunk_size: int = 120) -> str:
    out = StringIO()
    call_command(
        "seed_synthetic",
        "--claims",
        str(claims),
        "--seed",
        str(seed),
        "--chunk-size",
        str(chunk_size),
        stdout=out,
    )
    return out.getvalue()


def generated(seed: int = 7, claims: int = N, chunk: int = 120, ids: IdBases | None = None):
    """Every row the generator makes, per table, without a database."""
    data = SyntheticData(
        seed=seed, claims=claims, editor_id=1, ids=ids or IdBases(), chunk_claims=chunk
    )
    rows = defaultdict(list)
    for chunk_rows, _ in data.chunks():
        for table, table_rows in chunk_rows.items():
            rows[table].extend(table_rows)
    return rows


def public_ids(rows, table: str) -> list[str]:
    return [row[TABLES[table].columns.index("public_id")] for row in rows[table]]


@pytest.mark.django_db
def test_seeding_writes_the_promised_rows_and_keeps_every_invariant():
    output = seed()

    assert "Added" in output and "300 claims" in output
    assert Claim.objects.count() == N
    statements = Statement.objects.count()
    assert 0.8 * 3 * N <= statements <= 1.2 * 3 * N
    first_topic = Topic.objects.get(slug__startswith=f"{topic_slug_prefix(7)}00001-")
    first_claim = first_topic.claims.order_by("id").first()
    assert first_claim.statements.count() == N  # 500, capped at N for small runs

    # Verdict histories: chained from 'unverified', one version after another, ending in the
    # claim's verdict and version.
    changes = defaultdict(list)
    for change in VerdictChange.objects.order_by("claim_id", "version"):
        changes[change.claim_id].append(change)
    for claim in Claim.objects.all():
        history = changes[claim.pk]
        assert claim.version == 1 + len(history)
        verdict = Verdict.UNVERIFIED
        for version, change in enumerate(history, start=2):
            assert (change.version, change.from_verdict) == (version, verdict)
            assert change.to_verdict != change.from_verdict and change.rationale.strip()
            assert change.decided_at >= claim.recorded_at
            verdict = change.to_verdict
        assert claim.verdict == verdict
        assert claim.updated_at >= claim.recorded_at
    assert sum(map(len, changes.values())) > N // 4

    # Quantities: about one claim in four, some ranges, some projections, all complete.
    quantities = Claim.objects.exclude(quantity_value=None)
    assert 0.15 * N <= quantities.count() <= 0.35 * N
    assert quantities.exclude(quantity_max=None).exists()
    assert quantities.filter(quantity_is_projection=True).exists()
    assert not quantities.filter(quantity_unit="").exists()

    # Two clocks: said before recorded; a statement never recorded before its claim.
    for said, recorded, claim_recorded in Statement.objects.values_list(
        "said_at", "recorded_at", "claim__recorded_at"
    ):
        assert said <= recorded and recorded >= claim_recorded

    # Review flags: some open, some resolved, never two open for one claim, reason, source.
    flags = list(ReviewFlag.objects.all())
    assert {flag.status for flag in flags} == {FlagStatus.OPEN, FlagStatus.RESOLVED}
    open_keys = Counter(
        (flag.claim_id, flag.reason, flag.source_id)
        for flag in flags
        if flag.status == FlagStatus.OPEN
    )
    assert max(open_keys.values()) == 1
    for flag in flags:
        resolved = flag.status == FlagStatus.RESOLVED
        assert (flag.resolved_at is not None, flag.resolved_by_id is not None) == (
            resolved,
            resolved,
        )

    # The changes log: one event per statement, verdict change and flag, ids in time order,
    # payloads naming real rows.
    events = list(ChangeEvent.objects.order_by("id"))
    kinds = Counter(event.kind for event in events)
    assert kinds[EventKind.STATEMENT_RECORDED] == statements
    assert kinds[EventKind.VERDICT_CHANGED] == VerdictChange.objects.count()
    assert kinds[EventKind.FLAG_OPENED] == len(flags)
    times = [event.occurred_at for event in events]
    assert times == sorted(times)
    statement_ids = {str(u) for u in Statement.objects.values_list("public_id", flat=True)}
    change_ids = {str(u) for u in VerdictChange.objects.values_list("public_id", flat=True)}
    for event in events:
        if event.kind == EventKind.STATEMENT_RECORDED:
            assert event.payload["statement"] in statement_ids
        elif event.kind == EventKind.VERDICT_CHANGED:
            assert event.payload["verdict_change"] in change_ids
            assert event.payload["editor"] == EDITOR_USERNAME

    # Actors with aliases, sources with citations and snapshots that match their health.
    kinds_present = set(Actor.objects.values_list("kind", flat=True))
    assert {ActorKind.PERSON, ActorKind.GOVERNMENT_BODY, ActorKind.NEWS_AGENCY} <= kinds_present
    assert Alias.objects.filter(language="de").exists()
    assert Citation.objects.exists()
    for source in Source.objects.exclude(health=Health.UNCHECKED)[:200]:
        latest = Snapshot.objects.filter(source=source).latest()
        assert latest.health == source.health and latest.fetched_at == source.last_checked_at

    editor = get_user_model().objects.get(username=EDITOR_USERNAME)
    assert editor.groups.filter(name="editor").exists()
    assert set(VerdictChange.objects.values_list("editor", flat=True)) == {editor.pk}

    # Sequences were reset: ordinary inserts do not collide with the explicit keys.
    Claim.objects.create(topic=first_topic, text="A claim entered by hand")


@pytest.mark.django_db
def test_a_seed_gives_the_rows_the_generator_gives_without_a_database():
    seed(claims=120, seed=11, chunk_size=50)

    rows = generated(seed=11, claims=120, chunk=120)
    assert sorted(public_ids(rows, "claim")) == sorted(
        str(u) for u in Claim.objects.values_list("public_id", flat=True)
    )
    assert sorted(public_ids(rows, "statement")) == sorted(
        str(u) for u in Statement.objects.values_list("public_id", flat=True)
    )


def test_the_same_seed_gives_the_same_rows_whatever_the_chunks_and_keys():
    one = generated(chunk=300)
    two = generated(chunk=37)
    assert one == two  # every row, ids included

    elsewhere = IdBases({table: 1000 for table in TABLES})
    three = generated(chunk=37, ids=elsewhere)
    for table in ("actor", "topic", "source", "claim", "statement", "verdictchange"):
        assert public_ids(three, table) == public_ids(one, table)
    assert [row[1:] for row in three["alias"]] != [row[1:] for row in one["alias"]]  # keys moved

    other_seed = generated(seed=8)
    assert not set(public_ids(other_seed, "claim")) & set(public_ids(one, "claim"))


def test_event_ids_follow_the_time_across_chunks():
    rows = generated(claims=500, chunk=60)
    events = rows["changeevent"]
    assert [event[0] for event in events] == list(range(1, len(events) + 1))
    times = [event[5] for event in events]
    assert times == sorted(times)
    assert all(json.loads(event[4])["claim"] for event in events)


@pytest.mark.django_db
def test_a_seed_already_loaded_is_refused_and_another_seed_adds_to_it():
    seed(claims=50, seed=3)

    with pytest.raises(CommandError, match="Seed 3 is already loaded"):
        seed(claims=50, seed=3)
    assert Claim.objects.count() == 50

    seed(claims=60, seed=4)
    assert Claim.objects.count() == 110
    # Institutions both runs know (the same ministries) are shared, not duplicated.
    duplicates = Actor.objects.values("name", "kind", "country").annotate(n=Count("id"))
    assert not duplicates.filter(n__gt=1).exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--claims", "0"], "must be at least 1"),
        (["--claims", "-5"], "must be at least 1"),
        (["--claims", "many"], "expected a whole number"),
        (["--claims", "2.5"], "expected a whole number"),
        (["--claims", "10", "--seed", "-1"], "must be 0 or more"),
        ([], "--claims"),
    ],
)
def test_bad_input_is_a_command_error_with_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_synthetic", *args, stdout=StringIO())


@pytest.mark.django_db
def test_a_zero_count_passed_from_code_is_refused_too():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_synthetic", claims=0, stdout=StringIO())
    assert not Claim.objects.exists()


def test_help_explains_the_options_and_the_behaviour():
    text = " ".join(Command().create_parser("manage.py", "seed_synthetic").format_help().split())
    for expected in ("--claims N", "--seed", "--chunk-size", "one transaction", "COPY", "refused"):
        assert expected in text


@pytest.mark.postgres
@pytest.mark.django_db
def test_on_postgres_the_indexes_and_foreign_keys_are_back_after_the_load():
    tables = [table.model._meta.db_table for table in TABLES.values()]

    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indrelid::regclass::text = ANY(%s) ORDER BY 1",
                [tables],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid::regclass::text = ANY(%s) ORDER BY 1",
                [tables],
            )
            return indexes, cursor.fetchall()

    before = schema()
    seed(claims=100)
    assert schema() == before
    assert Claim.objects.count() == 100


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_postgres_two_fresh_databases_get_identical_rows_from_one_seed():
    def snapshot():
        return (
            list(Claim.objects.order_by("id").values_list("id", "public_id", "text", "verdict")),
            list(Statement.objects.order_by("id").values_list("id", "public_id", "quote")),
            list(ChangeEvent.objects.order_by("id").values_list("id", "kind", "payload")),
        )

    seed(claims=80, seed=5, chunk_size=30)
    first = snapshot()
    tables = ", ".join(table.model._meta.db_table for table in TABLES.values())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")  # a fresh database, as far as seeding goes
    assert not Topic.objects.exists()

    seed(claims=80, seed=5, chunk_size=80)
    assert snapshot() == first


def test_event_payloads_are_what_the_claims_services_log():
    rows = generated(claims=200)
    builders = {
        EventKind.STATEMENT_RECORDED: statement_recorded_payload,
        EventKind.VERDICT_CHANGED: verdict_changed_payload,
        EventKind.FLAG_OPENED: flag_opened_payload,
    }
    seen = set()
    for _, kind, _, _, text, _ in rows["changeevent"]:
        payload = json.loads(text)
        build = builders[kind]
        arguments = dict(payload)
        if kind == EventKind.VERDICT_CHANGED:
            arguments["from_verdict"] = arguments.pop("from")
            arguments["to_verdict"] = arguments.pop("to")
        assert build(**arguments) == payload
        seen.add(kind)
    assert seen == set(builders)


def test_statements_that_contradict_the_verdict_open_a_flag_as_the_service_would():
    rows = generated(claims=N)
    columns = TABLES["statement"].columns
    flagged = {
        row[TABLES["reviewflag"].columns.index("statement_id")]
        for row in rows["reviewflag"]
        if row[TABLES["reviewflag"].columns.index("reason")] == FlagReason.NEW_CONTRADICTION
    }
    assert flagged
    for statement_id in flagged:
        statement = next(row for row in rows["statement"] if row[0] == statement_id)
        stance = statement[columns.index("stance")]
        assert any(stance in stances for stances in CONTRADICTING_STANCES.values())


def test_the_word_tables_are_read_from_the_data_files_and_checked_against_the_choices():
    words = vocabulary()
    assert set(words.quotes) == set(Stance.values)
    assert set(words.rationales) == set(Verdict.values)
    assert {country.name_style for country in words.countries} <= set(words.name_styles)
    assert vocabulary() is words  # read once


@pytest.mark.django_db
def test_seeded_rows_have_their_first_version_so_as_of_sees_them():
    from common.history import rows_as_of

    seed(claims=40)
    for model in (Claim, Statement, Source, Citation, Topic):
        rows = dict(model.objects.values_list("id", "recorded_at"))
        versions = model.history.filter(history_type="+").values_list("id", "history_date")
        assert dict(versions) == rows, model
    latest = max(Statement.objects.values_list("recorded_at", flat=True))
    assert len(rows_as_of(Statement, latest)) == Statement.objects.count()
    seed(claims=40, seed=8)  # a second load starts the history of its own rows only
    assert Claim.history.count() == Claim.objects.count() == 80


@pytest.mark.django_db
def test_the_seed_traces_every_chain_and_keeps_each_claims_corroboration_counts(monkeypatch):
    # Rings of circular reporting are rare at scale (one citing report in 2,000); here they
    # are common enough for a small seed to hold some.
    monkeypatch.setattr(documents, "RING_ODDS", 0.05)
    output = seed()

    cites = defaultdict(set)
    for citing_id, cited_id in Citation.objects.values_list("citing_id", "cited_id"):
        cites[citing_id].add(cited_id)
    tracing = trace(cites, sorted(cites))
    assert tracing.cycles and tracing.through_cycles
    kept = set(Reliance.objects.values_list("source_id", "relies_on_id", "is_origin", "circular"))
    assert kept == {(pk, *link) for pk in cites for link in links(pk, tracing)}
    assert f"{len(kept):,} reliance rows" in output

    # Chains of every depth up to five, none deeper (but around a ring).
    depths = Counter(
        depth for pk, depth in chain_depths(cites).items() if pk not in tracing.through_cycles
    )
    assert set(depths) == set(range(MAX_CHAIN_DEPTH + 1))
    assert Citation.objects.values("citing").annotate(n=Count("id")).filter(n__gt=1).exists()

    # The counts kept on every claim are the ones the services keep: reports repeating one
    # origin for some claims, several independent origins for others.
    claims = {
        pk: (origins, reports)
        for pk, origins, reports in Claim.objects.values_list(
            "pk", "independent_origins", "supporting_reports"
        )
    }
    assert corroboration_counts(claims) == claims
    assert any(origins == 1 and reports > 1 for origins, reports in claims.values())
    assert any(origins > 1 for origins, _ in claims.values())


def test_chains_get_rarer_with_depth_and_depth_five_is_not_rare():
    rows = generated(claims=3000, chunk=1000)
    cites = defaultdict(set)
    for _, citing_id, cited_id, *_ in rows["citation"]:
        cites[citing_id].add(cited_id)
    depths = Counter(chain_depths(cites).values())
    # Each depth is rarer than the one before, and depth 5 is not rare.
    shares = [depths[depth] for depth in range(1, MAX_CHAIN_DEPTH + 1)]
    assert shares == sorted(shares, reverse=True) and shares[-1] > 0.02 * sum(shares)
