"""Organisations, periods and reports the caller may see (the web application's rules of rights)."""

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from styrkort.accounts.access import VIEWING_ROLES, managed_organisation_ids, visible_reports
from styrkort.api.schemas import (
    Code,
    OrganisationFilter,
    OrganisationOut,
    Pagination,
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
@paginate(Pagination)
def organisations(request: HttpRequest, filters: Query[OrganisationFilter]):
    """The organisations the caller may see, by code."""
    rows = Organisation.objects.filter(id__in=_visible_organisation_ids(request.user))
    return filters.filter(rows).select_related("parent").order_by("code")


@router.get("/organisations/{code}", response=OrganisationOut, summary="En organisation")
def organisation(request: HttpRequest, code: Code):
    row = (
        Organisation.objects.filter(code=code, id__in=_visible_organisation_ids(request.user))
        .select_related("parent")
        .first()
    )
    if row is None:
        raise Http404
    return row


@router.get("/periods", response=list[PeriodOut], summary="Perioder")
@paginate(Pagination)
def periods(request: HttpRequest, filters: Query[PeriodFilter]):
    """The periods of the municipalities the caller may see, latest first."""
    visible = _visible_organisation_ids(request.user)
    rows = Period.objects.filter(municipality_id__in=visible).select_related("municipality")
    return filters.filter(rows).order_by("-year", "-ends", "municipality__code")


@router.get("/reports", response=list[ReportOut], summary="Rapporter")
@paginate(Pagination)
def reports(request: HttpRequest, filters: Query[ReportFilter]):
    """The reports the caller may see (decided ones, and every one beneath their memberships)."""
    return filters.filter(visible_reports(request.user))
