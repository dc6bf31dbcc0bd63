
import styrkort.figures.fields
from styrkort.figures.conversion import trim_padded_scales
from django.db import migrations


# Figures keep the precision they were given: numeric without a fixed scale on PostgreSQL, text on
# SQLite (see styrkort.figures.fields). The old columns' padding (numeric(20, 6)) is trimmed.
FIGURE_COLUMNS = (
    ("economy.budgetadjustment", "amount"),
    ("economy.fundapplication", "amount"),
    ("economy.grosschangerow", "costs"),
    ("economy.grosschangerow", "revenues"),
    ("economy.investmentproject", "amount"),
    ("economy.investmentrow", "budget"),
    ("economy.investmentrow", "deviation"),
    ("economy.investmentrow", "forecast"),
    ("economy.investmentrow", "requested_adjustments"),
    ("economy.operatingbudgetrow", "budget"),
    ("economy.operatingbudgetrow", "deviation"),
    ("economy.operatingbudgetrow", "forecast_after_transfers"),
    ("economy.operatingbudgetrow", "forecast_before_transfers"),
    ("economy.operatingbudgetrow", "requested_adjustments"),
    ("economy.operatingbudgetrow", "volume_changes"),
    ("economy.operatingsummaryrow", "budget"),
    ("economy.operatingsummaryrow", "changes"),
    ("economy.operatingsummaryrow", "deviation"),
    ("economy.operatingsummaryrow", "forecast"),
    ("economy.operatingsummaryrow", "requested_adjustments"),
    ("economy.resultunit", "carried_in"),
    ("economy.resultunit", "carried_out"),
    ("economy.resultunit", "gross_budget"),
    ("economy.resultunit", "result"),
    ("economy.resultunitgroup", "carried_in"),
    ("economy.resultunitgroup", "carried_out"),
    ("economy.resultunitgroup", "gross_budget"),
    ("economy.resultunitgroup", "result"),
    ("economy.volumevalue", "value"),
)


class Migration(migrations.Migration):

    dependencies = [
        ('economy', '0002_versions_of_gross_changes_and_applications'),
    ]

    operations = [
        migrations.AlterField(
            model_name='budgetadjustment',
            name='amount',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='belopp'),
        ),
        migrations.AlterField(
            model_name='fundapplication',
            name='amount',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=0, digits=12, null=True, unit='kr', verbose_name='belopp'),
        ),
        migrations.AlterField(
            model_name='grosschangerow',
            name='costs',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='kostnader'),
        ),
        migrations.AlterField(
            model_name='grosschangerow',
            name='revenues',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='intäkter'),
        ),
        migrations.AlterField(
            model_name='investmentproject',
            name='amount',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='belopp'),
        ),
        migrations.AlterField(
            model_name='investmentrow',
            name='budget',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='budget'),
        ),
        migrations.AlterField(
            model_name='investmentrow',
            name='deviation',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='avvikelse'),
        ),
        migrations.AlterField(
            model_name='investmentrow',
            name='forecast',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='prognos'),
        ),
        migrations.AlterField(
            model_name='investmentrow',
            name='requested_adjustments',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='begärda budgetjusteringar'),
        ),
        migrations.AlterField(
            model_name='operatingbudgetrow',
            name='budget',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='budget'),
        ),
        migrations.AlterField(
            model_name='operatingbudgetrow',
            name='deviation',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='avvikelse'),
        ),
        migrations.AlterField(
            model_name='operatingbudgetrow',
            name='forecast_after_transfers',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='prognos efter resultatöverföringar'),
        ),
        migrations.AlterField(
            model_name='operatingbudgetrow',
            name='forecast_before_transfers',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='prognos före resultatöverföringar'),
        ),
        migrations.AlterField(
            model_name='operatingbudgetrow',
            name='requested_adjustments',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='begärda budgetjusteringar'),
        ),
        migrations.AlterField(
            model_name='operatingbudgetrow',
            name='volume_changes',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='prestationsförändringar'),
        ),
        migrations.AlterField(
            model_name='operatingsummaryrow',
            name='budget',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='budget'),
        ),
        migrations.AlterField(
            model_name='operatingsummaryrow',
            name='changes',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='prestations- och omslutningsförändringar'),
        ),
        migrations.AlterField(
            model_name='operatingsummaryrow',
            name='deviation',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='avvikelse'),
        ),
        migrations.AlterField(
            model_name='operatingsummaryrow',
            name='forecast',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='prognos'),
        ),
        migrations.AlterField(
            model_name='operatingsummaryrow',
            name='requested_adjustments',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=6, null=True, unit='mnkr', verbose_name='begärda budgetjusteringar'),
        ),
        migrations.AlterField(
            model_name='resultunit',
            name='carried_in',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='resultatöverföring från föregående år'),
        ),
        migrations.AlterField(
            model_name='resultunit',
            name='carried_out',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='resultatöverföring till nästa år'),
        ),
        migrations.AlterField(
            model_name='resultunit',
            name='gross_budget',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='bruttobudget'),
        ),
        migrations.AlterField(
            model_name='resultunit',
            name='result',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='resultat'),
        ),
        migrations.AlterField(
            model_name='resultunitgroup',
            name='carried_in',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='resultatöverföring från föregående år'),
        ),
        migrations.AlterField(
            model_name='resultunitgroup',
            name='carried_out',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='resultatöverföring till nästa år'),
        ),
        migrations.AlterField(
            model_name='resultunitgroup',
            name='gross_budget',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='bruttobudget'),
        ),
        migrations.AlterField(
            model_name='resultunitgroup',
            name='result',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=1, digits=9, null=True, unit='tkr', verbose_name='resultat'),
        ),
        migrations.AlterField(
            model_name='volumevalue',
            name='value',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=2, digits=9, null=True, verbose_name='värde'),
        ),
        migrations.RunPython(trim_padded_scales(FIGURE_COLUMNS), migrations.RunPython.noop),
    ]
