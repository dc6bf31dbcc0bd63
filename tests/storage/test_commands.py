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
    with pytest.raises(CommandError, match="ingen organisation med koden «nope»"):
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
