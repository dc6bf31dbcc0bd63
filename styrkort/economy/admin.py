"""The admin of the economy tables: what is stored in an approved or decided report is read-only."""

from django.contrib import admin

from styrkort.followup.lock import ReadOnlyWhenLocked

from . import models

for model in (
    models.ActivityArea,
    models.OperatingSummaryRow,
    models.OperatingBudgetRow,
    models.VolumeTable,
    models.ResultUnitGroup,
    models.ResultUnit,
    models.InvestmentRow,
    models.GrossChangeRow,
    models.BudgetAdjustment,
    models.FundApplication,
    models.EconomyText,
):
    admin.site.register(model, ReadOnlyWhenLocked)
