
import styrkort.figures.fields
from styrkort.figures.conversion import trim_padded_scales
from django.db import migrations, models


# Figures keep the precision they were given: numeric without a fixed scale on PostgreSQL, text on
# SQLite (see styrkort.figures.fields). The old columns' padding (numeric(20, 6)) is trimmed.
FIGURE_COLUMNS = (
    ("goals.measurement", "forecast"),
    ("goals.measurement", "outcome"),
    ("goals.measurement", "outcome_men"),
    ("goals.measurement", "outcome_women"),
)


class Migration(migrations.Migration):

    dependencies = [
        ('goals', '0001_goals_indicators_activities'),
    ]

    operations = [
        migrations.AddField(
            model_name='measurement',
            name='printed_units',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='forecast',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=4, digits=12, null=True, verbose_name='prognos'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='outcome',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=4, digits=12, null=True, verbose_name='utfall'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='outcome_men',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=4, digits=12, null=True, verbose_name='utfall män/pojkar'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='outcome_women',
            field=styrkort.figures.fields.FigureField(blank=True, decimals=4, digits=12, null=True, verbose_name='utfall kvinnor/flickor'),
        ),
        migrations.RunPython(trim_padded_scales(FIGURE_COLUMNS), migrations.RunPython.noop),
    ]
