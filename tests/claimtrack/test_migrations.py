"""A database of the previous layout (API tokens, intake suggestions and webhooks registered under
the claims app) migrates to the apps of their own and keeps every row."""

from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from api.models import ApiToken
from claims.models import Claim, Statement, VerdictChange
from intake.models import IntakeSuggestion
from webhooks.models import WebhookDelivery, WebhookSubscription

# The last migrations of the previous layout, and the apps that did not exist yet.
BEFORE = [
    ("claims", "0008_search_documents"),
    ("sources", "0002_recheck_claims"),
    ("actors", "0002_name_trigram_indexes"),
    ("api", None),
    ("intake", None),
    ("webhooks", None),
]
MOVED = {"apitoken": "api", "intakesuggestion": "intake", "webhooksubscription": "webhooks"}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_and_the_moved_rows_survive_the_move_to_apps_of_their_own():
    from devdata.demo import load_demo

    load_demo(set_passwords=False)
    counted = {
        model: model.objects.count()
        for label in ("actors", "sources", "claims", "auth")
        for model in apps.get_app_config(label).get_models()
        # Going back drops the history tables; coming forward gives each row a first version.
        # Measures and projection outcomes came later than that layout and go with it.
        if not model.__name__.startswith("Historical")
        and model.__name__ not in ("Measure", "ProjectionOutcome")
    }
    assert counted[Claim] and counted[Statement] and counted[VerdictChange]
    old = migrate(BEFORE)
    try:
        check_the_move(old, counted)
    finally:  # the next tests need today's schema, whatever happened here
        migrate(leaf_nodes())


def check_the_move(old, counted):
    # The demo went back to the previous layout with the database; what it wrote must come
    # forward again, beside rows of the moved models written as that layout knew them.
    user = get_user_model().objects.order_by("id").first()
    # Read through the old layout's models: today's Claim has columns that layout lacks.
    claim = old.get_model("claims", "Claim").objects.order_by("id").first()
    statement = old.get_model("claims", "Statement").objects.order_by("id").first()
    old_token = old.get_model("claims", "ApiToken").objects.create(
        name="partner-site", scope="read", prefix="abcdefgh", key_hash="a" * 64, user_id=user.pk
    )
    old_subscription = old.get_model("claims", "WebhookSubscription").objects.create(
        target_url="https://hooks.example.org/claimtrack",
        event_types=["verdict.changed"],
        secret="s" * 40,
        owner_id=user.pk,
    )
    event = old.get_model("claims", "ChangeEvent").objects.order_by("id").first()
    old.get_model("claims", "WebhookDelivery").objects.create(
        subscription_id=old_subscription.pk, event_id=event.pk, attempt=1
    )
    old.get_model("claims", "IntakeSuggestion").objects.create(
        source_id=statement.source_id,
        kind="statement",
        text="Pjöngjang weist die Berichte zurück.",
        start=0,
        end=36,
        statement_id=statement.pk,
    )
    view_token = Permission.objects.get(
        content_type__app_label="claims", codename="view_apitoken"
    ).pk

    migrate(leaf_nodes())

    assert {model: model.objects.count() for model in counted} == counted
    # Each row that predates the history has one version, recorded when the row was.
    for model in (Claim, Statement):
        first_versions = model.history.values_list("id", "history_date", "history_type")
        rows = model.objects.values_list("id", "recorded_at")
        assert sorted(first_versions) == sorted((pk, at, "+") for pk, at in rows)
    token = ApiToken.objects.get()
    assert (token.public_id, token.name, token.user_id) == (
        old_token.public_id,
        "partner-site",
        user.pk,
    )
    subscription = WebhookSubscription.objects.get()
    assert subscription.public_id == old_subscription.public_id
    assert WebhookDelivery.objects.get().subscription == subscription
    suggestion = IntakeSuggestion.objects.get()
    assert (suggestion.statement_id, suggestion.source_id) == (statement.pk, statement.source_id)
    assert Claim.objects.order_by("id").first().pk == claim.pk
    # The tables carry their new app's name, and the content types (with the permissions
    # granted on them and the admin's log) moved along instead of being made anew.
    tables = connection.introspection.table_names()
    assert {"api_apitoken", "intake_intakesuggestion", "webhooks_webhooksubscription"} <= set(
        tables
    )
    assert not [table for table in tables if table.startswith("claims_") and "apitoken" in table]
    for model, app in MOVED.items():
        assert ContentType.objects.get(model=model).app_label == app
    assert Permission.objects.get(codename="view_apitoken").pk == view_token
    assert token.created_at <= datetime.now(UTC)
