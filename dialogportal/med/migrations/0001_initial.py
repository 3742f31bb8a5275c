# Takes over the cascade table that meetings created (meetings.0003 let go of it in the state),
# keeping every existing cascade, then renames it to med_cascade.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('meetings', '0004_cascade_moves_to_med'),
        ('organisation', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Cascade',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('sent', 'Sendt'), ('on_agenda', 'På dagsordenen'), ('handled', 'Behandlet'), ('acknowledged', 'Kvitteret')], default='sent', max_length=20, verbose_name='status')),
                        ('message', models.TextField(blank=True, verbose_name='besked til udvalget')),
                        ('comment', models.TextField(blank=True, verbose_name='kommentar tilbage')),
                        ('sent_at', models.DateTimeField(auto_now_add=True)),
                        ('handled_at', models.DateTimeField(blank=True, null=True)),
                        ('acknowledged_at', models.DateTimeField(blank=True, null=True)),
                        ('sent_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('source_item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cascades', to='meetings.agendaitem', verbose_name='punkt')),
                        ('target_committee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='incoming_cascades', to='organisation.committee')),
                        ('target_item', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='cascaded_from', to='meetings.agendaitem')),
                    ],
                    options={
                        'verbose_name': 'videregivelse',
                        'verbose_name_plural': 'videregivelser',
                        'ordering': ['source_item', 'target_committee__name'],
                        'constraints': [models.UniqueConstraint(fields=('source_item', 'target_committee'), name='cascade_once_per_target')],
                        'db_table': 'meetings_cascade',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='cascade', table=None),
    ]
