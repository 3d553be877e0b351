"""`heard representation` compares a project's people heard with the Census for its area."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.core.testing import make_experience, make_organisation, make_project
from heard.place import population
from heard.place.actions import locate

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("representation", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def project():
    partner = make_organisation()
    project = make_project(slug="voices", partners=[partner], area_codes=["E09000019"])
    people = (
        [("N1 0AA", "black_african", "female", "35-49", "disabled_a_lot")] * 30
        + [("N7 0AA", "white_british", "male", "25-34", "not_disabled")] * 10
        + [("E8 1DY", "white_british", "male", "25-34", "not_disabled")] * 7  # Hackney: outside the area
        + [("", "prefer_not_to_say", "", "", "")] * 2
    )
    for postcode, ethnic_group, sex, age, disability in people:
        experience = make_experience(
            project=project,
            partner=partner,
            postcode=postcode,
            ethnic_group=ethnic_group,
            sex=sex,
            age_band=age,
            disability=disability,
        )
        locate(experience, save=True)
    return project


def test_it_compares_the_people_heard_in_the_projects_area_with_its_residents(project):
    out, err = run("--project", "voices", "--format", "json")
    rows = json.loads(out)
    by = {(r["dimension"], r["group"]): r for r in rows}
    african = by[("ethnic_group", "black_african")]
    assert african["heard"] == 30
    assert african["share_heard"] == 0.75
    islington = population.profile("E09000019")
    assert african["population"] == islington["ethnic_group"]["black_african"] == 18_091
    assert african["share_population"] == round(18_091 / 216_590, 4)
    assert african["participation_ratio"] == round(0.75 / (18_091 / 216_590), 3)
    assert by[("ethnic_group", "white_british")]["heard"] == 10
    assert by[("ethnic_group", "asian_chinese")]["representation_score"] == 0
    assert by[("ward", "E05013700")]["label"] == "Caledonian"
    assert by[("ward", "E05013700")]["heard"] == 30
    assert by[("disability", "disabled")]["heard"] == 30
    assert {r["dimension"] for r in rows} == {
        "ethnic_group",
        "ethnic_group_5",
        "age_band",
        "sex",
        "disability",
        "english_proficiency",
        "ward",
        "deprivation_quintile",
    }
    assert "9 of the 49 people heard are not counted here" in err
    assert "of Islington but" in err


def test_it_compares_a_ward_only_on_what_ward_tables_allow(project):
    out, _ = run("--project", "voices", "--area", "E05013700", "--format", "csv")
    header, *lines = out.splitlines()
    assert header.startswith("area_codes,area_name,dimension,group,label,heard,share_heard")
    dimensions = {line.split(",")[2] for line in lines}
    assert dimensions == {"ethnic_group_5", "age_band", "disability", "deprivation_quintile"}


def test_it_hides_small_numbers_in_the_public_form(project):
    out, _ = run("--project", "voices", "--area", "E09000019", "--area", "E09000012", "--public", "--format", "json")
    rows = json.loads(out)
    hackney_ward = [r for r in rows if r["dimension"] == "ward" and r["group"] == "E05009372"]
    assert hackney_ward[0]["heard"] == 5  # 7 people, rounded to the nearest 5
    assert all(r["heard"] in ("<5", "[c]") or r["heard"] % 5 == 0 for r in rows)


def test_it_exits_1_for_an_unknown_project_or_area(project):
    with pytest.raises(CommandError) as error:
        run("--project", "nope")
    assert error.value.returncode == 1
    with pytest.raises(CommandError, match="Not a local authority or ward code"):
        run("--project", "voices", "--area", "X99")


def test_it_compares_one_partners_records(project):
    other = make_organisation(slug="other-partner")
    project.project_partners.create(organisation=other)
    make_experience(project=project, partner=other, postcode="N1 0AA", lad_code="E09000019", sex="male")
    out, _ = run("--project", "voices", "--partner", "other-partner", "--format", "json")
    sexes = {r["group"]: r["heard"] for r in json.loads(out) if r["dimension"] == "sex"}
    assert sexes == {"female": 0, "male": 1}
    with pytest.raises(CommandError, match="No partner 'nobody'"):
        run("--project", "voices", "--partner", "nobody")
