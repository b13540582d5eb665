import argparse
import json
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from actors.models import Actor
from claims.models import Claim, ClaimRelation, Statement, Topic
from claims.selectors.corroboration import SUPPORTING_STANCES, StatementRow, count_supporting
from common.history import record_first_versions
from common.roles import EDITOR
from devdata.synthetic import (
    CHUNK_CLAIMS,
    CLAIMS_PER_TOPIC,
    EDITOR_USERNAME,
    END,
    HEAVY_EVERY,
    HEAVY_STATEMENTS,
    JSON_COLUMNS,
    START,
    STATEMENTS_PER_CLAIM,
    TABLES,
    Chunk,
    IdBases,
    SyntheticData,
    Table,
    topic_slug_prefix,
)
from sources.models import Citation, Reliance, Source
from sources.origins import links
from sources.selectors import chains_of, trace_from
from sources.services import retrace_all_origins

BAR_WIDTH = 30
MAX_SEED = 2**63 - 1  # keeps topic slugs within their 100 characters
# Index builds sort in memory; the default 64 MB makes them spill to disk at this size.
INDEX_BUILD_MEMORY = "1GB"
# Supporting statements counted per round (their chains are read in one query per round).
COUNT_BATCH_STATEMENTS = 50_000


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def seed_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be 0 or more, up to {MAX_SEED}, got {value}")
    return value


# The models whose history (common.history) a bulk load must start.
TRACKED_MODELS = (Actor, Source, Citation, Topic, Claim, ClaimRelation, Statement)


