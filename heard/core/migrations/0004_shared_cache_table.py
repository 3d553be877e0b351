"""The table of the `shared` cache (settings.CACHES), so that `heard migrate` is the one step a new install or an
upgrade needs. Does nothing when `shared` is not a database cache."""

from django.core.management import call_command
from django.db import migrations


def make_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_task_workers")]

    operations = [migrations.RunPython(make_cache_table, migrations.RunPython.noop, elidable=False)]
