"""The economy part of a committee's report: operating budget, volumes, result units,
investments, gross changes, budget adjustments, fund applications and commentary.

Units and signs are those of ``styrkort.domain.document``: mnkr with revenues negative,
result units in tkr with the printed signs, fund applications in kronor. Every table's rows
belong to one ``Report`` and keep their printed order in ``position``; a ``parent`` makes a
row a "varav" row; ``is_total`` marks the printed total row, which the rules check against
the rows instead of trusting it.
"""

from __future__ import annotations

from django.db import models

from styrkort.domain.numbers import KRONOR, MNKR, TKR, VOLUME
from styrkort.figures.fields import figure
from styrkort.followup.models import Report
from styrkort.organisations.models import Organisation


class ActivityArea(models.Model):
    """A committee's activity area (verksamhetsområde); a parent makes it a "varav" sub-area."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="activity_areas")
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(parent__isnull=True),
                name="activity_area_unique_top_name",
            ),
            models.UniqueConstraint(
                fields=["organisation", "parent", "name"],
                condition=models.Q(parent__isnull=False),
                name="activity_area_unique_sub_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReportRow(models.Model):
    """Common columns of every economy table row: its report and printed position."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["report", "position"]


class OperatingSummaryRow(ReportRow):
    """A row of the first operating budget table (net, costs, revenues, result transfers)."""

    class Kind(models.TextChoices):
        NET = "net", "Netto"
        COSTS = "costs", "Kostnader"
        REVENUES = "revenues", "Intäkter"
        BEFORE_TRANSFERS = "before_transfers", "Före resultatdispositioner"
        TRANSFERS_IN = "transfers_in", "Överskott från föregående år"
        TRANSFERS_OUT = "transfers_out", "Överskott till nästa år"
        AFTER_TRANSFERS = "after_transfers", "Efter resultatdispositioner"

    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    budget = figure(MNKR, "budget")
    requested_adjustments = figure(MNKR, "begärda budgetjusteringar")
    changes = figure(MNKR, "prestations- och omslutningsförändringar")
    forecast = figure(MNKR, "prognos")
    deviation = figure(MNKR, "avvikelse")

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="operating_summary_unique_position")
        ]


class OperatingBudgetRow(ReportRow):
    """An activity area's operating budget follow-up (mnkr), or the printed total (no area)."""

    area = models.ForeignKey(
        ActivityArea, null=True, blank=True, on_delete=models.PROTECT, related_name="rows"
    )
    is_total = models.BooleanField(default=False)
    label = models.CharField(max_length=200, blank=True, help_text="the total row's printed label")
    budget = figure(MNKR, "budget")
    requested_adjustments = figure(MNKR, "begärda budgetjusteringar")
    volume_changes = figure(MNKR, "prestationsförändringar")
    forecast_before_transfers = figure(MNKR, "prognos före resultatöverföringar")
    forecast_after_transfers = figure(MNKR, "prognos efter resultatöverföringar")
    deviation = figure(MNKR, "avvikelse")
    outcome = figure(MNKR, "utfall")  # the year's outcome so far, imported from the finance system
    version = models.PositiveIntegerField(default=1)

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="operating_budget_unique_position"),
            models.UniqueConstraint(
                fields=["report", "area"],
                condition=models.Q(area__isnull=False),
                name="operating_budget_unique_area",
            ),
            models.CheckConstraint(
                condition=models.Q(is_total=True, area__isnull=True)
                | models.Q(is_total=False, area__isnull=False),
                name="operating_budget_total_has_no_area",
            ),
        ]


class VolumeTable(ReportRow):
    """A small table of volumes or key figures; its column headings in order."""

    title = models.CharField(max_length=200)
    area = models.CharField(max_length=200, blank=True)
    columns = models.JSONField(default=list)

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="volume_table_unique_position")
        ]


class VolumeRow(models.Model):
    """A row of a volume table; ``total`` marks a printed sum row."""

    LOCKED_THROUGH = "table"  # stored in its table's report (see followup.lock)

    table = models.ForeignKey(VolumeTable, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=200)
    total = models.BooleanField(default=False)

    class Meta:
        ordering = ["table", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "position"], name="volume_row_unique_position")
        ]


class VolumeValue(models.Model):
    """One cell of a volume row; a missing cell is a row with value NULL."""

    LOCKED_THROUGH = "row"

    row = models.ForeignKey(VolumeRow, on_delete=models.CASCADE, related_name="values")
    column = models.PositiveSmallIntegerField()
    value = figure(VOLUME, "värde")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["row", "column"]
        constraints = [models.UniqueConstraint(fields=["row", "column"], name="volume_value_unique_column")]

    def __str__(self) -> str:  # the audit trail's name of the record (no query: the row is not read)
        return f"Volymvärde, kolumn {self.column + 1}"


