# The cascade moved to the med app (dialogportal.med). Its table stays where it is; med's first
# migration takes it over (and renames it), so existing cascades are kept.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0003_minutes_import'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Cascade')],
            database_operations=[],
        ),
    ]
