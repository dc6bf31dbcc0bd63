"""The exchange commands: organisations, export-json, import-json."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkort.exchange.document import to_json
from styrkort.followup.models import Report
from styrkort.storage.store import load_followup, save_followup
from tests.factories import make_followup

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_organisations_lists_code_tab_name_one_a_line():
    save_followup(make_followup("sdn-b"))
    save_followup(make_followup("sdn-a"))
    assert run("organisations").splitlines() == [
        "sdn-a\tNämnd sdn-a",
        "sdn-b\tNämnd sdn-b",
        "testkommun\tTestkommun",
    ]


def test_export_import_export_gives_identical_json(tmp_path):
    save_followup(make_followup())
    first = tmp_path / "first.json"
    run("export-json", "--organisation", "sdn-test", "--period", "2026-T1", "-o", str(first))
    Report.objects.all().delete()
    run("import-json", str(first))
    second = tmp_path / "second.json"
    run("export-json", "--organisation", "sdn-test", "--period", "2026-T1", "-o", str(second))
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert json.loads(first.read_text(encoding="utf-8"))["organisation"]["code"] == "sdn-test"


def test_an_invalid_document_imports_nothing_and_says_where(tmp_path):
    data = json.loads(to_json(make_followup()))
    data["economy"]["result_units"][0]["carried_out"] = "7 977,0"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="/economy/result_units/0/carried_out") as error:
        run("import-json", str(path))
    assert "inget importerades" in str(error.value)
    assert Report.objects.count() == 0


def test_export_of_an_unknown_report_fails_clearly():
    with pytest.raises(CommandError, match="ingen organisation med koden ”nope”"):
        run("export-json", "--organisation", "nope", "--period", "2026-T1")


def test_export_writes_to_standard_output_without_a_file():
    save_followup(make_followup())
    assert json.loads(run("export-json", "--organisation", "sdn-test", "--period", "2026-T1")) == json.loads(
        to_json(load_followup("sdn-test", "2026-T1"))
    )


def test_importing_over_a_decided_report_is_refused_and_changes_nothing(tmp_path):
    save_followup(make_followup())
    Report.objects.update(state=Report.State.DECIDED)
    path = tmp_path / "changed.json"
    path.write_text(to_json(make_followup(summary="Ändrad i efterhand.")), encoding="utf-8")
    with pytest.raises(CommandError, match="beslutad och låst"):
        run("import-json", str(path))
    assert load_followup("sdn-test", "2026-T1").summary == make_followup().summary


def _document(tmp_path, change) -> str:
    data = json.loads(to_json(make_followup()))
    change(data)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII: a lone surrogate is written as an escape
    return str(path)


def test_a_document_naming_another_parent_neither_moves_nor_renames_the_committee(tmp_path):
    from styrkort.organisations.models import Organisation

    save_followup(make_followup())
    path = _document(
        tmp_path,
        lambda data: data["organisation"].update(
            name="Annat namn", parent={"code": "annanstad", "name": "Annan stad", "kind": "municipality"}
        ),
    )
    with pytest.raises(CommandError) as refusal:
        run("import-json", path)
    message = str(refusal.value)
    assert "namnet är ”Nämnd sdn-test” i databasen men ”Annat namn” i dokumentet" in message
    assert "ligger under ”testkommun” i databasen men under ”annanstad”" in message
    assert "inget importerades" in message
    committee = Organisation.objects.get(code="sdn-test")
    assert (committee.name, committee.parent.code) == ("Nämnd sdn-test", "testkommun")
    assert not Organisation.objects.filter(code="annanstad").exists()


def test_import_json_refuses_a_shrinking_replacement_unless_allowed_and_names_the_operator(tmp_path):
    from styrkort.audit.models import Change

    save_followup(make_followup())
    path = _document(tmp_path, lambda data: data["goals"][0].update(children=[]))
    with pytest.raises(CommandError, match="--allow-removal") as refusal:
        run("import-json", path)
    assert "mål 1.1 ”Alla barn ska ha jämlika villkor”" in str(refusal.value)
    assert len(load_followup("sdn-test", "2026-T1").all_goals()) == 3
    run("import-json", "--allow-removal", "--operator", "kim", path)
    assert len(load_followup("sdn-test", "2026-T1").all_goals()) == 1
    assert Change.objects.filter(field="import").latest("id").username == "kim"


def test_text_nobody_types_is_removed_on_import(tmp_path):
    path = _document(tmp_path, lambda data: data.update(summary="Bra\u0007 år\u0000\uffff \ud800slut"))
    run("import-json", path)
    assert load_followup("sdn-test", "2026-T1").summary == "Bra år slut"


def test_recount_computes_every_reports_counts_and_overview_again():
    """Counts left by older rules (tampered here) are what the rules give after ``recount``."""
    from styrkort.followup.models import ReportCounts
    from styrkort.storage.counts import compute_counts
    from styrkort.storage.overview import overview_json

    for code in ("sdn-a", "sdn-b"):
        save_followup(make_followup(code))
    reports = list(Report.objects.select_related("organisation__parent", "period__municipality"))
    expected = {}
    for report in reports:
        counts = compute_counts(report)
        expected[report.pk] = (counts.errors, counts.warnings, counts.findings, overview_json(report))
    ReportCounts.objects.update(errors=99, warnings=99, findings=[], overview={"version": 1, "tree": []})
    assert run("recount", "--municipality", "testkommun") == "2 rapporter räknade på nytt\n"
    for counts in ReportCounts.objects.all():
        assert (counts.errors, counts.warnings, counts.findings, counts.overview) == expected[
            counts.report_id
        ]
    with pytest.raises(CommandError, match="kommunen okand finns inte"):
        run("recount", "--municipality", "okand")
    assert run("recount") == "2 rapporter räknade på nytt\n"


def test_recount_names_a_report_it_cannot_compute_and_computes_the_others(monkeypatch):
    from styrkort.followup.models import ReportCounts
    from styrkort.storage.management.commands import recount

    for code in ("sdn-a", "sdn-b"):
        save_followup(make_followup(code))
    for report in Report.objects.select_related("organisation__parent", "period__municipality"):
        recount.compute_counts(report)
    ReportCounts.objects.update(errors=99)
    real = recount.compute_counts

    def failing(report):
        if report.organisation.code == "sdn-a":
            raise ValueError("trasig rad")
        return real(report)

    monkeypatch.setattr(recount, "compute_counts", failing)
    with pytest.raises(CommandError, match="sdn-a 2026-T1: trasig rad"):
        run("recount")
    assert ReportCounts.objects.get(report__organisation__code="sdn-b").errors != 99
    assert ReportCounts.objects.get(report__organisation__code="sdn-a").errors == 99
