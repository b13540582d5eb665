"""Intake suggestions, webhooks and API tokens become apps of their own (intake, webhooks, api).

Only Django's idea of the models moves: the tables and rows stay where they are, and the new apps'
first migrations take them over (SeparateDatabaseAndState on both sides).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("claims", "0008_search_documents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="IntakeSuggestion"),
                migrations.DeleteModel(name="WebhookDelivery"),
                migrations.DeleteModel(name="WebhookSubscription"),
                migrations.DeleteModel(name="ApiToken"),
            ],
        ),
    ]
