"""Intake suggestions, moved here from the claims app (claims/0006) with their table and rows."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone
import uuid


def take_over_content_types(apps, schema_editor):
    """Keep the content types (and so the permissions granted on them and the admin log) of the
    models this app takes over from the claims app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="claims", model__in=('intakesuggestion',)).update(app_label='intake')


def give_back_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label='intake', model__in=('intakesuggestion',)).update(app_label="claims")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('claims', '0009_move_out_intake_webhooks_tokens'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('actors', '0001_initial'),
        ('sources', '0002_recheck_claims'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(take_over_content_types, give_back_content_types),
        migrations.SeparateDatabaseAndState(
            # The tables exist already (claims 0004, 0006, 0007): this app takes them over as
            # they are, rows and all; 0002 gives them this app's names.
            state_operations=[
                migrations.CreateModel(
                    name='IntakeSuggestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(choices=[('quote', 'Quote'), ('statement', 'Statement'), ('quantity', 'Quantity'), ('actor', 'Actor')], max_length=16, verbose_name='kind')),
                        ('text', models.TextField(verbose_name='text')),
                        ('start', models.PositiveIntegerField(verbose_name='start offset')),
                        ('end', models.PositiveIntegerField(verbose_name='end offset')),
                        ('speaker', models.CharField(blank=True, help_text='The name as the text writes it.', max_length=200, verbose_name='speaker')),
                        ('stance_hint', models.CharField(blank=True, choices=[('asserts', 'Asserts'), ('supports', 'Supports'), ('comments', 'Comments'), ('cannot_confirm', 'Cannot confirm'), ('disputes', 'Disputes'), ('denies', 'Denies'), ('retracts', 'Retracts')], max_length=16, verbose_name='stance hint')),
                        ('said_on', models.DateField(blank=True, null=True, verbose_name='said on')),
                        ('value', models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True, verbose_name='value')),
                        ('value_max', models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True, verbose_name='upper bound')),
                        ('unit', models.CharField(blank=True, max_length=50, verbose_name='unit')),
                        ('qualifier', models.CharField(blank=True, choices=[('exact', 'exact'), ('approximate', 'approximate'), ('at_least', 'at least'), ('up_to', 'up to'), ('projected', 'projected')], max_length=16, verbose_name='qualifier')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                        ('is_known', models.BooleanField(default=False, verbose_name='known actor')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('accepted', 'Accepted'), ('rejected', 'Rejected')], default='pending', max_length=10, verbose_name='status')),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed at')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='recorded at')),
                        ('actor', models.ForeignKey(blank=True, help_text='The known actor the speaker or name matched, or the one an editor chose.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='actors.actor', verbose_name='actor')),
                        ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by')),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='intake_suggestions', to='sources.source')),
                        ('statement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='claims.statement', verbose_name='statement recorded')),
                    ],
                    options={
                        'ordering': ['source', 'start', 'end', 'id'],
                        'indexes': [models.Index(fields=['source', 'status'], name='claims_inta_source__0f0a3d_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['quote', 'statement', 'quantity', 'actor'])), name='claims_intakesuggestion_kind_valid', violation_error_message='kind must be one of: quote, statement, quantity, actor.'), models.CheckConstraint(condition=models.Q(('status__in', ['pending', 'accepted', 'rejected'])), name='claims_intakesuggestion_status_valid', violation_error_message='status must be one of: pending, accepted, rejected.'), models.CheckConstraint(condition=models.Q(('stance_hint', ''), ('stance_hint__in', ['asserts', 'supports', 'comments', 'cannot_confirm', 'disputes', 'denies', 'retracts']), _connector='OR'), name='claims_intakesuggestion_stance_hint_valid', violation_error_message='Unknown stance.'), models.CheckConstraint(condition=models.Q(('qualifier', ''), ('qualifier__in', ['exact', 'approximate', 'at_least', 'up_to', 'projected']), _connector='OR'), name='claims_intakesuggestion_qualifier_valid', violation_error_message='Unknown quantity qualifier.'), models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='claims_intakesuggestion_span_not_empty', violation_error_message='A suggestion covers at least one character.'), models.CheckConstraint(condition=models.Q(models.Q(('reviewed_at__isnull', True), ('status', 'pending')), models.Q(models.Q(('status', 'pending'), _negated=True), ('reviewed_at__isnull', False)), _connector='OR'), name='claims_intakesuggestion_review_consistent', violation_error_message='A reviewed suggestion has a review time; a pending one not.')],
                    },
                ),
                migrations.AlterModelTable(name='intakesuggestion', table='claims_intakesuggestion'),
            ],
        ),
    ]
