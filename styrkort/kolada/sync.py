"""Kolada's values into the annual report: ``sync_organisation`` (the command and the task call it).

What is synced for an organisation and a year: its own annual report (``YEAR-AR``) with
municipal data (``/data``, the municipality's Kolada id or ``--municipality-id``), or, when the
organisation is a unit with a Kolada OU id, with that unit's data (``/oudata``); and the
annual report of every unit beneath it that has an OU id. In each report, every measurement
whose indicator has a Kolada KPI id gets Kolada's T, K and M values as its outcome, women's
and men's outcome.

Rules, stated once:
- A value is written as Kolada gave it, as a ``Decimal`` from the JSON text with its decimals
  (see ``client``). ``null`` is missing: it never becomes 0 and never overwrites a figure
  someone entered; a figure that still holds Kolada's earlier value becomes missing again when
  Kolada withdraws it (``null`` or ``isdeleted``). A figure Kolada does not mention is left.
- Each written figure records its source in ``Measurement.sources`` (KPI, value, fetch time),
  which the report reads to cite "Källa: Kolada"; every change is in the audit trail with the
  source "Kolada" and the KPI and fetch time as its reason.
- An approved or decided report is never changed: it is reported as skipped, and not fetched.
- All or nothing: every page is fetched and read before anything is written, and the writes
  are one transaction; a network fault or a bad response changes nothing.
- Idempotent: a second run with the same answers writes nothing.
- Incremental: ``from_date`` asks Kolada only for what changed since then. ``incremental=True``
  takes the day of the last run that skipped no report (``SyncRun``), and asks for everything
  of a KPI that run did not fetch (an indicator linked since, a report reopened since): values
  Kolada published before that day would otherwise never arrive. A first run fetches everything.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from styrkort.audit.trail import audit_context, operator_name
from styrkort.domain.numbers import plain, same_figure
from styrkort.followup.lock import LOCKED_STATES
from styrkort.followup.models import Period, Report
from styrkort.goals.models import Measurement
from styrkort.kolada.client import AREA_ID, Client, KoladaError, Options, Route, Value
from styrkort.kolada.models import SyncRun
from styrkort.organisations.models import Organisation

logger = logging.getLogger(__name__)

SOURCE = "Kolada"
FIGURES = {"T": "outcome", "K": "outcome_women", "M": "outcome_men"}
STATE_WORDS = {"approved": "godkänd", "decided": "beslutad"}


def options_from_settings() -> Options:
    """The client's options from the ``KOLADA_*`` settings."""
    return Options(
        base_url=settings.KOLADA_BASE_URL,
        timeout=settings.KOLADA_TIMEOUT_SECONDS,
        pause=settings.KOLADA_PAUSE_MS / 1000,
        retries=settings.KOLADA_RETRIES,
        max_bytes=settings.KOLADA_MAX_RESPONSE_BYTES,
    )


@dataclass
class Target:
    """One report to fill: which route and Kolada id answer for it, and its Kolada measurements."""

    report: Report
    route: Route
    area: str
    measurements: list[Measurement]
    values: dict[tuple[str, str], Value] = field(default_factory=dict)

    @property
    def kpis(self) -> set[str]:
        return {m.indicator.kolada_id for m in self.measurements}


