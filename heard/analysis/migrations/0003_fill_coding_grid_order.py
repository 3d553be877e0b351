"""Fills the coding grid's stored order (engagement.Answer.is_coded, top_confidence) for answers coded or
suggested before it existed."""

from django.db import migrations
from django.db.models import Exists, Max, OuterRef, Subquery


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Answer = apps.get_model("engagement", "Answer")
    Code = apps.get_model("analysis", "Code")
    Suggestion = apps.get_model("analysis", "Suggestion")
    coded = Code.objects.filter(answer=OuterRef("pk"))
    suggested = Suggestion.objects.filter(answer=OuterRef("pk"))
    top = suggested.order_by().values("answer").annotate(top=Max("confidence")).values("top")
    Answer.objects.filter(Exists(coded) | Exists(suggested)).update(
        is_coded=Exists(coded), top_confidence=Subquery(top)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0002_answers_that_need_a_person"),
        ("engagement", "0008_coding_grid_order"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
