"""Trigram indexes for finding actors by part of a name or alias (PostgreSQL only).

Names are matched as substrings, `UPPER(name::text) LIKE UPPER('%q%')` (Django's `icontains`),
which a B-tree cannot serve: every search scanned both tables. A pg_trgm GIN index on exactly
that expression can (for `q` of three or more characters).

Like claims' search indexes, these are not part of the models' state: SQLite has no pg_trgm, so
they exist only on PostgreSQL and makemigrations never sees them. seed_synthetic drops and
rebuilds only B-tree indexes, so GIN indexes survive a seed.
"""

from django.db import migrations

FORWARDS = [
    # Trusted since PostgreSQL 13: the database owner may create it, no superuser needed.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX {table}_name_trgm ON {table} USING gin (upper(name::text) gin_trgm_ops)"
        for table in ("actors_actor", "actors_alias")
    ),
]

# The extension stays: other objects may have come to depend on it.
BACKWARDS = [
    "DROP INDEX IF EXISTS actors_alias_name_trgm",
    "DROP INDEX IF EXISTS actors_actor_name_trgm",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(FORWARDS), _on_postgresql(BACKWARDS))]
