"""Kolada's ids on organisations: a municipality's municipality id, a unit's OU id.

On SQLite, adding a NOT NULL column rebuilds the table (create a copy, move the rows, drop the
old one), and the rebuild drops the table's triggers: the cycle triggers of 0002 are created
again afterwards (``DROP … IF EXISTS`` first, so it is right whether or not they survived).
"""

import importlib

import django.core.validators
from django.db import migrations, models

_TREE = importlib.import_module("styrkort.organisations.migrations.0002_tree_without_cycles")


def recreate_cycle_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL adds the column in place; its trigger stays
    for statement in _TREE.SQLITE_REVERSE:
        schema_editor.execute(statement.replace("DROP TRIGGER", "DROP TRIGGER IF EXISTS"))
    for statement in _TREE.SQLITE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_tree_without_cycles"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="kolada_id",
            field=models.CharField(
                blank=True,
                default="",
                db_default="",
                help_text="a municipality: its Kolada municipality id (0180); a unit: its Kolada OU id",
                max_length=20,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z0-9]{1,20}\\Z", "ett Kolada-id består av versaler A–Z och siffror"
                    )
                ],
                verbose_name="Kolada-id",
            ),
        ),
        migrations.RunPython(recreate_cycle_triggers, recreate_cycle_triggers),
    ]