class Command(BaseCommand):
    help = (
        "Add N synthetic claims, with everything around them, for performance work. "
        f"Writes topics (one per {CLAIMS_PER_TOPIC} claims), actors with aliases and "
        "affiliations (people, governments, ministries, intelligence services, media outlets and "
        "news agencies of about 50 countries), sources with citation chains of depth 1 to 5 "
        "(wires citing origins or other wires, articles citing wires, origins and other "
        "articles, a few citing several, rare rings of circular reporting) and re-check "
        "snapshots, claims (one in four with a quantity), about "
        f"{STATEMENTS_PER_CLAIM} statements per claim (0 to dozens; the first claim, and one in "
        f"every {HEAVY_EVERY:,}, gets {HEAVY_STATEMENTS}), verdict histories that end in each "
        "claim's verdict and version, review flags (open and resolved), a changes-log event for "
        "every statement, verdict change and flag (ids in time order), and the user "
        f"'{EDITOR_USERNAME}' (group 'editor') who recorded and decided them. The synthetic "
        f"newsroom's clock runs from {START:%Y-%m-%d} to {END:%Y-%m-%d}; URLs are under the "
        "reserved .example domain, so re-checks never reach a real site. "
        "The same --seed gives the same rows (UUIDs, texts, times), whatever the chunk size; "
        "only primary keys depend on what the database already holds. "
        "Existing data is kept: primary keys are allocated above the current maximum, actors "
        "with the same name, kind and country are reused, and the sequences are reset at the "
        "end. Everything is one transaction: an interrupted run leaves nothing behind. A seed "
        "already loaded (topics named 'synthetic-<seed>-…') is refused. "
        "On PostgreSQL the rows go in through COPY while the next chunk is generated; the "
        "tables written, and auth_user, are locked for the run (readers wait too: seed a "
        "database nobody is using), their non-unique B-tree "
        "indexes and foreign keys are dropped for the load and rebuilt (and validated) before "
        "the commit, and ANALYZE runs at the end: 1,000,000 claims took 12 to 15 minutes on "
        "two shared cores (Python and PostgreSQL each need 6 to 8 CPU-minutes). Other "
        "databases get bulk_create: slower, fine for tests and a first look. "
        "After the load, what the services keep on write is derived: every source's chain "
        "(Reliance, rebuilt from all citations) and each new claim's independent supporting "
        "origins and supporting reports (claims.selectors.corroboration.count_supporting, a "
        "batch of claims at a time): 12 minutes more for 1,000,000 claims on busy cores."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--claims",
            type=positive_int,
            required=True,
            metavar="N",
            help="How many claims to add (at least 1); the other tables grow with it.",
        )
        parser.add_argument(
            "--seed",
            type=seed_int,
            default=0,
            help=(
                "Random seed (0 or more, default 0). Each seed can be loaded once per database; "
                "load more data with another seed."
            ),
        )
        parser.add_argument(
            "--chunk-size",
            type=positive_int,
            default=CHUNK_CLAIMS,
            metavar="CLAIMS",
            help=(
                f"Claims generated and written per round (default {CHUNK_CLAIMS:,}); bounds "
                "memory. Does not change the rows."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        claims, seed = options["claims"], options["seed"]
        # Checked again here: call_command(..., claims=0) can bypass the argument parser.
        if not isinstance(claims, int) or isinstance(claims, bool) or claims <= 0:
            raise CommandError(f"--claims must be a whole number of at least 1, got {claims!r}.")
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
            raise CommandError(f"--seed must be a whole number from 0 to {MAX_SEED}, got {seed!r}.")
        self._refuse_loaded_seed(seed)

        self.postgres = connection.vendor == "postgresql"
        self.timings: dict[str, float] = {}
        self.counts = dict.fromkeys(TABLES, 0)
        self.counts_extra: dict[str, int] = {}
        self.traced = 0
        self.started = time.perf_counter()
        with transaction.atomic():
            if self.postgres:
                self._lock_tables()
            self._refuse_loaded_seed(seed)  # again, now that no other run can write
            editor = self._editor()
            data = SyntheticData(
                seed=seed,
                claims=claims,
                editor_id=editor.pk,
                ids=IdBases({name: self._max_id(table) + 1 for name, table in TABLES.items()}),
                existing_actors={
                    (name, kind, country): (pk, str(public_id))
                    for name, kind, country, pk, public_id in Actor.objects.values_list(
                        "name", "kind", "country", "pk", "public_id"
                    )
                },
                chunk_claims=options["chunk_size"],
            )
            first_claim = data.ids.next_id["claim"]
            if self.postgres:
                with self._timed("drop indexes and foreign keys"):
                    create_indexes, add_foreign_keys = self._drop_indexes_and_foreign_keys()
                with self._timed("load (generate and copy)"):
                    self._load_with_copy(data)
                # Before the indexes come back: the claims' counts are written once, and the
                # B-trees are then built over the final rows instead of being kept up to date
                # through a million updates.
                self._derive(first_claim=first_claim)
                with self._timed("create indexes"), connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
                    for sql in create_indexes:
                        cursor.execute(sql)
                with self._timed("add foreign keys"), connection.cursor() as cursor:
                    for sql in add_foreign_keys:
                        cursor.execute(sql)
            else:
                with self._timed("load (generate and bulk_create)"):
                    self._load_with_bulk_create(data)
                self._derive(first_claim=first_claim)
            with self._timed("reset sequences"):
                self._reset_sequences()
            # Bulk loads skip the models' history: give each new row its first version, or
            # `as_of` questions would not see it.
            with self._timed("record first versions"):
                record_first_versions(*TRACKED_MODELS)
            commit_started = time.perf_counter()
        self.timings["commit"] = time.perf_counter() - commit_started
        if self.postgres:
            # The history tables too: without statistics PostgreSQL reads an as_of question by
            # the date index through every record (5 s instead of 0.2 for a topic's changes).
            histories = ", ".join(
                self._quoted(model.history.model._meta.db_table) for model in TRACKED_MODELS
            )
            # Reliance too: without statistics PostgreSQL read a claim's chains by scanning all
            # 1.5 million rows (300 ms instead of 4 for the claim detail's chains).
            reliance = self._quoted(Reliance._meta.db_table)
            with self._timed("analyze"), connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {self._table_list()}, {reliance}, {histories}")
        self._summary()

    # -- steps ---------------------------------------------------------------------------

    def _refuse_loaded_seed(self, seed: int) -> None:
        prefix = topic_slug_prefix(seed)
        if Topic.objects.filter(slug__startswith=prefix).exists():
            raise CommandError(
                f"Seed {seed} is already loaded in this database (topics '{prefix}…'). "
                "Use another --seed, or a fresh database."
            )

    def _lock_tables(self) -> None:
        # Explicit primary keys above the current maximum are only safe while nobody else
        # inserts, and dropping indexes needs the tables to itself anyway.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {self._table_list()} IN ACCESS EXCLUSIVE MODE")

    def _editor(self) -> User:
        try:
            group = Group.objects.get(name=EDITOR)
        except Group.DoesNotExist:
            raise CommandError("The 'editor' group is missing: run `manage.py migrate`.") from None
        editor, created = get_user_model().objects.get_or_create(username=EDITOR_USERNAME)
        if created:
            editor.set_unusable_password()
            editor.save()
        editor.groups.add(group)
        return editor

    def _max_id(self, table: Table) -> int:
        return table.model._base_manager.aggregate(top=Max("pk"))["top"] or 0

    def _drop_indexes_and_foreign_keys(self) -> tuple[list[str], list[str]]:
        """Drop the non-unique B-tree indexes and the foreign keys of the written tables;
        return the statements that bring them back.

        Measured on 100,000 claims: maintaining every index row by row and checking every
        foreign key of every row at commit took most of the time. A B-tree is built once from
        sorted rows in a fraction of that time, and a foreign key is validated with one join.
        The full-text (GIN) indexes stay: PostgreSQL builds those no faster at the end, one at a
        time, while during the load it maintains them on one core as Python generates on the
        other. Primary keys and unique indexes stay too, so duplicates are refused as they
        arrive. All of it happens inside the run's transaction: a failure restores everything.
        """
        tables = [table.model._meta.db_table for table in TABLES.values()]
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT format('ALTER TABLE %%I.%%I DROP CONSTRAINT %%I',
                              n.nspname, t.relname, c.conname),
                       format('ALTER TABLE %%I.%%I ADD CONSTRAINT %%I %%s',
                              n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid))
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE c.contype = 'f' AND t.relname = ANY(%s) AND n.nspname = current_schema()
                ORDER BY t.relname, c.conname
                """,
                [tables],
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                """
                SELECT format('DROP INDEX %%I.%%I', n.nspname, i.relname),
                       pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_am am ON am.oid = i.relam
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE t.relname = ANY(%s) AND n.nspname = current_schema()
                  AND am.amname = 'btree' AND NOT x.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                ORDER BY t.relname, i.relname
                """,
                [tables],
            )
            indexes = cursor.fetchall()
            for drop, _ in foreign_keys + indexes:
                cursor.execute(drop)
        return [create for _, create in indexes], [add for _, add in foreign_keys]

    def _generate(self, data: SyntheticData) -> Iterator[tuple[Chunk, int]]:
        chunks = data.chunks()
        while True:
            with self._timed("generate"):
                item = next(chunks, None)
            if item is None:
                return
            yield item

    def _load_with_copy(self, data: SyntheticData) -> None:
        """Generate chunks here while a second thread COPYs the previous one: PostgreSQL works
        on one core while Python generates on the other."""
        connection.ensure_connection()
        # The transaction's own connection; nothing else uses it until the writer is done.
        raw = connection.connection
        pending: queue.Queue[tuple[Chunk, int] | None] = queue.Queue(maxsize=1)
        failures: list[BaseException] = []
        columns = {name: self._columns(table) for name, table in TABLES.items()}

        def write() -> None:
            try:
                while (item := pending.get()) is not None:
                    chunk, done = item
                    for name, table in TABLES.items():
                        if chunk[name]:
                            with self._timed(f"copy {name}"):
                                self._copy(raw, table, columns[name], chunk[name])
                            self.counts[name] += len(chunk[name])
                    self._progress(done, data.claims)
            except BaseException as exc:
                failures.append(exc)
                while pending.get() is not None:  # let the generator finish its put
                    pass

        self._progress(0, data.claims)
        writer = threading.Thread(target=write, name="seed-synthetic-copy", daemon=True)
        writer.start()
        try:
            for item in self._generate(data):
                if failures:
                    break
                pending.put(item)
        finally:
            pending.put(None)
            writer.join()
        if failures:
            raise failures[0]
        self._end_progress()

    def _copy(
        self,
        raw: Any,
        table: Table,
        columns: tuple[str, tuple[Any, ...]],
        rows: Sequence[tuple[Any, ...]],
    ) -> None:
        sql, defaults = columns
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            write_row = copy.write_row
            if defaults:
                for row in rows:
                    write_row(row + defaults)
            else:
                for row in rows:
                    write_row(row)

    def _columns(self, table: Table) -> tuple[str, tuple[Any, ...]]:
        """The COPY statement for the generator's rows, and values to append to each row for
        columns the generator does not know (added since): their fields' defaults."""
        known = set(table.columns)
        by_attname = {f.attname: f for f in table.model._meta.concrete_fields}
        if missing := known - set(by_attname):
            raise CommandError(
                f"{table.model.__name__} has no field {', '.join(sorted(missing))} any more: "
                "teach devdata/synthetic/tables.py the new schema."
            )
        # Concrete fields are exactly the ones with a column; the stubs allow None for all.
        columns = [cast(str, by_attname[name].column) for name in table.columns]
        defaults = []
        for field in table.model._meta.concrete_fields:
            if field.attname in known:
                continue
            if not field.has_default() and not field.null:
                raise CommandError(
                    f"{table.model.__name__}.{field.name} has no default: teach "
                    "devdata/synthetic/tables.py to fill it."
                )
            columns.append(cast(str, field.column))
            defaults.append(field.get_db_prep_save(field.get_default(), connection))
        quoted = ", ".join(self._quoted(column) for column in columns)
        sql = f"COPY {self._quoted(table.model._meta.db_table)} ({quoted}) FROM STDIN"
        return sql, tuple(defaults)

    def _derive(self, *, first_claim: int) -> None:
        """What the services keep on write and a bulk load skips: every source's chain of
        citations (Reliance) and the corroboration counts of the new claims."""
        with self._timed("trace origins"):
            self.traced = self._trace_origins() if self.postgres else retrace_all_origins()
        self.counts_extra = {"reliance rows": Reliance.objects.count()}
        with self._timed("count corroboration"):
            self._count_corroboration(first_claim)

    def _trace_origins(self) -> int:
        """sources.services.retrace_all_origins with COPY: the same chains (sources.origins),
        written faster (the million-claim data set's 1.55 million rows: 138 s with bulk_create,
        55 s with COPY, on cores shared with two test suites; reading the citations took 41 s
        and tracing them 42)."""
        citing_ids = sorted(set(Citation.objects.values_list("citing_id", flat=True)))
        tracing = trace_from(citing_ids)
        Reliance.objects.all().delete()
        fields = {field.attname: field for field in Reliance._meta.concrete_fields}
        columns = ", ".join(
            self._quoted(cast(str, fields[name].column))
            for name in ("source_id", "relies_on_id", "is_origin", "circular")
        )
        sql = f"COPY {self._quoted(Reliance._meta.db_table)} ({columns}) FROM STDIN"
        with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for source_id in citing_ids:
                for relies_on, origin, ring in links(source_id, tracing):
                    copy.write_row((source_id, relies_on, origin, ring))
        return len(citing_ids)

    def _count_corroboration(self, first_claim: int) -> None:
        """Each new claim's independent supporting origins and supporting reports, as
        claims.services.refresh_corroboration keeps them, with the same count_supporting:
        supporting statements read in claim order, a batch of claims at a time with the chains
        of their sources in one query, and the counts written in one UPDATE at the end (claims
        without a supporting statement keep their 0, 0)."""
        rows = (
            Statement.objects.filter(claim_id__gte=first_claim, stance__in=SUPPORTING_STANCES)
            .order_by("claim_id")
            .values_list(
                "claim_id", "actor_id", "source_id", "source__kind", "source__publisher_id"
            )
        )
        total = Claim.objects.filter(pk__gte=first_claim).count()
        started = time.perf_counter()
        counted: list[tuple[int, int, int]] = []
        batch: list[StatementRow] = []

        def count() -> None:
            chains = chains_of({row[2] for row in batch})
            claim_ids = {row[0] for row in batch}
            for claim_id, (origins, reports) in count_supporting(claim_ids, batch, chains).items():
                counted.append((claim_id, origins, reports))
            batch.clear()
            self._progress(counted[-1][0] - first_claim + 1, total, "claims counted", started)

        self._progress(0, total, "claims counted", started)
        for row in rows.iterator(chunk_size=10_000):
            # A batch ends between two claims, so each claim is counted whole.
            if len(batch) >= COUNT_BATCH_STATEMENTS and row[0] != batch[-1][0]:
                count()
            batch.append(row)
        if batch:
            count()
        self._progress(total, total, "claims counted", started)
        self._end_progress()
        self._write_counts(counted)
        self.counts_extra["claims with support"] = len(counted)

    def _write_counts(self, counted: list[tuple[int, int, int]]) -> None:
        if not self.postgres:
            claims = [
                Claim(pk=pk, independent_origins=origins, supporting_reports=reports)
                for pk, origins, reports in counted
            ]
            Claim.objects.bulk_update(
                claims, ["independent_origins", "supporting_reports"], batch_size=500
            )
            return
        table = self._quoted(Claim._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE synthetic_corroboration "
                "(id bigint PRIMARY KEY, origins integer, reports integer) ON COMMIT DROP"
            )
            raw = connection.connection
            with (
                raw.cursor() as copying,
                copying.copy(
                    "COPY synthetic_corroboration (id, origins, reports) FROM STDIN"
                ) as copy,
            ):
                for row in counted:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {table} AS claim SET independent_origins = counted.origins, "
                "supporting_reports = counted.reports FROM synthetic_corroboration AS counted "
                "WHERE claim.id = counted.id"
            )
            # Now, not only at the commit: a second run inside one transaction (the tests)
            # makes it again.
            cursor.execute("DROP TABLE synthetic_corroboration")

    def _load_with_bulk_create(self, data: SyntheticData) -> None:
        self._progress(0, data.claims)
        for chunk, done in self._generate(data):
            for name, table in TABLES.items():
                if chunk[name]:
                    with self._timed(f"write {name}"):
                        self._bulk_create(name, table, chunk[name])
                    self.counts[name] += len(chunk[name])
            self._progress(done, data.claims)
        self._end_progress()

    def _bulk_create(self, name: str, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
        columns = table.columns
        json_columns = [column for column in columns if (name, column) in JSON_COLUMNS]
        objects = []
        for row in rows:
            values = dict(zip(columns, row, strict=True))
            for column in json_columns:
                values[column] = json.loads(values[column])
            objects.append(table.model(**values))
        table.model._base_manager.bulk_create(objects, batch_size=500)

    def _reset_sequences(self) -> None:
        models = [table.model for table in TABLES.values()]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    # -- output --------------------------------------------------------------------------

    def _progress(
        self, done: int, total: int, what: str = "claims", since: float | None = None
    ) -> None:
        elapsed = time.perf_counter() - (self.started if since is None else since)
        share = done / total if total else 1.0
        filled = int(BAR_WIDTH * share)
        left = f", ~{_duration(elapsed / share - elapsed)} left" if 0 < share < 1 else ""
        line = (
            f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {share:4.0%}  "
            f"{done:,}/{total:,} {what}  {_duration(elapsed)}{left}"
        )
        if self.stdout.isatty():
            self.stdout.write(f"\r{line}\x1b[K", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)

    def _end_progress(self) -> None:
        if self.stdout.isatty():
            self.stdout.write("")

    def _summary(self) -> None:
        rows = ", ".join(
            f"{count:,} {TABLES[name].model._meta.verbose_name_plural}"
            for name, count in self.counts.items()
            if count
        )
        elapsed = _duration(time.perf_counter() - self.started)
        self.stdout.write(self.style.SUCCESS(f"Added {rows} in {elapsed}."))
        derived = ", ".join(f"{count:,} {name}" for name, count in self.counts_extra.items())
        self.stdout.write(f"Traced the chains of {self.traced:,} citing sources: {derived}.")
        # Generating and copying overlap on PostgreSQL: their times add up to more than the
        # load's wall-clock time.
        phases = "; ".join(f"{phase} {seconds:.1f} s" for phase, seconds in self.timings.items())
        self.stdout.write(f"Time per phase: {phases}.")

    # -- helpers -------------------------------------------------------------------------

    def _timed(self, phase: str) -> "_Timer":
        return _Timer(self.timings, phase)

    def _table_list(self) -> str:
        return ", ".join(self._quoted(table.model._meta.db_table) for table in TABLES.values())

    @staticmethod
    def _quoted(name: str) -> str:
        return connection.ops.quote_name(name)


class _Timer:
    def __init__(self, timings: dict[str, float], phase: str) -> None:
        self.timings, self.phase = timings, phase

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self.started
        self.timings[self.phase] = self.timings.get(self.phase, 0.0) + elapsed


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m"
