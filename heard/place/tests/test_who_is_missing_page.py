"""The who-is-missing page and the reach map: who sees what, and small numbers hidden outside host staff."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.core.testing import make_experience, make_organisation, make_project, make_user
from heard.place.actions import locate

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    ours = make_organisation(name="Ours", postcode="N1 0AA")
    theirs = make_organisation(name="Theirs", postcode="E8 1DY")
    project = make_project(slug="voices", partners=[ours, theirs], area_codes=["E09000019"])
    for partner, postcode, group, n in [
        (ours, "N1 0AA", "black_african", 12),
        (ours, "N7 0AA", "white_irish", 3),
        (theirs, "N7 0AA", "asian_chinese", 9),
    ]:
        for _ in range(n):
            experience = make_experience(project=project, partner=partner, postcode=postcode, ethnic_group=group)
            locate(experience, save=True)
    return project


def test_host_staff_see_exact_figures_and_the_plain_words(client, project):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.get("/place/missing/?project=voices")
    assert response.status_code == 200
    text = response.content.decode()
    assert "White: Irish" in text
    assert "24 of the people heard live in Islington" in text
    assert "of Islington but none of the people heard so far." in text  # not "but nobody heard"
    assert "&lt;5" not in text.split("Ethnic group (19 groups)</caption>")[1].split("</table>")[0]


def test_the_steering_group_sees_small_numbers_hidden(client, project):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    text = client.get("/place/missing/?project=voices").content.decode()
    table = text.split("Ethnic group (19 groups)</caption>")[1].split("</table>")[0]
    assert "&lt;5" in table


def test_a_partner_compares_only_its_own_records(client, project):
    ours = project.project_partners.get(organisation__name="Ours").organisation
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=ours))
    text = client.get("/place/missing/?project=voices").content.decode()
    assert "15 of the people heard by your organisation live in Islington" in text


def test_a_partner_outside_the_project_cannot_open_it(client, project):
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get("/place/missing/?project=voices").status_code == 404
    assert client.get("/place/map/?project=voices").status_code == 404


def test_the_map_draws_wards_and_a_centres_two_mile_patch(client, project):
    make_organisation(name="Neighbour", latitude=51.54, longitude=-0.12)
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.get("/place/map/?project=voices&centre=" + project.project_partners.first().organisation.slug)
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('<path d="M') == 17  # Islington's wards
    assert "Within 2 miles of Ours" in text
    nearby = text.split("Organisations within 2 miles")[1].split("</table>")[0]
    assert "Neighbour" in nearby
    assert "Theirs" not in nearby  # E8 1DY is 2.6 miles from N1 0AA


def _first_column(page: str, caption_starts: str) -> dict[str, str]:
    """{row header: first cell} of the table whose caption starts with the words given."""
    import html
    import re

    for table in re.findall(r"<table.*?</table>", page, flags=re.S):
        caption = re.search(r"<caption[^>]*>\s*(.*?)<", table, flags=re.S)
        if caption and caption.group(1).strip().startswith(caption_starts):
            rows = re.findall(r'<th scope="row"[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>', table, flags=re.S)
            return {html.unescape(k.strip()): html.unescape(v.strip()) for k, v in rows}
    return {}


def test_the_map_shows_each_ward_as_the_who_is_missing_page_does(client, project):
    from heard.place import population

    ours = project.project_partners.get(organisation__name="Ours").organisation
    quiet = sorted(population.profile("E09000019")["ward"])[0]
    for _ in range(2):  # a ward with two people: "<5", and one more ward withheld so the total cannot give it
        make_experience(project=project, partner=ours, lad_code="E09000019", ward_code=quiet, postcode="N1 0AA")
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    on_map = _first_column(client.get("/place/map/?project=voices").content.decode(), "Reach by ward")
    compared = _first_column(client.get("/place/missing/?project=voices").content.decode(), "Ward")
    assert len(on_map) > 10 and set(on_map) == set(compared)
    assert on_map == compared
    assert "<5" in on_map.values() and "[c]" in on_map.values()