@dataclass
class SyncResult:
    """What a sync did: figures written per report, reports skipped, requests made."""

    organisation: str
    year: int
    from_date: date | None
    changed: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def total_changed(self) -> int:
        return sum(self.changed.values())

    def summary(self) -> str:
        """The result in Swedish, one line per report."""
        since = f" (ändrat sedan {self.from_date.isoformat()})" if self.from_date else ""
        lines = [f"Kolada {self.year}{since}: {_count(self.requests, 'fråga', 'frågor')} till Kolada"]
        lines += [
            f"{code}: {_count(n, 'värde ändrat', 'värden ändrade')}" for code, n in self.changed.items()
        ]
        lines += [f"{item}: hoppades över" for item in self.skipped]
        if not self.changed and not self.skipped:
            lines.append(
                f"{self.organisation}: inga indikatorer med Kolada-id i verksamhetsberättelsen {self.year}"
            )
        return "\n".join(lines)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def sync_organisation(
    code: str,
    year: int,
    *,
    municipality_id: str | None = None,
    from_date: date | None = None,
    incremental: bool = False,
    client: Client | None = None,
    operator: str | None = None,
) -> SyncResult:
    """Fetch Kolada's values of ``year`` into the annual reports of ``code`` (see the module)."""
    started = timezone.now()
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise KoladaError(f"ingen organisation med koden ”{code}”")
    municipality = _municipality(organisation)
    period = Period.objects.filter(municipality=municipality, year=year, kind=Period.Kind.AR).first()
    if period is None:
        raise KoladaError(f"{municipality.name} har ingen verksamhetsberättelse för {year} ({year}-AR)")
    known: set[str] | None = None  # with from_date: what the last run fetched (everything when None)
    if incremental and from_date is None:
        last = _last_complete_run(code, year)
        if last is not None:
            from_date, known = timezone.localdate(last.started), set(last.fetched)
    result = SyncResult(code, year, from_date)
    targets = _targets(organisation, municipality, period, municipality_id, result)
    if targets:
        own = client is None
        client = client or Client(options_from_settings())
        before = client.request_count
        try:
            _fetch(client, targets, year, from_date, known)
        finally:
            result.requests = client.request_count - before
            if own:
                client.close()
    fetched = timezone.now()
    with transaction.atomic():
        for target in targets:
            _write(target, fetched, result, operator_name(operator))
        SyncRun.objects.create(
            organisation_code=code,
            year=year,
            started=started,
            from_date=from_date,
            requests=result.requests,
            changed=result.total_changed,
            skipped=result.skipped,
            fetched=sorted({f"{t.area}/{kpi}" for t in targets for kpi in t.kpis}),
        )
    logger.info(
        "kolada sync %s %s: %d figures changed, %d reports skipped, %d requests",
        code,
        year,
        result.total_changed,
        len(result.skipped),
        result.requests,
        extra={"organisation": code, "year": year},
    )
    return result


def _municipality(organisation: Organisation) -> Organisation:
    node = organisation
    while node.parent_id is not None:
        node = node.parent  # type: ignore[assignment]
    return node


def _descendants(organisation: Organisation) -> list[Organisation]:
    found, level = [], [organisation.pk]
    while level:
        children = list(Organisation.objects.filter(parent_id__in=level))
        found += children
        level = [child.pk for child in children]
    return found


def _targets(
    organisation: Organisation,
    municipality: Organisation,
    period: Period,
    municipality_id: str | None,
    result: SyncResult,
) -> list[Target]:
    """The reports to fill, each with its route, Kolada id and measurements; locked ones skipped."""
    wanted: list[tuple[Organisation, Route, str]] = []
    if organisation.kind != Organisation.Kind.MUNICIPALITY and organisation.kolada_id:
        wanted.append((organisation, "ou", organisation.kolada_id))
    else:
        wanted.append((organisation, "municipality", municipality_id or municipality.kolada_id))
    wanted += [(unit, "ou", unit.kolada_id) for unit in _descendants(organisation) if unit.kolada_id]
    reports = {
        r.organisation_id: r
        for r in Report.objects.filter(
            period=period, organisation__in=[o for o, _, _ in wanted]
        ).select_related("organisation")
    }
    if organisation.pk not in reports:
        raise KoladaError(f"”{organisation.code}” har ingen verksamhetsberättelse för {period.year}")
    targets = []
    for org, route, area in wanted:
        report = reports.get(org.pk)
        if report is None:
            continue
        measurements = list(
            Measurement.objects.filter(organisation=org, period=period)
            .exclude(indicator__kolada_id="")
            .select_related("indicator")
            .order_by("position", "pk")
        )
        if not measurements:
            continue
        if report.state in LOCKED_STATES:
            result.skipped.append(f"{org.code} {period.key} ({STATE_WORDS[report.state]})")
            continue
        if not area:
            raise KoladaError(
                f"{municipality.name} har inget Kolada-id: ange --municipality-id (t.ex. 0180) "
                "eller kommunens Kolada-id i administrationen"
            )
        if not AREA_ID.fullmatch(area):
            raise KoladaError(f"”{area}” är inget Kolada-id (versaler A–Z och siffror)")
        targets.append(Target(report, route, area, measurements))
    return targets


