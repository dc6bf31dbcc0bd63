"""The organisation tree has no cycles, in the database too.

A CHECK keeps a row from being its own parent; a trigger on insert and on a change of parent
refuses a parent that lies beneath the row (a longer cycle), on SQLite and on PostgreSQL. On
PostgreSQL the trigger takes a transaction-level advisory lock first, so two transactions cannot
each add half of a cycle unseen by the other.
"""

from django.db import migrations, models

TABLE = "organisations_organisation"
ANCESTORS = f"""
    WITH RECURSIVE ancestors(id) AS (
        SELECT NEW.parent_id
        UNION
        SELECT o.parent_id FROM {TABLE} o JOIN ancestors a ON o.id = a.id WHERE o.parent_id IS NOT NULL
    )
    SELECT 1 FROM ancestors WHERE id = NEW.id
"""
SQLITE = [
    f"""
    CREATE TRIGGER organisation_no_cycle_{event.split()[0].lower()}
    BEFORE {event} ON {TABLE} FOR EACH ROW WHEN NEW.parent_id IS NOT NULL
    BEGIN
        SELECT RAISE(ABORT, 'organisation_no_cycle: an organisation cannot lie beneath itself')
        WHERE EXISTS ({ANCESTORS});
    END
    """
    for event in ("INSERT", "UPDATE OF parent_id")
]
SQLITE_REVERSE = ["DROP TRIGGER organisation_no_cycle_insert", "DROP TRIGGER organisation_no_cycle_update"]
POSTGRESQL = [
    f"""
    CREATE FUNCTION organisation_no_cycle() RETURNS trigger AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('{TABLE}'));
        IF NEW.parent_id IS NOT NULL AND EXISTS ({ANCESTORS}) THEN
            RAISE EXCEPTION 'organisation_no_cycle: an organisation cannot lie beneath itself'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER organisation_no_cycle BEFORE INSERT OR UPDATE OF parent_id ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION organisation_no_cycle()
    """,
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER organisation_no_cycle ON {TABLE}",
    "DROP FUNCTION organisation_no_cycle()",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_organisation_tree"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.CheckConstraint(
                condition=models.Q(("parent", models.F("pk")), _negated=True),
                name="organisation_parent_is_not_itself",
            ),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
