from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("followup", "0005_report_counts")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="decision_paragraph",
            field=models.CharField(
                blank=True,
                help_text="the paragraph (§) of the committee's minutes that decided it",
                max_length=20,
            ),
        ),
    ]
