from django.contrib import admin

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
    admin.site.register(model)
