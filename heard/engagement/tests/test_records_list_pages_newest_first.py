"""The records list pages newest first by keys an index holds (collected_on, id), not by OFFSET, so a page deep
into a large project costs what the first does (issue 17); each record appears once, a partner pages through
their own only, and the exact count is shown."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from heard.accounts.models import Role
from heard.core.testing import make_experience, make_organisation, make_project, make_user


@pytest.fixture
def records(db):
    ours, theirs = make_organisation(name="Ours"), make_organisation(name="Theirs")
    project = make_project(partners=[ours, theirs])
    for n in range(37):
        make_experience(
            project=project,
            partner=ours if n % 3 else theirs,
            collected_on=datetime.date(2026, 3, 1) + datetime.timedelta(days=n % 7),  # many on one day
        )
    return {
        "project": project,
        "staff": make_user(role=Role.HOST_STAFF),
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=ours),
        "ours": ours,
    }


def _walk(client, url: str) -> tuple[list[int], list[int]]:
    seen: list[int] = []
    counts: list[int] = []
    after = ""
    for _ in range(50):
        response = client.get(url, {"after": after} if after else {})
        assert response.status_code == 200
        page = response.context["page"]
        seen += [e.pk for e in page]
        counts.append(page.count)
        after = page.next_after
        if not after:
            return seen, counts
    raise AssertionError("the Next links never ended")


@override_settings(PAGE_SIZE=10)
@pytest.mark.parametrize("role", ["staff", "partner"])
def test_the_records_list_pages_newest_first_with_every_record_once(client, records, role):
    client.force_login(records[role])
    seen, counts = _walk(client, f"/projects/{records['project'].slug}/records/")
    mine = records["project"].experiences.all()
    if role == "partner":
        mine = mine.filter(partner=records["ours"])
    expected = list(mine.order_by("-collected_on", "-id").values_list("pk", flat=True))
    assert seen == expected
    assert set(counts) == {len(expected)}


@override_settings(PAGE_SIZE=10)
def test_a_later_page_of_records_makes_no_more_queries_than_the_first(client, records, django_assert_max_num_queries):
    client.force_login(records["staff"])
    url = f"/projects/{records['project'].slug}/records/"
    after = client.get(url).context["page"].next_after
    assert after
    with django_assert_max_num_queries(12):
        response = client.get(url, {"after": after})
    assert 'rel="first"' in response.content.decode()


@pytest.mark.parametrize("token", ['["2026-13-01",5]', '["x","y"]', "[1,2]", '["2026-03-01"]', "nonsense"])
def test_a_records_link_someone_edited_shows_the_first_page(client, records, token):
    client.force_login(records["staff"])
    url = f"/projects/{records['project'].slug}/records/"
    first = [e.pk for e in client.get(url).context["page"]]
    response = client.get(url, {"after": token})
    assert response.status_code == 200
    assert [e.pk for e in response.context["page"]] == first
