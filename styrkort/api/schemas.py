"""What the API sends and takes. Figures are JSON strings with "." as decimal point, exactly as
the exchange format writes them ("38.2", "1.0"), or ``null`` when missing; never numbers."""

from datetime import date
from typing import Annotated, Any, Literal

from ninja import Field, FilterLookup, FilterSchema, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import ConfigDict, StringConstraints

Figure = str | None
# Parameters that reach the database are constrained first (a NUL byte or a stray character is
# 422, never a database error): an organisation's code, a period key, a period kind, free text.
Code = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]{1,80}$")]
PeriodKey = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[A-Za-z0-9]{1,3}$")]
Kind = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,3}$")]
Text = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00-\x1f]*$")]


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None = Field(None, description="the parent organisation's code")

    @staticmethod
    def resolve_parent(row: Any) -> str | None:
        return row.parent.code if row.parent else None


class OrganisationFilter(FilterSchema):
    kind: Literal["municipality", "committee", "department", "unit"] | None = None
    parent: Annotated[Code | None, FilterLookup("parent__code")] = Field(
        None, description="the parent's code"
    )
    search: Annotated[Text | None, FilterLookup(["code__icontains", "name__icontains"])] = None


class PeriodOut(Schema):
    key: str = Field(description="YEAR-KIND, e.g. 2026-T1")
    municipality: str = Field(alias="municipality.code")
    year: int
    kind: str
    label: str
    starts: date
    ends: date = Field(description="first day after the period (half-open)")

    @staticmethod
    def resolve_label(row: Any) -> str:
        return row.get_kind_display()


class PeriodFilter(FilterSchema):
    municipality: Annotated[Code | None, FilterLookup("municipality__code")] = None
    year: int | None = Field(None, ge=1900, le=2999)
    kind: Kind | None = None


class ReportOut(Schema):
    organisation: str = Field(alias="organisation.code")
    period: str = Field(alias="period.key")
    state: Literal["open", "in_review", "approved", "decided"]
    state_label: str
    title: str
    version: int

    @staticmethod
    def resolve_state_label(row: Any) -> str:
        return row.get_state_display()


class ReportFilter(FilterSchema):
    organisation: Annotated[Code | None, FilterLookup("organisation__code")] = None
    year: Annotated[int | None, FilterLookup("period__year")] = Field(None, ge=1900, le=2999)
    kind: Annotated[Kind | None, FilterLookup("period__kind")] = None
    state: Literal["open", "in_review", "approved", "decided"] | None = None


class StatusOut(Schema):
    key: str
    label: str
    reason: str


class MeasurementOut(Schema):
    id: int
    indicator: str
    indicator_id: int
    goal: str = Field(description="the goal's number")
    unit: str
    gender_split: bool
    target: str | None
    outcome: Figure
    outcome_men: Figure
    outcome_women: Figure
    forecast: Figure
    analysis: str
    assessment: str
    status: StatusOut
    version: int
    editable: bool = Field(description="whether the caller may change it now")


class MeasurementFilter(FilterSchema):
    goal: Text | None = Field(None, description="only the indicators of this goal number")
    editable: bool | None = None


class MeasurementPatch(Schema):
    """The fields to change (absent ones stay) and the version the change is based on."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="the version the client read; a stale one gives 409")
    outcome: Figure = None
    outcome_men: Figure = None
    outcome_women: Figure = None
    forecast: Figure = None
    analysis: str | None = Field(None, max_length=100_000)


class GoalOut(Schema):
    id: int = Field(description="the goal's assessment in this report")
    number: str
    level: str
    title: str
    parent: str | None
    status: Literal["met", "partly_met", "not_met", "not_assessed"]
    status_label: str
    analysis: str
    version: int


class GoalPatch(Schema):
    """The fields to change (absent ones stay) and the version the change is based on."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="the version the client read; a stale one gives 409")
    status: Literal["met", "partly_met", "not_met", "not_assessed"] | None = None
    analysis: str | None = Field(None, max_length=100_000)


class ActivityOut(Schema):
    id: int = Field(description="the activity's follow-up in this report")
    title: str
    goal: str
    city_assignment: bool
    start: date | None
    end: date | None
    deviation: str
    analysis: str
    version: int


class FindingOut(Schema):
    severity: str
    rule: str
    where: str
    message: str
    expected: Figure
    found: Figure
    part: str


class ActivityPatch(Schema):
    """The fields to change (absent ones stay) and the follow-up's version the change is based on."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="the version the client read; a stale one gives 409")
    start: date | None = None
    end: date | None = None
    deviation: str | None = Field(None, max_length=100_000)
    analysis: str | None = Field(None, max_length=100_000)


class Pagination(LimitOffsetPagination):
    """ninja's limit and offset, both bounded (an offset past a 64-bit integer fails in the database)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="rows per answer (at most 1000)")
        offset: int = Field(0, ge=0, le=1_000_000_000, description="rows to skip")
