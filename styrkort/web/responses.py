"""Responses every page gives the same way: a report's URL, a refusal that says why, a refused save.

- ``report_url(report, name)``: the URL of one of a report's pages.
- ``refusal(request, access, what)``: None when the user may change ``what`` in the report now,
  else a 403 page that says why in Swedish (locked, or not the user's to change).
- ``save_forms(access, forms)``: validate and save a page's forms; when nothing could be saved
  (invalid input, someone else changed the same fields, the report was approved or decided
  meanwhile, rows are gone, the database was busy) the forms explain why, everything the user
  typed stays in place, and the status to answer with is returned (``refuse_save``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.db import OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from styrkort.accounts.access import ReportAccess
from styrkort.domain.numbers import FigureError
from styrkort.followup.lock import LockedReportError
from styrkort.followup.models import Report
from styrkort.web.editing import ConflictError, Edit, LostRowsError, save_edits

SAVE_REFUSALS = (ConflictError, LockedReportError, LostRowsError, OperationalError, FigureError)

CONFLICT = (
    "Inget sparades – någon annan hann före",
    "Fält som du ändrade har också ändrats av någon annan efter att du öppnade sidan; båda värdena "
    "visas vid varje sådant fält. Välj för varje fält om ditt värde ska gälla eller det som redan är "
    "sparat, och spara igen. Allt annat du skrev står kvar.",
)
LOST = (
    "Inget sparades – rader du ändrade finns inte kvar",
    "Du har ändrat rader som inte längre finns i rapporten eller som du inte längre får ändra. "
    "Det du skrev i dem står nedan; resten står kvar i fälten.",
)
BUSY = (
    "Inget sparades – spara igen",
    "Databasen var upptagen en kort stund. Det du skrev står kvar; spara igen.",
)


class PageForms(Protocol):
    """What ``refuse_save`` needs of a page's forms: a ``RowForms``, or several (the economy's)."""

    notice_title: str
    notice: str
    can_save: bool

    def is_valid(self) -> bool: ...

    def edits(self) -> list[Edit]: ...

    def show_conflicts(self, error: ConflictError) -> None: ...


def report_url(report, name: str = "web:overview") -> str:
    return reverse(name, args=[report.organisation.code, report.period.key])


def refusal(request: HttpRequest, access: ReportAccess, what: str) -> HttpResponse | None:
    """None when the user may change ``what`` now; else a 403 page that says why, in Swedish."""
    if access.can_manage and access.is_editable:
        return None
    report = access.report
    if not access.is_editable:
        message = (
            f"Rapporten är {report.get_state_display().lower()} och låst: {what} kan inte ändras. "
            "Bara en administratör kan öppna en beslutad rapport igen."
            if report.state == report.State.DECIDED
            else f"Rapporten är {report.get_state_display().lower()}: {what} kan inte ändras nu."
        )
    else:
        message = f"Du får inte ändra {what}: det gör nämndens controller."
    context = {"access": access, "report": report, "message": message}
    return render(request, "web/economy/refused.html", context, status=403)


def ensure_open(access: ReportAccess) -> None:
    """LockedReportError when the report was not open as the request began (the save itself is
    guarded by the report lock, and for rows shared by the year's reports by ``require_open``)."""
    if not access.is_editable:
        raise LockedReportError("rapporten är inte öppen")


def state_notice(report: Report) -> tuple[str, str]:
    """Why a report's content cannot be saved now, and what to do with the typed text."""
    after = (
        "Bara en administratör kan öppna en beslutad rapport igen."
        if report.state == Report.State.DECIDED
        else "Nämndens controller kan skicka tillbaka rapporten; då kan du spara igen."
    )
    return (
        f"Inget sparades: rapporten är {report.get_state_display().lower()}",
        "Rapporten kan inte ändras nu (den bytte läge medan du skrev). Det du skrev står kvar "
        f"nedan – kopiera det du vill behålla. {after}",
    )


def refuse_save(access: ReportAccess, forms: PageForms, error: Exception) -> int:
    """Explain on the page why nothing was saved, keeping what the user typed; the status to answer."""
    if isinstance(error, ConflictError):
        forms.show_conflicts(error)
        forms.notice_title, forms.notice = CONFLICT
        return 409
    if isinstance(error, LostRowsError):
        forms.notice_title, forms.notice = LOST
        return 409
    if isinstance(error, OperationalError):
        forms.notice_title, forms.notice = BUSY
        return 503
    if isinstance(error, FigureError):  # a derived deviation or total too large for its column
        forms.notice_title, forms.notice = "Inget sparades – ett beräknat belopp blir för stort", str(error)
        return 400
    access.report.refresh_from_db(fields=["state"])
    forms.notice_title, forms.notice = state_notice(access.report)
    forms.can_save = False
    return 409


def save_forms(
    access: ReportAccess, forms: PageForms, after: Callable[[list[Any]], None] | None = None
) -> tuple[list[Any], int | None]:
    """Validate and save a page's forms (``after`` runs with the rows written, in the same
    transaction): (rows written, None), or ([], the status of the page that says why nothing was
    saved, with everything typed in place)."""
    if access.is_editable and not forms.is_valid():
        return [], 400
    try:
        ensure_open(access)
        with transaction.atomic():
            saved = save_edits(forms.edits(), report=access.report)
            if after is not None:
                after(saved)
    except SAVE_REFUSALS as error:
        return [], refuse_save(access, forms, error)
    return saved, None
