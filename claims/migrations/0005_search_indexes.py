"""Full-text search indexes for the API's `q` parameter (PostgreSQL only).

The claim and statement documents are indexed in three text-search configurations at once:
'simple' for names and words no dictionary knows, 'english' and 'german' for stemmed words
("soldiers" finds "soldier", "Soldaten" finds "Soldat"). The expressions must stay identical to
claims.selectors.claim_document / statement_document, or PostgreSQL will not use the indexes;
tests/api/test_search.py checks that it does.

The indexes are not part of the models' state: SQLite has no tsvector, and there the API falls
back to substring search. So this migration creates them only on PostgreSQL, and makemigrations
never sees them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIGS = ("simple", "english", "german")


def document(*fields):
    vector = SearchVector(*fields, config=CONFIGS[0])
    for config in CONFIGS[1:]:
        vector = vector + SearchVector(*fields, config=config)
    return vector


INDEXES = {
    "Claim": GinIndex(document("text", "original_text"), name="claims_claim_search"),
    "Statement": GinIndex(document("quote", "translation"), name="claims_statement_search"),
}


class PostgresOnlyIndexes(migrations.operations.base.Operation):
    """Create indexes the model state does not track, on PostgreSQL only."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, indexes):
        self.indexes = indexes

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, index in self.indexes.items():
            schema_editor.add_index(to_state.apps.get_model(app_label, model_name), index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, index in self.indexes.items():
            schema_editor.remove_index(from_state.apps.get_model(app_label, model_name), index)

    def describe(self):
        return "Create full-text search indexes on PostgreSQL"

    def deconstruct(self):
        return self.__class__.__qualname__, [self.indexes], {}


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_api_token")]

    operations = [PostgresOnlyIndexes(INDEXES)]
