"""`styrkort import-ils` on the example report: everything lands in the database, once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkort.exchange.document import to_json
from styrkort.followup.models import Report
from styrkort.goals.models import Activity, Goal, GoalAssessment, Indicator, Measurement
from styrkort.ils import parse_ils
from styrkort.storage.store import load_followup

pytestmark = pytest.mark.django_db
CODE = "hasselby-vallingby-stadsdelsnamnd"


@pytest.fixture
def seed_file(seed_text, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_example_report_is_stored_whole(seed_file):
    out, _ = run("import-ils", str(seed_file))
    assert "35 mål, 73 indikatorer, 47 aktiviteter" in out
    assert GoalAssessment.objects.count() == 35
    assert list(Goal.objects.values_list("level").order_by("level").distinct()) == [
        ("aim",),
        ("area_goal",),
        ("committee_goal",),
    ]
    assert Measurement.objects.filter(period__year=2026).count() == 73
    assert Activity.objects.count() == 47


def test_what_is_stored_reads_back_as_the_parser_read_it(seed_file, seed_text):
    run("import-ils", str(seed_file))
    assert load_followup(CODE, "2026-T1") == parse_ils(seed_text).followup


def test_a_second_import_replaces_and_never_duplicates(seed_file):
    run("import-ils", str(seed_file))
    before = to_json(load_followup(CODE, "2026-T1"))
    counts = [m.objects.count() for m in (Goal, Indicator, Measurement, Activity, GoalAssessment)]
    run("import-ils", str(seed_file))
    assert [m.objects.count() for m in (Goal, Indicator, Measurement, Activity, GoalAssessment)] == counts
    assert to_json(load_followup(CODE, "2026-T1")) == before


def test_strict_refuses_a_report_with_lines_it_cannot_place_and_writes_nothing(seed_text, tmp_path):
    lines = seed_text.splitlines()
    where = next(i for i, line in enumerate(lines) if line.startswith("Nämndmål:"))
    lines.insert(where, "§§§ detta är ingen rad i ett ILS-dokument §§§")
    path = tmp_path / "broken.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kunde inte placeras"):
        run("import-ils", "--strict", str(path))
    assert Report.objects.count() == 0
    _, err = run("import-ils", str(path))
    assert f"broken.txt:{where + 1}:" in err
    assert Report.objects.count() == 1


def test_an_unreadable_file_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="kan inte läsas"):
        run("import-ils", str(tmp_path / "missing.txt"))


def test_skip_existing_leaves_a_stored_report_alone(seed_file):
    run("import-ils", str(seed_file))
    report = Report.objects.get()
    out, _ = run("import-ils", "--skip-existing", str(seed_file))
    assert "finns redan" in out
    assert Report.objects.get().version == report.version
