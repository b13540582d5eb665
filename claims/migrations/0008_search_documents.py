"""Stored search documents for claims and statements (PostgreSQL only).

0005 indexed the expression `to_tsvector('simple', …) || to_tsvector('english', …) ||
to_tsvector('german', …)`. An expression index stores only lexemes, so every row the index
found was fetched and the three-configuration expression computed again to recheck it: at
1,000,000 claims, `q=aluminium` spent ~700 ms on 6,249 claims and 11,264 statements that the
index scans had found in 13 and 25 ms (docs/benchmarks.md, "Search"). Here the same document
becomes a stored generated column, `search_document`, computed once when a row is written, and
the GIN indexes (same names as before) index the column instead.

The columns are not part of the models' state, like the indexes of 0005: SQLite has no tsvector
and searches by substring instead, Django never selects or writes them, and seed_synthetic's
COPY lists model fields only, so PostgreSQL fills them itself. claims.selectors.SearchDocument
reads them.

Adding a stored column rewrites the table: on a large database this migration takes minutes
and locks claims and statements meanwhile.
"""

from django.db import migrations

DOCUMENTS = {
    "claims_claim": ("claims_claim_search", ("text", "original_text")),
    "claims_statement": ("claims_statement_search", ("quote", "translation")),
}
CONFIGS = ("simple", "english", "german")


def document(fields: tuple[str, str]) -> str:
    """The expression of 0005 and of claims.selectors before this migration, to the letter."""
    text = " || ' ' || ".join(f"COALESCE(\"{field}\", '')" for field in fields)
    return " || ".join(f"to_tsvector('{config}'::regconfig, {text})" for config in CONFIGS)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for table, (index, fields) in DOCUMENTS.items():
        # Dropped first, or the table rewrite would rebuild it only to drop it afterwards.
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({document(fields)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")
        # The column's lexeme statistics let the planner estimate how many rows a word finds.
        schema_editor.execute(f"ANALYZE {table} (search_document)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (index, fields) in DOCUMENTS.items():
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_document")  # and index
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (({document(fields)}))")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_webhooks"),
        ("actors", "0002_name_trigram_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
