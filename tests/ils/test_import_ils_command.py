"""`styrkort import-ils` on the example report: everything lands in the database, once."""

from __future__ import annotations

import getpass
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkort.audit.models import Change
from styrkort.exchange.document import to_json
from styrkort.followup.models import Report
from styrkort.goals.models import Activity, Goal, GoalAssessment, Indicator, Measurement
from styrkort.ils import parse_ils
from styrkort.organisations.models import Organisation
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


@pytest.fixture
def truncated_file(seed_text, tmp_path):
    """The first 40 % of the example, as a file cut short would be."""
    path = tmp_path / "truncated.txt"
    path.write_text(seed_text[: int(len(seed_text) * 0.4)], encoding="utf-8")
    return path


def test_the_parser_knows_a_report_that_ends_early(seed_text):
    result = parse_ils(seed_text[: int(len(seed_text) * 0.4)])
    early = [item for item in result.unplaced if "slutar i förtid" in item.reason]
    assert early, "the table of contents lists headings the truncated text never reaches"
    assert any(item.text.startswith("Uppföljning av ekonomi") for item in early)
    assert not [item for item in parse_ils(seed_text).unplaced if "slutar i förtid" in item.reason]


def test_strict_refuses_a_truncated_report(truncated_file):
    with pytest.raises(CommandError, match="kunde inte placeras; inget importerades"):
        run("import-ils", "--strict", str(truncated_file))
    assert Report.objects.count() == 0


def test_a_truncated_report_never_replaces_the_complete_one_unless_told(seed_file, truncated_file):
    run("import-ils", str(seed_file))
    before = to_json(load_followup(CODE, "2026-T1"))
    with pytest.raises(CommandError) as refusal:
        run("import-ils", str(truncated_file))
    message = str(refusal.value)
    assert "skulle förlora" in message and "--allow-removal" in message and "inget importerades" in message
    assert "mål 3.7" in message  # what would go is listed
    assert to_json(load_followup(CODE, "2026-T1")) == before
    run("import-ils", "--allow-removal", str(truncated_file))
    assert len(load_followup(CODE, "2026-T1").all_goals()) < 35


def test_a_code_naming_another_committee_is_refused_and_that_committee_kept(seed_file):
    stockholm = Organisation.objects.create(code="stockholm", name="Stockholms stad", kind="municipality")
    Organisation.objects.create(
        code="sdn-sodra", name="Södra stadsdelsnämnden", kind="committee", parent=stockholm
    )
    with pytest.raises(CommandError) as refusal:
        run("import-ils", "--code", "sdn-sodra", str(seed_file))
    assert "”sdn-sodra” finns redan" in str(refusal.value)
    assert "namnet är ”Södra stadsdelsnämnden” i databasen men ”Hässelby-Vällingby stadsdelsnämnd”" in str(
        refusal.value
    )
    assert Organisation.objects.get(code="sdn-sodra").name == "Södra stadsdelsnämnden"
    assert Report.objects.count() == 0


def test_a_text_that_is_no_ils_report_fails_with_a_message(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Inköpslista\nmjölk\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ser inte ut som en rapport från ILS"):
        run("import-ils", str(path))


def test_the_audit_trail_names_the_operator_of_a_command_line_import(seed_file):
    run("import-ils", "--operator", "Anna Andersson", str(seed_file))
    run("import-ils", str(seed_file))
    entries = Change.objects.filter(field="import").order_by("id")
    assert [entry.username for entry in entries] == ["Anna Andersson", getpass.getuser()]
    assert all(entry.user is None for entry in entries)


def test_a_file_that_is_not_utf8_fails_saying_where(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Tertialrapport\nHässelby\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin1.txt:2: texten är inte UTF-8 .* inget importerades"):
        run("import-ils", str(path))


def test_strict_refuses_a_report_cut_before_its_table_of_contents(seed_text, tmp_path):
    front = "\n".join(seed_text.splitlines()[:20])
    assert not parse_ils(front).has_contents and parse_ils(seed_text).has_contents
    path = tmp_path / "front-only.txt"
    path.write_text(front, encoding="utf-8")
    with pytest.raises(CommandError, match="--strict"):
        run("import-ils", "--strict", str(path))
    _, err = run("import-ils", str(path))
    assert "ingen innehållsförteckning" in err
