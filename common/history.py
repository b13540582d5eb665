"""History that never rewrites the past: what each tracked row read at any moment.

Claims, statements, topics, sources, citations, actors and their relations keep every version
of themselves (django-simple-history: a `Historical…` table per model, one record per save or
delete, with who and when). `history_date` is the knowledge clock: the moment the version was
recorded (common.clock), which for a row's first version is exactly its `recorded_at`.

`as_of` questions read these tables rather than the live ones, so an answer about a past
moment is built only from what had been recorded by then, and a later edit or deletion adds a
record without touching the ones the answer was built from.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from . import clock

_M = TypeVar("_M", bound=models.Model)

CREATED, CHANGED, DELETED = "+", "~", "-"


class TrackedHistory(HistoricalRecords):
    """simple-history's records, with the index `as_of` reads by: a row's versions in date
    order (records_as_of looks up the version in force per row), and the model's own for the
    orders a past page reads its history in."""

    def __init__(self, *args: Any, indexes: Iterable[models.Index] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra_indexes = list(indexes)

    def get_meta_options(self, model: type[models.Model]) -> dict[str, Any]:
        options: dict[str, Any] = super().get_meta_options(model)
        pk = model._meta.pk.attname
        name = f"{model._meta.db_table[:24]}_as_of"
        options["indexes"] = [
            models.Index(fields=[pk, "history_date", "history_id"], name=name),
            *self.extra_indexes,
        ]
        return options


def tracked(
    *, excluded_fields: Iterable[str] = (), indexes: Iterable[models.Index] = ()
) -> HistoricalRecords:
    """The history of a model, declared the same way everywhere: `history = tracked()`;
    `indexes` on the historical table, for a past page that reads it in an order of its own."""
    return TrackedHistory(
        excluded_fields=list(excluded_fields), cascade_delete_history=False, indexes=indexes
    )


@receiver(pre_create_historical_record)
def _stamp_with_the_knowledge_clock(
    sender: Any, instance: models.Model, history_instance: Any, **kwargs: Any
) -> None:
    # simple-history stamps the wall clock; ours is common.clock, which an importer of a past
    # story may have set. A row's first version carries its recorded_at to the microsecond,
    # so that "recorded by T" means the same on the live row and in its history.
    if hasattr(instance, "_history_date"):
        return
    recorded_at = getattr(instance, "recorded_at", None)
    if history_instance.history_type == CREATED and recorded_at is not None:
        history_instance.history_date = recorded_at
    else:
        history_instance.history_date = clock.now()


def history_of(model: type[models.Model]) -> QuerySet[Any]:
    """Every historical record of `model` (a plain queryset of the Historical… model)."""
    history_model = model.history.model  # type: ignore[attr-defined]
    return history_model._default_manager.all()


def records_as_of(model: type[models.Model], at: datetime, **filters: Any) -> QuerySet[Any]:
    """The version of each row of `model` in force at `at`, among the rows whose version then
    matches `filters` (on the historical model's fields, e.g. claim_id=…); rows not yet
    recorded, or deleted by then, are left out.

    Portable SQL (SQLite has no DISTINCT ON): a record is in force when it is the row's latest
    recorded by `at`, ties on the date broken by the record's id. That looks at every record
    of the row, not only those matching `filters`, so a statement moved to another claim
    before `at` is no longer counted on the first.
    """
    history = history_of(model)
    pk = model._meta.pk.attname
    # A scalar subquery, one index probe per candidate record (the TrackedHistory index): as
    # NOT EXISTS, PostgreSQL would hash-join every record recorded by `at`, a million rows.
    in_force = (
        history.filter(**{pk: OuterRef(pk)}, history_date__lte=at)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    # Unordered (the historical models order by date, which would have PostgreSQL walk the date
    # index through every record up to `at` rather than use the index of `filters`).
    return (
        history.filter(history_date__lte=at, **filters)
        .filter(history_id=Subquery(in_force))
        .exclude(history_type=DELETED)
        .order_by()
    )


def rows_as_of(model: type[_M], at: datetime, **filters: Any) -> list[_M]:
    """The rows of `model` as they read at `at` (see records_as_of), as model instances that
    are not saved: reading them costs one query, their relations are not loaded. Fields the
    history leaves out keep their defaults: the caller knows where their past is kept."""
    return [as_instance(model, record) for record in records_as_of(model, at, **filters)]


def as_instance(model: type[_M], record: Any) -> _M:
    """The row a historical record describes. Not simple-history's `record.instance`, which
    reads the fields it leaves out from the live row: one query per row, and today's values."""
    values = {field.attname: getattr(record, field.attname) for field in record.tracked_fields}
    row = model(**values)
    row._state.adding = False
    # When this version was recorded: what a comparison of two moments reports as "when".
    row.version_recorded_at = record.history_date  # type: ignore[attr-defined]
    return row


def by_pk_as_of(model: type[_M], at: datetime, pks: Iterable[Any]) -> dict[Any, _M]:
    """The rows with these primary keys as they read at `at`, by primary key; in one query."""
    pks = set(pks)
    if not pks:
        return {}
    pk = model._meta.pk.attname
    return {row.pk: row for row in rows_as_of(model, at, **{f"{pk}__in": pks})}


def first_versions_sql(live: type[models.Model], history: type[models.Model], quote: Any) -> str:
    """INSERT … SELECT giving each row of `live` that has no version in `history` a first one,
    recorded at the row's recorded_at (one parameter: the history type)."""
    columns = [
        field.column
        for field in history._meta.concrete_fields
        if not field.name.startswith("history_")
    ]
    pk = quote(live._meta.pk.column)
    listed = ", ".join(quote(column) for column in columns)
    live_table, history_table = quote(live._meta.db_table), quote(history._meta.db_table)
    return (
        f"INSERT INTO {history_table} "
        f"({listed}, history_date, history_type, history_change_reason, history_user_id) "
        f"SELECT {listed}, {quote('recorded_at')}, %s, NULL, NULL FROM {live_table} AS live "
        f"WHERE NOT EXISTS (SELECT 1 FROM {history_table} AS h WHERE h.{pk} = live.{pk})"
    )


def record_first_versions(*tracked_models: type[models.Model]) -> None:
    """Give every row written without its history (bulk loads: devdata's synthetic data) a
    first version, so that `as_of` sees it; in one statement per model."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in tracked_models:
            history = model.history.model  # type: ignore[attr-defined]
            cursor.execute(first_versions_sql(model, history, connection.ops.quote_name), [CREATED])


def record_existing_rows(app_label: str, *model_names: str) -> Any:
    """A migration operation giving every row that predates its model's history a first
    version, recorded at the row's recorded_at: without one, `as_of` would not see the row.

    One INSERT … SELECT per model, so that it takes seconds on a million rows.
    """
    from django.db import migrations

    def forwards(apps: Any, schema_editor: Any) -> None:
        for name in model_names:
            live = apps.get_model(app_label, name)
            history = apps.get_model(app_label, f"Historical{name}")
            schema_editor.execute(
                first_versions_sql(live, history, schema_editor.quote_name), [CREATED]
            )

    def backwards(apps: Any, schema_editor: Any) -> None:
        for name in model_names:
            apps.get_model(app_label, f"Historical{name}").objects.all().delete()

    return migrations.RunPython(forwards, backwards, elidable=False)
