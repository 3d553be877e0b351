from django.db import migrations

CRITERIA = [
    ("reach", "Can reach people we don't", "They are trusted by residents the partnership does not hear from yet.", 3),
    ("timeframe", "Can do it within the timeframe", "They have the people and time to do the work when it is needed.", 2),
    (
        "due-diligence",
        "Due diligence in place",
        "Safeguarding, health and safety and equality policies are current and checked.",
        2,
    ),
    (
        "smaller",
        "A smaller organisation",
        "Smaller partners are prioritised (low turnover scores high); a larger one may be asked to lead the bid.",
        1,
    ),
]


def add_criteria(apps, schema_editor):
    Criterion = apps.get_model("partners", "Criterion")
    for position, (key, name, guidance, weight) in enumerate(CRITERIA):
        Criterion.objects.get_or_create(
            key=key, defaults={"name": name, "guidance": guidance, "weight": weight, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_register")]
    operations = [migrations.RunPython(add_criteria, migrations.RunPython.noop)]
