from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from heard.accounts.models import Role, User
from heard.engagement.models import Activity, Answer, Experience, Project
from heard.partners.models import Community, Organisation, OrganisationKind


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_demo_builds_the_partnership_and_resets_to_the_same_state():
    printed = _run("demo", "--no-serve")
    assert "heard-demo-2026" in printed
    for username in ("admin", "staff", "partner", "partner2", "steering"):
        assert username in printed
    project = Project.objects.get(slug="diverse-communities-health-voice")
    assert Organisation.objects.filter(kind=OrganisationKind.PARTNER).count() == 8
    assert Organisation.objects.filter(kind=OrganisationKind.HOST).count() == 1
    assert Community.objects.count() == 10
    assert 1400 <= project.experiences.count() <= 1600
    assert set(Activity.objects.values_list("method", flat=True)) == {
        "survey",
        "focus_group",
        "interview",
        "event",
        "mystery_shop",
        "story",
    }
    assert Answer.objects.exclude(english_text="").exclude(language="en").exists()
    assert {u.role for u in User.objects.all()} == set(Role.values)
    first = list(Experience.objects.order_by("id").values_list("postcode", "ethnic_group", "age_band")[:200])

    # Someone changes things; running the demo again resets to the same fresh state.
    Experience.objects.filter(pk__in=Experience.objects.values("pk")[:10]).update(postcode="")
    _run("demo", "--no-serve")
    again = list(Experience.objects.order_by("id").values_list("postcode", "ethnic_group", "age_band")[:200])
    assert again == first
    assert Project.objects.count() == 1


@pytest.mark.django_db
def test_scripts_can_find_projects_and_partners():
    from heard.core.testing import make_organisation, make_project

    partner = make_organisation(name="Polska Pomoc", slug="polska-pomoc")
    make_project(slug="p1", name="Project one", partners=[partner])
    projects = json.loads(_run("projects", "--format", "json"))
    assert projects[0]["slug"] == "p1" and projects[0]["residents_heard"] == 0
    partners = json.loads(_run("partners", "--project", "p1", "--format", "json"))
    assert partners == [{"slug": "polska-pomoc", "name": "Polska Pomoc", "sector": "community", "postcode": ""}]
    csv_text = _run("partners", "--project", "p1", "--format", "csv")
    assert csv_text.splitlines()[0] == "slug,name,sector,postcode"


@pytest.mark.django_db
def test_an_unknown_project_is_a_data_error_with_exit_code_1():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        _run("partners", "--project", "nope")
    assert error.value.returncode == 1
    assert "No project with slug 'nope'" in str(error.value)


@pytest.mark.django_db
def test_the_demo_refuses_to_erase_a_database_with_real_accounts():
    from django.core.management.base import CommandError

    from heard.core.testing import make_user

    make_user(username="real.person")
    with pytest.raises(CommandError) as error:
        _run("demo", "--no-serve")
    assert error.value.returncode == 1
    assert "would erase everything" in str(error.value)
    assert User.objects.filter(username="real.person").exists()
