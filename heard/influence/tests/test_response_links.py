"""Responding without an account: one link per recommendation and addressee, kept only as a hash; it expires,
stops working when revoked or replaced, never reaches another recommendation, and is rate-limited."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_user
from heard.influence import actions
from heard.influence.models import (
    Commitment,
    Recommendation,
    RecommendationStatus,
    ResponseLink,
    TimelineEvent,
    TimelineKind,
)
from heard.influence.testing import link_for, make_recommendation, token_from_last_email

pytestmark = pytest.mark.django_db

SENT = datetime.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _fresh_limits():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def _sent() -> tuple[Recommendation, str]:
    rec = make_recommendation(sent_on=SENT)
    return rec, token_from_last_email()


def _respond(client, token, **data):
    form = {
        "decision": "partly_accepted",
        "reasons": "We can do the phone line, not the evening clinics.",
        "name": "Sam Lee",
        "action_1": "Open a booking line from 8am",
        "owner_1": "Head of access",
        "due_1": "2027-03-31",
    }
    form.update(data)
    return client.post(reverse("influence:respond", args=[token]), form)


def test_sending_e_mails_a_link_and_keeps_only_the_tokens_hash(client):
    rec, token = _sent()
    assert mail.outbox[-1].to == [rec.addressee_email]
    assert rec.status == RecommendationStatus.SENT and rec.due_on == datetime.date(2026, 11, 30)
    link = link_for(token)
    assert link.token_hash != token and len(link.token_hash) == 64
    assert not ResponseLink.objects.filter(token_hash=token).exists()
    # The e-mail is on the timeline, without the token
    emailed = TimelineEvent.objects.get(recommendation=rec, kind=TimelineKind.EMAILED)
    assert emailed.email_subject == mail.outbox[-1].subject
    assert token not in emailed.email_body and "[their own link]" in emailed.email_body


def test_the_addressee_responds_through_the_link_and_the_status_follows(client):
    rec, token = _sent()
    assert client.get(reverse("influence:respond", args=[token])).status_code == 200
    response = _respond(client, token)
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.PARTLY_ACCEPTED
    commitment = Commitment.objects.get(recommendation=rec)
    assert (commitment.owner, commitment.due_on) == ("Head of access", datetime.date(2027, 3, 31))
    kinds = list(rec.timeline.values_list("kind", flat=True))
    assert TimelineKind.RESPONDED in kinds and TimelineKind.COMMITTED in kinds
    assert AuditEvent.objects.filter(verb=AuditVerb.RESPONDED, target_id=str(rec.pk)).exists()


def test_evidence_of_change_with_a_file_marks_it_changed(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rec, token = _sent()
    _respond(client, token)
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 board minutes", content_type="application/pdf")
    response = client.post(
        reverse("influence:progress", args=[token]),
        {"kind": "change", "text": "The booking line opened in March.", "url": "", "name": "Sam Lee", "file": upload},
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.CHANGED
    evidence = rec.evidence.get()
    assert evidence.file_name == "minutes.pdf" and evidence.file.read().startswith(b"%PDF")


def test_a_file_that_is_not_what_its_name_says_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rec, token = _sent()
    _respond(client, token)
    upload = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    response = client.post(
        reverse("influence:progress", args=[token]),
        {"kind": "change", "text": "Done.", "name": "Sam Lee", "file": upload},
    )
    assert response.status_code == 400
    assert "is not one" in response.content.decode()
    assert not rec.evidence.exists()


def test_an_expired_link_is_not_found(client):
    rec, token = _sent()
    ResponseLink.objects.filter(recommendation=rec).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("influence:respond", args=[token])).status_code == 404
    assert _respond(client, token).status_code == 404
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.SENT


def test_a_revoked_link_stops_working(client):
    rec, token = _sent()
    actions.revoke_link(actor=make_user(), link=link_for(token))
    assert client.get(reverse("influence:respond", args=[token])).status_code == 404
    assert _respond(client, token).status_code == 404
    assert not rec.responses.exists()


def test_a_new_link_replaces_the_old_one(client, django_capture_on_commit_callbacks):
    rec, old = _sent()
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_new_link(actor=make_user(), rec=rec)
    new = token_from_last_email()
    assert new != old
    assert client.get(reverse("influence:respond", args=[old])).status_code == 404
    assert client.get(reverse("influence:respond", args=[new])).status_code == 200


def test_a_link_never_sees_or_changes_another_recommendation(client):
    rec, token = _sent()
    other, _other_token = _sent()
    page = client.get(reverse("influence:respond", args=[token])).content.decode()
    assert rec.title in page and other.title not in page
    _respond(client, token, decision="declined", action_1="", owner_1="", due_1="")
    other.refresh_from_db()
    assert other.status == RecommendationStatus.SENT and not other.responses.exists()
    # Evidence for another recommendation's action is refused, not filed there
    theirs = Commitment.objects.create(
        recommendation=other, action="Theirs", owner="Them", due_on=datetime.date(2027, 1, 1)
    )
    client.post(
        reverse("influence:progress", args=[token]),
        {"kind": "progress", "text": "Progress", "name": "Sam", "commitment": str(theirs.pk)},
    )
    assert not other.evidence.exists()
    assert rec.evidence.get().commitment is None


def test_guessed_tokens_are_not_found_and_then_rate_limited(client, settings):
    settings.HEARD_RESPONSE_LINK_LIMIT = 5
    _rec, token = _sent()
    for n in range(5):
        assert client.get(reverse("influence:respond", args=[f"guess{n}"])).status_code == 404
    # Even the right token waits once the address has used up its tries
    assert client.get(reverse("influence:respond", args=[token])).status_code == 429
    assert _respond(client, token).status_code == 429
