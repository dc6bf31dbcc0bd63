"""The report's indicators with their measurements, and ``PATCH`` of one, guarded by its version.

A ``PATCH`` goes the grid's way (``styrkort.web``): the caller's rights (``ReportAccess``), the
grid's form (``MeasurementForm``: the indicator's bounds, with the grid's Swedish messages) and
its save (``save_edits``: a row lock, the report lock, the audit trail, the version raised once).
What differs is the guard: the client sends the ``version`` it read, and a change based on
another version is refused whole with 409 and the stored version, nothing written.

Figures are written as the exchange format writes them ("38.2", a string; ``null`` for
missing), read strictly (``from_exchange``: digits with "." as decimal point, nothing else).
"""

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from styrkort.api.edits import form_for, require_writable, save_versioned
from styrkort.api.schemas import (
    Code,
    MeasurementFilter,
    MeasurementOut,
    MeasurementPatch,
    Pagination,
    PeriodKey,
)
from styrkort.domain.numbers import to_exchange
from styrkort.goals.models import Measurement
from styrkort.web import queries
from styrkort.web.forms import MeasurementForm
from styrkort.web.getters import get_report_access

router = Router(tags=["Indikatorer"])
BASE = "/reports/{code}/{period}/indicators"


def _out(access, m: Measurement, previous: dict[Any, Decimal | None]) -> dict[str, Any]:
    report = access.report
    status = queries.status_of(report, queries.domain_indicator(report, m, previous))
    return {
        "id": m.pk,
        "indicator": m.indicator.name,
        "indicator_id": m.indicator_id,
        "goal": m.indicator.goal.number,
        "unit": m.indicator.unit,
        "gender_split": m.indicator.gender_split,
        "target": m.target,
        **{name: to_exchange(getattr(m, name)) for name in MeasurementForm.FIGURES},
        "analysis": m.analysis,
        "assessment": m.assessment,
        "status": {"key": status.level.key, "label": status.level.label, "reason": status.reason},
        "version": m.version,
        "editable": access.can_edit_indicator(m.indicator_id, m.indicator.goal_id),
    }


@router.get(BASE, response=list[MeasurementOut], summary="Rapportens indikatorer")
@paginate(Pagination)
def measurements(request: HttpRequest, code: Code, period: PeriodKey, filters: Query[MeasurementFilter]):
    """The indicators in printed order with figures, status, version and whether the caller may edit."""
    access = get_report_access(request, code, period)
    rows = queries.measurements_of(access.report)
    if filters.goal:
        rows = rows.filter(indicator__goal__number=filters.goal)
    previous = queries.previous_annual_of(access.report)
    found = [_out(access, m, previous) for m in rows]
    if filters.editable is not None:
        found = [row for row in found if row["editable"] == filters.editable]
    return found


def _measurement(access, pk: int) -> Measurement:
    m = queries.measurements_of(access.report).filter(pk=pk).first()
    if m is None:
        raise Http404("indikatorn finns inte i rapporten")
    return m


@router.get(BASE + "/{pk}", response=MeasurementOut, summary="En indikator")
def measurement(request: HttpRequest, code: Code, period: PeriodKey, pk: int):
    access = get_report_access(request, code, period)
    return _out(access, _measurement(access, pk), queries.previous_annual_of(access.report))


@router.patch(
    BASE + "/{pk}",
    response=MeasurementOut,
    summary="Ändra utfall, prognos och analys",
    description="Only the fields sent change; `version` is the one the client read (409 if the "
    "indicator changed since, nothing written). Figures are strings with '.' as decimal point "
    '("38.2"), or null for missing. A refused value gives 422 with the field and the reason in Swedish.',
)
def patch_measurement(
    request: HttpRequest, code: Code, period: PeriodKey, pk: int, payload: MeasurementPatch
):
    access = get_report_access(request, code, period)
    m = _measurement(access, pk)
    allowed = access.may_edit_indicator(m.indicator_id, m.indicator.goal_id)
    require_writable(allowed, access.report, "den här indikatorn")
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    form = form_for(MeasurementForm, m, changes, setup=lambda form: form.set_unit(m.indicator.unit))
    save_versioned(request.user, access.report, m, version, form)
    m = _measurement(access, pk)
    return _out(access, m, queries.previous_annual_of(access.report))
