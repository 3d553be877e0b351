"""Meetings: host staff add one with its decisions, actions and papers; the decision log finds decisions by
their words; the steering group reads them; partners do not."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from heard.accounts.models import Role
from heard.core.testing import make_user
from heard.governance.models import ActionItem, Decision, Meeting

pytestmark = pytest.mark.django_db


def test_staff_record_a_meeting_and_the_group_finds_its_decisions(client):
    client.force_login(make_user(role=Role.HOST_STAFF))
    response = client.post("/learn/meetings/", {"held_on": "2026-04-21", "title": "Steering group", "agenda": "1."})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/learn/meetings/{meeting.pk}/"
    base = f"/learn/meetings/{meeting.pk}/add"
    client.post(f"{base}/decision/", {"text": "Residents are at least half the members", "rationale": "Asked for"})
    client.post(f"{base}/action/", {"action": "Recruit two residents", "owner": "Grace", "due_on": "2026-06-01"})
    client.post(f"{base}/paper/", {"paper_title": "Charter draft", "paper": SimpleUploadedFile("draft.txt", b"v2")})
    assert Decision.objects.get().decided_on == meeting.held_on
    assert ActionItem.objects.get().owner == "Grace"
    paper = meeting.papers.get()
    assert client.post(f"{base}/decision/", {"text": ""}).status_code == 400
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    assert "Residents are at least half" in client.get("/learn/meetings/?q=HALF").content.decode()
    assert "Residents are at least half" not in client.get("/learn/meetings/?q=budget").content.decode()
    download = client.get(f"/learn/papers/{paper.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"v2"
    assert client.post(f"{base}/decision/", {"text": "Ours"}).status_code == 403
    client.force_login(make_user(role=Role.PARTNER_MEMBER))
    assert client.get(f"/learn/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/learn/papers/{paper.pk}/").status_code == 404
