from django.db import migrations, models


class Migration(migrations.Migration):
    """The per-project data generation cached figures are keyed by (heard.engagement.generation, decision record
    0011). Its triggers are installed after every migrate, with the theme summary's
    (heard.analysis.receivers.install_summary_triggers)."""

    dependencies = [("engagement", "0011_rating_scale_ends")]

    operations = [
        migrations.CreateModel(
            name="DataGeneration",
            fields=[
                ("project_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
        ),
    ]
