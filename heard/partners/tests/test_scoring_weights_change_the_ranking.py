from __future__ import annotations

from heard.accounts.models import Role
from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_user
from heard.partners.models import Assessment, Criterion, Decision


def _score(client, organisation, **scores):
    data = {"notes": "", "decision": Decision.UNDECIDED}
    for criterion in Criterion.objects.all():
        data[f"score_{criterion.key}"] = str(scores.get(criterion.key.replace("-", "_"), 0))
        data[f"note_{criterion.key}"] = ""
    response = client.post(f"/partners/{organisation.slug}/score/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _weigh(client, **weights):
    data = {c.key: str(weights.get(c.key.replace("-", "_"), 0)) for c in Criterion.objects.all()}
    assert client.post("/partners/selection/weights/", data).status_code == 302


def _ranking(client):
    page = client.get("/partners/selection/").content.decode()
    table = page[page.index("highest weighted score first") :]
    return sorted(("Far Reach", "Small Group"), key=table.index)


def test_the_criteria_come_ready_with_the_partnerships_four(db):
    assert list(Criterion.objects.values_list("key", flat=True)) == ["reach", "timeframe", "due-diligence", "smaller"]


def test_changing_the_weights_changes_the_ranking(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    far_reach = make_organisation(name="Far Reach")
    small = make_organisation(name="Small Group")
    _score(client, far_reach, reach=3, smaller=0)
    _score(client, small, reach=1, smaller=3)

    _weigh(client, reach=3, smaller=1)
    assert _ranking(client) == ["Far Reach", "Small Group"]  # 9/12 against 6/12
    _weigh(client, reach=1, smaller=3)
    assert _ranking(client) == ["Small Group", "Far Reach"]  # 3/12 against 10/12
    assert AuditEvent.objects.filter(verb=AuditVerb.SCORED).count() == 2
    assert AuditEvent.objects.filter(verb=AuditVerb.CHANGED, target_type="partners.criterion").count() == 2


def test_a_score_keeps_its_notes_and_decision_and_scoring_again_replaces_it(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    organisation = make_organisation(name="Far Reach")
    _score(client, organisation, reach=2)
    data = {f"score_{c.key}": "3" for c in Criterion.objects.all()} | {
        "notes": "Big; ask them to lead",
        "decision": "lead",
    }
    client.post(f"/partners/{organisation.slug}/score/", data)
    assessment = Assessment.objects.get(organisation=organisation)
    assert assessment.decision == Decision.LEAD and assessment.notes == "Big; ask them to lead"
    assert sorted(assessment.scores.values_list("score", flat=True)) == [3, 3, 3, 3]


def test_a_weight_outside_0_to_5_is_refused_with_a_message(client, db):
    client.force_login(make_user(role=Role.HOST_STAFF))
    data = {c.key: "9" for c in Criterion.objects.all()}
    response = client.post("/partners/selection/weights/", data)
    assert response.status_code == 200
    assert "less than or equal to 5" in response.content.decode()


def test_selection_is_for_host_staff_only(client, db):
    partner = make_organisation()
    client.force_login(make_user(role=Role.PARTNER_MEMBER, organisation=partner))
    assert client.get("/partners/selection/").status_code == 403
    assert client.get(f"/partners/{partner.slug}/score/").status_code == 403


def test_the_criteria_come_back_when_a_database_has_none(client, db):
    Criterion.objects.all().delete()
    client.force_login(make_user(role=Role.HOST_STAFF))
    assert "Can reach people we don&#x27;t" in client.get("/partners/selection/").content.decode()
    assert Criterion.objects.count() == 4
