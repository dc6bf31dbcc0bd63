"""Organisations, periods and reports the caller may see (the web application's rules of rights)."""

from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from styrkort.accounts.access import VIEWING_ROLES, managed_organisation_ids, visible_reports
from styrkort.api.schemas import (
    OrganisationFilter,
    OrganisationOut,
    PeriodFilter,
    PeriodOut,
    ReportFilter,
    ReportOut,
)
from styrkort.followup.models import Period
from styrkort.organisations.models import Organisation

router = Router(tags=["Organisationer och perioder"])


def _visible_organisation_ids(user) -> set[int]:
    """Those beneath the user's memberships and above them, and those of reports the user sees."""
    ids = managed_organisation_ids(user, VIEWING_ROLES, with_ancestors=True)
    ids.update(visible_reports(user).values_list("organisation_id", flat=True))
    return ids


@router.get("/organisations", response=list[OrganisationOut], summary="Organisationer")
@paginate(LimitOffsetPagination)
def organisations(request: HttpRequest, filters: Query[OrganisationFilter]):
    """The organisations the caller may see, by code."""
    rows = Organisation.objects.filter(id__in=_visible_organisation_ids(request.user))
    rows = filters.filter(rows).select_related("parent").order_by("code")
    return [_organisation(row) for row in rows]


@router.get("/organisations/{code}", response=OrganisationOut, summary="En organisation")
def organisation(request: HttpRequest, code: str):
    row = (
        Organisation.objects.filter(code=code, id__in=_visible_organisation_ids(request.user))
        .select_related("parent")
        .first()
    )
    if row is None:
        raise Http404
    return _organisation(row)


def _organisation(row: Organisation) -> dict:
    return {
        "code": row.code,
        "name": row.name,
        "kind": row.kind,
        "parent": row.parent.code if row.parent else None,
    }


@router.get("/periods", response=list[PeriodOut], summary="Perioder")
@paginate(LimitOffsetPagination)
def periods(request: HttpRequest, filters: Query[PeriodFilter]):
    """The periods of the municipalities the caller may see, latest first."""
    visible = _visible_organisation_ids(request.user)
    rows = Period.objects.filter(Q(municipality_id__in=visible)).select_related("municipality")
    rows = filters.filter(rows).order_by("-year", "-ends", "municipality__code")
    return [
        {
            "key": row.key,
            "municipality": row.municipality.code,
            "year": row.year,
            "kind": row.kind,
            "label": row.get_kind_display(),
            "starts": row.starts,
            "ends": row.ends,
        }
        for row in rows
    ]


@router.get("/reports", response=list[ReportOut], summary="Rapporter")
@paginate(LimitOffsetPagination)
def reports(request: HttpRequest, filters: Query[ReportFilter]):
    """The reports the caller may see (decided ones, and every one beneath their memberships)."""
    rows = filters.filter(visible_reports(request.user))
    return [
        {
            "organisation": row.organisation.code,
            "period": row.period.key,
            "state": row.state,
            "state_label": row.get_state_display(),
            "title": row.title,
            "version": row.version,
        }
        for row in rows
    ]
