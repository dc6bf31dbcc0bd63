"""A ``PATCH`` the way the pages save: the page's form, the version guard, ``save_edits``.

- ``form_for(form_class, row, changes)``: the page's form (``styrkort.web.forms``) bound as if the
  page had shown what is stored and the user had typed the change over it (fields not sent stay
  as shown, so the form's own checks, such as an end before the start, see the whole row); figures arrive in the exchange
  notation ("38.2") and are read strictly (``from_exchange``), then checked by the form (bounds,
  the grid's Swedish messages). ProblemError 422, nothing written, on any refused value.
- ``save_versioned(user, report, row, version, form)``: under a row lock, 409 (with the stored
  ``version``) when the row is not at the version the client read; else ``save_edits`` (the
  report lock, the audit trail in the user's name, the version raised once; nothing written when
  nothing changes).
"""

from typing import Any

from django import forms
from django.db import models, transaction
from django.http.request import QueryDict

from styrkort.api.problems import ProblemError
from styrkort.audit.trail import audit_context
from styrkort.domain.numbers import format_number, from_exchange
from styrkort.followup.models import Report
from styrkort.web.editing import RowForm, save_edits, shown_as

PREFIX = "api"


def require_writable(allowed: bool, report: Report, what: str) -> None:
    """403 when the caller may not change ``what``; 409 when the report is locked or closed."""
    if not allowed:
        raise ProblemError(403, f"Du får inte ändra {what}.")
    if report.state not in (Report.State.OPEN, Report.State.IN_REVIEW):
        state = report.get_state_display().lower()
        raise ProblemError(409, f"Rapporten är {state} och kan inte ändras nu; inget ändrades.")


def form_for(
    form_class: type[RowForm], row: models.Model, changes: dict[str, Any], setup: Any = None
) -> RowForm:
    """The page's form for ``changes`` to ``row`` (see the module docstring); 422 if refused."""
    figures = getattr(form_class, "FIGURES", ())
    errors: list[dict[str, str]] = []
    typed: dict[str, str] = {}
    for name, value in changes.items():
        if name in figures and value is not None:
            try:
                typed[name] = format_number(from_exchange(value))
            except ValueError:
                errors.append({"pointer": f"/{name}", "detail": _not_a_figure(value)})
        else:
            typed[name] = "" if value is None else str(value)
    if errors:
        raise refused(errors)
    data = QueryDict(mutable=True)
    data[f"{PREFIX}-row"] = str(row.pk)
    shown = form_class(prefix=PREFIX)
    for name in shown.edited:  # every field as the page shows it; those changed as sent
        stored = shown_as(shown.fields[name], getattr(form_class.holder(row, name), name))
        data[f"initial-{PREFIX}-{name}"] = stored
        data[f"{PREFIX}-{name}"] = typed.get(name, stored)
    form = form_class(data, prefix=PREFIX)
    if setup is not None:
        setup(form)
    if not form.is_valid():
        raise refused(
            [
                {
                    "pointer": f"/{name}",
                    "detail": f"{_label(form, name)}: {' '.join(str(m) for m in messages)}",
                }
                for name, messages in form.errors.items()
            ]
        )
    return form


def save_versioned(user: Any, report: Report, row: models.Model, version: int, form: RowForm) -> None:
    """Save the form's change to ``row`` if it is still at ``version``; else 409, nothing written."""
    with transaction.atomic():
        current = type(row)._default_manager.select_for_update().get(pk=row.pk)
        stored = current.version  # type: ignore[attr-defined]
        if stored != version:
            raise ProblemError(
                409,
                f"Det har ändrats sedan version {version} (nu version {stored}); inget ändrades. "
                "Läs det igen och skicka ändringen på nytt.",
                version=stored,
            )
        with audit_context(user=user):
            save_edits(form.edits(current), report=report)


def refused(errors: list[dict[str, str]]) -> ProblemError:
    where = "; ".join(f"{error['pointer']}: {error['detail']}" for error in errors)
    return ProblemError(422, f"Värdet kunde inte sparas – {where}. Inget ändrades.", errors=errors)


def _label(form: forms.Form, name: str) -> str:
    return str(form.fields[name].label) if name in form.fields else "Formuläret"


def _not_a_figure(value: Any) -> str:
    text = str(value)
    shown = text if len(text) <= 40 else text[:40] + "…"
    return (
        f"”{shown}” är inget tal: skriv siffror med punkt som decimaltecken, t.ex. ”38.2” (null för saknas)"
    )
