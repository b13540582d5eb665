"""Subscriptions to everything keep getting everything when a kind of event is added."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from webhooks.models import WebhookSubscription

BEFORE = [("webhooks", "0002_app_names")]
EVERYTHING_THEN = [
    "verdict.changed",
    "statement.recorded",
    "source.health_changed",
    "statement.changed",
    "statement.deleted",
    "claim.changed",
    "claim.deleted",
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_subscription_to_every_kind_gets_stance_changes_and_a_chosen_one_does_not():
    owner = get_user_model().objects.create(username="newsdesk")
    old = migrate(BEFORE)
    try:
        Subscription = old.get_model("webhooks", "WebhookSubscription")
        everything = Subscription.objects.create(
            owner_id=owner.pk, target_url="https://a.example.org/", event_types=EVERYTHING_THEN
        )
        chosen = Subscription.objects.create(
            owner_id=owner.pk, target_url="https://b.example.org/", event_types=["verdict.changed"]
        )
    finally:  # the next tests need today's schema, whatever happened here
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    # Every kind added since (0003, 0004) joins a subscription to everything.
    assert WebhookSubscription.objects.get(pk=everything.pk).event_types == [
        *EVERYTHING_THEN,
        "stance.changed",
        "projection.decided",
    ]
    assert WebhookSubscription.objects.get(pk=chosen.pk).event_types == ["verdict.changed"]
