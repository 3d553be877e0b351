"""Reminders before the due day, escalation after it, follow-ups at 3, 6 and 12 months: each fires once per
recommendation, when the sweep runs again and when two workers send the same notice at the same moment."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import database_on_a_file
from heard.influence import actions, clock
from heard.influence.models import NoticeKind, Recommendation, SentNotice, TimelineKind
from heard.influence.testing import make_recommendation

SENT = datetime.date(2026, 11, 2)  # due Monday 30 November 2026


@pytest.mark.django_db
def test_nothing_is_due_the_day_after_sending():
    make_recommendation(sent_on=SENT)
    assert clock.sweep(SENT + datetime.timedelta(days=1)).sent == []


@pytest.mark.django_db
def test_a_reminder_goes_five_working_days_before_the_due_day_and_only_once(django_capture_on_commit_callbacks):
    rec = make_recommendation(sent_on=SENT)
    mail.outbox.clear()
    assert clock.sweep(datetime.date(2026, 11, 20)).sent == []  # six working days before
    with django_capture_on_commit_callbacks(execute=True):
        first = clock.sweep(datetime.date(2026, 11, 23))
        again = clock.sweep(datetime.date(2026, 11, 24))
    assert first.sent == [(rec.pk, NoticeKind.REMINDER)] and again.sent == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [rec.addressee_email]
    assert rec.timeline.filter(kind=TimelineKind.REMINDED).count() == 1
    assert rec.timeline.filter(kind=TimelineKind.EMAILED, email_subject__startswith="Reminder").count() == 1


@pytest.mark.django_db
def test_escalation_goes_to_the_senior_contact_after_the_due_day(django_capture_on_commit_callbacks):
    rec = make_recommendation(sent_on=SENT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert clock.sweep(datetime.date(2026, 11, 30)).sent == [(rec.pk, NoticeKind.REMINDER)]  # due today
        assert clock.sweep(datetime.date(2026, 12, 1)).sent == [(rec.pk, NoticeKind.ESCALATION)]
        assert clock.sweep(datetime.date(2026, 12, 2)).sent == []
    assert mail.outbox[-1].to == [rec.senior_email, rec.addressee_email]
    assert AuditEvent.objects.filter(verb=AuditVerb.ESCALATED, target_id=str(rec.pk)).count() == 1
    rec.refresh_from_db()
    assert rec.is_overdue(datetime.date(2026, 12, 1))


@pytest.mark.django_db
def test_follow_ups_come_at_3_6_and_12_months(django_capture_on_commit_callbacks):
    rec = make_recommendation(sent_on=SENT)
    Recommendation.objects.filter(pk=rec.pk).update(status="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        assert clock.sweep(datetime.date(2027, 2, 1)).sent == []
        assert clock.sweep(datetime.date(2027, 2, 2)).sent == [(rec.pk, NoticeKind.FOLLOW_UP_3)]
        assert clock.sweep(datetime.date(2027, 11, 2)).sent == [
            (rec.pk, NoticeKind.FOLLOW_UP_6),
            (rec.pk, NoticeKind.FOLLOW_UP_12),
        ]
        assert clock.sweep(datetime.date(2027, 12, 1)).sent == []


@pytest.mark.django_db
def test_the_clock_command_sends_what_is_due(capsys):
    rec = make_recommendation(sent_on=SENT)
    call_command("influence-clock", "--today", "2026-12-01")
    assert f"Recommendation {rec.pk}: escalation sent" in capsys.readouterr().out
    call_command("influence-clock", "--today", "2026-12-01")
    assert "0 notice(s) sent." in capsys.readouterr().out


@pytest.mark.django_db
def test_a_second_notice_of_the_same_kind_is_refused_by_the_database():
    rec = make_recommendation(sent_on=SENT)
    assert actions.send_notice(rec, NoticeKind.ESCALATION) is True
    assert actions.send_notice(rec, NoticeKind.ESCALATION) is False
    assert SentNotice.objects.filter(recommendation=rec).count() == 1
    assert rec.timeline.filter(kind=TimelineKind.ESCALATED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_escalation_at_the_same_moment_send_it_once(tmp_path):
    """Two threads, each with its own database connection, released together by a barrier. On SQLite the
    database runs them one after the other and the unique constraint refuses the second; on PostgreSQL the
    second insert waits for the first and fails the same way."""
    rec = make_recommendation(sent_on=SENT)
    mail.outbox.clear()
    results: list[bool] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def worker() -> None:
        try:
            start.wait()
            results.append(actions.send_notice(Recommendation.objects.get(pk=rec.pk), NoticeKind.ESCALATION))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    context = database_on_a_file(tmp_path / "heard.sqlite3") if connection.vendor == "sqlite" else None
    if context is not None:
        context.__enter__()
    try:
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert not errors, errors
        assert sorted(results) == [False, True]
        assert SentNotice.objects.filter(recommendation_id=rec.pk, kind=NoticeKind.ESCALATION).count() == 1
        assert len(mail.outbox) == 1
        assert AuditEvent.objects.filter(verb=AuditVerb.ESCALATED, target_id=str(rec.pk)).count() == 1
    finally:
        if context is not None:
            context.__exit__(None, None, None)
