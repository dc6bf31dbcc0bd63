"""Helpers for the web tests: report URLs, form data as a browser sends it, the persona matrix.

A page's editable rows are formsets whose fields carry the value the page showed
(``initial-<prefix>-<n>-<field>``). ``formset_data`` builds what a browser sends from a page
opened *now* (the stored values shown), with some fields typed over; ``page_data`` reads the
form of a page as served, exactly as a browser would submit it untouched.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from styrkort.domain.numbers import format_number
from styrkort.followup.models import Report
from styrkort.goals.models import ActivityFollowUp, GoalAssessment, Measurement

BASE = "/rapporter/sdn-test/2026-T1/"
ANONYMOUS = None
MEASUREMENT_FIELDS = ("outcome", "outcome_men", "outcome_women", "forecast", "analysis")


def the_report(code: str = "sdn-test") -> Report:
    """The web tests' report, sdn-test 2026-T1, read anew."""
    return Report.objects.get(organisation__code=code, period__year=2026, period__kind="T1")


def page_text(client, url: str) -> str:
    """The page at ``url`` as text; it must answer 200."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def measurement(name: str, code: str = "sdn-test") -> Measurement:
    return Measurement.objects.select_related("indicator").get(
        indicator__name=name, organisation__code=code, period__year=2026, period__kind="T1"
    )


def assessment(number: str, code: str = "sdn-test") -> GoalAssessment:
    return GoalAssessment.objects.select_related("goal").get(
        goal__number=number, report__organisation__code=code, report__period__kind="T1"
    )


def follow_up(title: str = "Egen aktivitet", code: str = "sdn-test") -> ActivityFollowUp:
    return ActivityFollowUp.objects.select_related("activity").get(
        report__organisation__code=code, report__period__kind="T1", activity__title=title
    )


def shown(value: Any) -> str:
    """A stored value as a page shows it in a field."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "\n".join(value)
    return str(value)


def formset_data(prefix: str, *rows: tuple[Any, dict[str, Any], dict[str, str]]) -> dict[str, str]:
    """What a browser sends for a formset: per row (its id, the values shown, the values typed
    over them), the field, its hidden shown value, and the management form."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows))}
    for index, (pk, values, typed) in enumerate(rows):
        form = f"{prefix}-{index}"
        data[f"{form}-row"] = str(pk)
        for name, value in values.items():
            data[f"initial-{form}-{name}"] = shown(value)
            data[f"{form}-{name}"] = typed.get(name, shown(value))
        data.update({f"{form}-{name}": value for name, value in typed.items() if name not in values})
    return data


def grid_data(*rows: tuple[Measurement, dict[str, str]]) -> dict[str, str]:
    """POST data of the grid for these rows: their stored values, with the given ones typed over."""
    return formset_data(
        "m", *((m.pk, {name: getattr(m, name) for name in MEASUREMENT_FIELDS}, typed) for m, typed in rows)
    )


def activity_data(*rows: tuple[ActivityFollowUp, dict[str, str]]) -> dict[str, str]:
    """POST data of the activities page for these follow-ups (dates are the activity's)."""

    def values(f: ActivityFollowUp) -> dict[str, Any]:
        return {
            "start": f.activity.start,
            "end": f.activity.end,
            "deviation": f.deviation,
            "analysis": f.analysis,
        }

    return formset_data("a", *((f.pk, values(f), typed) for f, typed in rows))


def goal_data(row: GoalAssessment, own_goal: bool = False, **typed: str) -> dict[str, str]:
    """POST data of the goal page: the assessment (and, for the committee's own goal, its texts)."""
    values: dict[str, Any] = {"status": row.status, "analysis": row.analysis}
    if own_goal:
        values.update(description=row.goal.description, expected_results=row.goal.expected_results)
    return formset_data("g", (row.pk, values, typed))


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


class _FormReader(HTMLParser):
    """The fields of the page's POST forms, as a browser would submit them untouched."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str] = {}
        self.in_post_form = False
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.in_post_form = found.get("method", "").lower() == "post" and "action" not in found
        elif not self.in_post_form or "name" not in found:
            return
        elif tag == "input" and found.get("type") in ("radio", "checkbox"):
            if "checked" in found:
                self.data[found["name"]] = found.get("value", "on")
        elif tag == "input" and found.get("type") not in ("submit", "button"):
            self.data[found["name"]] = found.get("value", "")
        elif tag == "textarea":
            self.textarea, self.text = found["name"], ""

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_post_form = False
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one line break right after <textarea> and sends lines as CRLF.
            text = self.text[1:] if self.text.startswith("\n") else self.text
            self.data[self.textarea] = text.replace("\n", "\r\n")
            self.textarea = None


def page_data(client, url: str) -> dict[str, str]:
    """The page's own POST form (not one with an ``action`` elsewhere), as a browser submits it."""
    reader = _FormReader()
    reader.feed(client.get(url).content.decode())
    reader.data.pop("csrfmiddlewaretoken", None)
    return reader.data


def field_name(data: dict[str, str], prefix: str, pk: int, field: str) -> str:
    """The name of a row's field in page data ("m-3-outcome" for the measurement with id ``pk``)."""
    for name, value in data.items():
        if name.startswith(f"{prefix}-") and name.endswith("-row") and value == str(pk):
            return f"{name.removesuffix('-row')}-{field}"
    raise KeyError(f"row {pk} is not in the {prefix} formset")


GATE_REASON = "Felen gäller testdata."


def step_in_browser(page, button: str, done: str) -> None:
    """Take a workflow step in the browser; where the gate asks why (the test data's check
    errors), give the reason and take it anyway."""
    before = state()
    page.get_by_role("button", name=button).click()
    if state() == before:
        page.get_by_label("Varför ska rapporten gå vidare ändå?").fill(GATE_REASON)
        page.get_by_role("button", name=f"{button} ändå").click()
    page.get_by_text(done).wait_for()


def decide_in_browser(page) -> None:
    """Register the committee's decision (meeting date and §) on the overview the page shows."""
    page.get_by_label("Sammanträdets datum").fill("2026-05-20")
    page.get_by_label("Paragraf i protokollet (§)").fill("45")
    page.get_by_role("button", name="Registrera nämndens beslut och lås rapporten").click()
    page.get_by_text("Beslutet är registrerat; rapporten är låst.").wait_for(timeout=90000)
