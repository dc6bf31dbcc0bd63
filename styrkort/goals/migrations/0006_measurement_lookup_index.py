from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0005_kolada_ids"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="measurement",
            index=models.Index(fields=["organisation", "period"], name="measurement_lookup"),
        ),
    ]