def _last_complete_run(code: str, year: int) -> SyncRun | None:
    """The latest run of the organisation and year that skipped no report."""
    for run in SyncRun.objects.filter(organisation_code=code, year=year).order_by("-started")[:100]:
        if not run.skipped:
            return run
    return None


def _fetch(
    client: Client, targets: list[Target], year: int, from_date: date | None, known: set[str] | None
) -> None:
    """Every value of every target, all read before anything is written; with ``known``, only
    the KPIs in it are asked from ``from_date``, the others for everything."""
    answers: dict[tuple[Route, str], list[Value]] = {}
    for target in targets:
        key = (target.route, target.area)
        if key not in answers:
            kpis = set().union(*(t.kpis for t in targets if (t.route, t.area) == key))
            since = kpis if known is None else {k for k in kpis if f"{target.area}/{k}" in known}
            answers[key] = []
            if since and from_date is not None:
                answers[key] += client.values(target.route, since, target.area, year, from_date)
            if kpis - since or from_date is None:
                rest = kpis if from_date is None else kpis - since
                answers[key] += client.values(target.route, rest, target.area, year, None)
        target.values = {(v.kpi, v.gender): v for v in answers[key]}


def _write(target: Target, fetched: datetime, result: SyncResult, operator: str) -> None:
    report = Report.objects.select_for_update().get(pk=target.report.pk)
    where = f"{report.organisation.code} {report.period.key}"
    if report.state in LOCKED_STATES:  # approved or decided since the fetch began
        result.skipped.append(f"{where} ({STATE_WORDS[report.state]})")
        return
    changed = 0
    fresh = Measurement.objects.filter(pk__in=[m.pk for m in target.measurements]).select_related("indicator")
    for measurement in fresh.order_by("position", "pk"):  # as stored now, so the audit compares with that
        kpi = measurement.indicator.kolada_id
        sources = dict(measurement.sources) if isinstance(measurement.sources, dict) else {}
        names = []
        for gender, name in FIGURES.items():
            value = target.values.get((kpi, gender))
            if value is None:
                continue  # not in Kolada's answer: left as it is
            if _apply(measurement, sources, name, value, kpi, fetched):
                names.append(name)
        if names or sources != measurement.sources:
            measurement.sources = sources
            measurement.version += 1
            reason = f"Kolada {kpi}, hämtat {fetched.isoformat(timespec='seconds')}"
            with audit_context(operator=operator, source=SOURCE, reason=reason):
                measurement.save(update_fields=[*names, "sources", "version"])
            changed += len(names)
    result.changed[where] = changed


def _apply(
    measurement: Measurement, sources: dict[str, Any], name: str, value: Value, kpi: str, fetched: datetime
) -> bool:
    """Put one of Kolada's values into the figure ``name``; whether the figure changed."""
    current: Decimal | None = getattr(measurement, name)
    entry = sources.get(name)
    from_kolada = (
        isinstance(entry, dict)
        and entry.get("source") == SOURCE
        and current is not None
        and entry.get("value") == plain(current)
    )
    if value.value is None or value.deleted:
        if from_kolada:  # Kolada withdrew the value it gave: missing again
            setattr(measurement, name, None)
            sources.pop(name, None)
            return True
        return False  # missing stays missing; what a person entered stays
    if from_kolada and same_figure(current, value.value) and entry.get("kpi") == kpi:  # type: ignore[union-attr]
        return False  # already Kolada's value: nothing to do
    sources[name] = {
        "source": SOURCE,
        "kpi": kpi,
        "value": plain(value.value),
        "fetched_at": fetched.isoformat(timespec="seconds"),
    }
    if same_figure(current, value.value):
        return False  # the same figure was entered: now cited as Kolada's
    setattr(measurement, name, value.value)
    return True
