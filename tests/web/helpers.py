"""Helpers for the web tests: report URLs, grid form data and the persona matrix check."""

from __future__ import annotations

from styrkort.followup.models import Report
from styrkort.goals.models import GoalAssessment, Measurement

BASE = "/rapporter/sdn-test/2026-T1/"
ANONYMOUS = None


def measurement(name: str, code: str = "sdn-test") -> Measurement:
    return Measurement.objects.select_related("indicator").get(
        indicator__name=name, organisation__code=code, period__year=2026, period__kind="T1"
    )


def assessment(number: str, code: str = "sdn-test") -> GoalAssessment:
    return GoalAssessment.objects.get(goal__number=number, report__organisation__code=code)


def grid_data(*rows: tuple[Measurement, dict[str, str]]) -> dict[str, str]:
    """POST data of the grid for these rows: their stored values, with the given ones typed over."""
    from styrkort.domain.numbers import format_number

    data = {}
    for m, typed in rows:
        prefix = f"m{m.pk}"
        values = {
            "outcome": format_number(m.outcome),
            "outcome_men": format_number(m.outcome_men),
            "outcome_women": format_number(m.outcome_women),
            "forecast": format_number(m.forecast),
            "analysis": m.analysis,
            "version": str(m.version),
        }
        values.update(typed)
        data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return data


def assert_matrix(login, method: str, url: str, data: dict | None, expected: dict[str | None, int]) -> None:
    """Check each persona's response status for one request (the write-view matrix).

    ``expected`` maps persona (None: anonymous) to the status code; 404 means "may not see",
    403 "may see but not change", 200/302 "allowed".
    """
    found = {}
    for persona in expected:
        client = login(persona)
        response = client.get(url) if method == "GET" else client.post(url, data or {})
        found[persona] = response.status_code
    assert found == expected


def state(code: str = "sdn-test") -> str:
    return Report.objects.get(organisation__code=code, period__kind="T1").state