class ResultUnitGroup(ReportRow):
    """A heading row of the result unit table, with the figures it prints, if any (tkr)."""

    name = models.CharField(max_length=200)
    gross_budget = figure(TKR, "bruttobudget")
    carried_in = figure(TKR, "resultatöverföring från föregående år")
    result = figure(TKR, "resultat")
    carried_out = figure(TKR, "resultatöverföring till nästa år")

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="result_group_unique_position")
        ]


class ResultUnit(ReportRow):
    """A result unit's fund follow-up (tkr), or the printed total row."""

    name = models.CharField(max_length=300)
    group = models.CharField(max_length=200, blank=True)
    is_total = models.BooleanField(default=False)
    gross_budget = figure(TKR, "bruttobudget")
    carried_in = figure(TKR, "resultatöverföring från föregående år")
    result = figure(TKR, "resultat")
    carried_out = figure(TKR, "resultatöverföring till nästa år")
    version = models.PositiveIntegerField(default=1)

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="result_unit_unique_position"),
            models.UniqueConstraint(
                fields=["report", "is_total"], condition=models.Q(is_total=True), name="result_unit_one_total"
            ),
        ]


class InvestmentRow(ReportRow):
    """An investment category (mnkr), a "varav" row (parent), or the printed total."""

    category = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    is_total = models.BooleanField(default=False)
    budget = figure(MNKR, "budget")
    requested_adjustments = figure(MNKR, "begärda budgetjusteringar")
    forecast = figure(MNKR, "prognos")
    deviation = figure(MNKR, "avvikelse")
    version = models.PositiveIntegerField(default=1)

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="investment_unique_position")
        ]


class InvestmentProject(models.Model):
    """A project behind an investment category (mnkr)."""

    LOCKED_THROUGH = "investment"

    investment = models.ForeignKey(InvestmentRow, on_delete=models.CASCADE, related_name="projects")
    position = models.PositiveIntegerField()
    name = models.TextField()
    amount = figure(MNKR, "belopp")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["investment", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["investment", "position"], name="investment_project_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"Investeringsprojekt: {self.name}"


class GrossChangeRow(ReportRow):
    """Extra costs matched by extra revenues for an area (mnkr), a "varav" row, or the total."""

    area = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    is_total = models.BooleanField(default=False)
    costs = figure(MNKR, "kostnader")
    revenues = figure(MNKR, "intäkter")
    version = models.PositiveIntegerField(default=1)

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="gross_change_unique_position")
        ]


class BudgetAdjustment(ReportRow):
    """An application for a budget change (mnkr)."""

    class Kind(models.TextChoices):
        OPERATING = "operating", "Drift"
        INVESTMENT = "investment", "Investering"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    purpose = models.TextField()
    amount = figure(MNKR, "belopp")
    version = models.PositiveIntegerField(default=1)

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="budget_adjustment_unique_position")
        ]


class FundApplication(ReportRow):
    """An application for money from a central fund, e.g. kompetensutvecklingsmedel (kronor)."""

    fund = models.CharField(max_length=200)
    purpose = models.TextField()
    amount = figure(KRONOR, "belopp")
    version = models.PositiveIntegerField(default=1)

    class Meta(ReportRow.Meta):
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="fund_application_unique_position")
        ]


class EconomyText(models.Model):
    """The commentary of one economy section (Markdown, with table markers)."""

    class Section(models.TextChoices):
        OPERATING_BUDGET = "operating_budget", "Uppföljning av driftbudget"
        RESULT_UNITS = "result_units", "Resultatenheter"
        INVESTMENTS = "investments", "Investeringar"
        SALES_OF_FIXED_ASSETS = "sales_of_fixed_assets", "Försäljningar av anläggningstillgångar"
        OPERATING_PROJECTS = "operating_projects", "Verksamhetsprojekt (driftprojekt)"
        GROSS_CHANGES = "gross_changes", "Omslutningsförändringar"
        BUDGET_ADJUSTMENTS = "budget_adjustments", "Budgetjusteringar"
        PREMISES = "premises", "Medel för lokaländamål"
        OTHER = "other", "Övrigt"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="economy_texts")
    section = models.CharField(max_length=30, choices=Section.choices)
    text = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="economy_text_unique_section")
        ]
