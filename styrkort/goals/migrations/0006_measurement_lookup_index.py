from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0004_measurement_assessment"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="measurement",
            index=models.Index(fields=["organisation", "period"], name="measurement_lookup"),
        ),
    ]
