"""Who sees what: host staff read and change every recommendation; the steering group reads every one; a
partner's member reads those of their own projects; only host staff edit, send or revoke."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.core.testing import make_organisation, make_project, make_user
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    ours = make_organisation(name="Ours")
    ours_project = make_project(partners=[ours])
    other_project = make_project(partners=[make_organisation(name="Theirs")])
    return {
        "ours": make_recommendation(project=ours_project, title="Ours to see"),
        "other": make_recommendation(project=other_project, title="Not ours"),
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=ours),
    }


def _get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


def test_a_partner_reads_only_their_own_projects_recommendations(client, world):
    page = _get(client, world["partner"], "influence:stage").content.decode()
    assert "Ours to see" in page and "Not ours" not in page
    assert _get(client, world["partner"], "influence:recommendation", world["ours"].pk).status_code == 200
    assert _get(client, world["partner"], "influence:recommendation", world["other"].pk).status_code == 404
    assert _get(client, world["partner"], "influence:edit", world["ours"].pk).status_code == 403


def test_the_steering_group_reads_every_recommendation_and_changes_none(client, world):
    steering = make_user(role=Role.STEERING_MEMBER)
    page = _get(client, steering, "influence:stage").content.decode()
    assert "Ours to see" in page and "Not ours" in page
    assert _get(client, steering, "influence:recommendation", world["other"].pk).status_code == 200
    client.force_login(steering)
    assert client.post(reverse("influence:send", args=[world["other"].pk])).status_code == 403
    world["other"].refresh_from_db()
    assert world["other"].status == "draft"


def test_host_staff_make_and_send_a_recommendation_from_findings(client, world, django_capture_on_commit_callbacks):
    host = make_user(role=Role.HOST_STAFF)
    client.force_login(host)
    rec = world["ours"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("influence:send", args=[rec.pk]))
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "sent" and rec.due_on is not None
    page = client.get(reverse("influence:recommendation", args=[rec.pk])).content.decode()
    assert "E-mail to" in page and "Revoke" in page


def test_the_list_filters_by_status_and_overdue(client, world):
    import datetime

    from heard.influence.models import Recommendation

    Recommendation.objects.filter(pk=world["other"].pk).update(
        status="sent", sent_on=datetime.date(2026, 1, 5), due_on=datetime.date(2026, 2, 2)
    )
    client.force_login(make_user())
    page = client.get(reverse("influence:stage"), {"status": "overdue"}).content.decode()
    assert "Not ours" in page and "Ours to see" not in page
    page = client.get(reverse("influence:stage"), {"status": "draft"}).content.decode()
    assert "Ours to see" in page and "Not ours" not in page
