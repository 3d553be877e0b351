"""Each partner's allocation moves from engagement's ProjectPartner.allocation to funding's Allocation, with the
schedule every allocation has: the advance (due when the project starts) and the 10% holdback, withheld."""

import datetime

from django.db import migrations

from heard.lib import money


def forwards(apps, schema_editor):
    ProjectPartner = apps.get_model("engagement", "ProjectPartner")
    Allocation = apps.get_model("funding", "Allocation")
    Payment = apps.get_model("funding", "Payment")
    for role in ProjectPartner.objects.exclude(allocation=None).select_related("project"):
        amount = money.pounds(role.allocation)
        due = role.project.starts_on or datetime.date.today()
        allocation = Allocation.objects.create(
            project_id=role.project_id, organisation_id=role.organisation_id, amount=amount, awarded_on=due
        )
        (advance,), kept = money.schedule_amounts(amount, money.HOLDBACK_DEFAULT, 1)
        Payment.objects.create(allocation=allocation, kind="advance", amount=advance, due_on=due, status="scheduled")
        Payment.objects.create(allocation=allocation, kind="holdback", amount=kept, due_on=due, status="withheld")


def backwards(apps, schema_editor):
    ProjectPartner = apps.get_model("engagement", "ProjectPartner")
    Allocation = apps.get_model("funding", "Allocation")
    for allocation in Allocation.objects.all():
        ProjectPartner.objects.filter(
            project_id=allocation.project_id, organisation_id=allocation.organisation_id
        ).update(allocation=allocation.amount)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_money"),
        ("engagement", "0004_fewer_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
