from __future__ import annotations

import datetime
import json

from django.core import mail
from django.core.management import call_command

from heard.core.models import AuditEvent, AuditVerb
from heard.core.testing import make_organisation, make_policy
from heard.partners.models import Contact, PolicyKind, PolicyReminder

TODAY = datetime.date(2026, 11, 30)


def _world():
    soon = make_organisation(name="Soon", slug="soon")
    Contact.objects.create(organisation=soon, name="Lead", email="lead@soon.example", is_safeguarding_lead=True)
    Contact.objects.create(organisation=soon, name="Other", email="other@soon.example")
    lapsed = make_organisation(name="Lapsed", slug="lapsed", email="office@lapsed.example")
    fine = make_organisation(name="Fine", slug="fine", email="office@fine.example")
    make_policy(organisation=soon, kind=PolicyKind.SAFEGUARDING, expires_on=TODAY + datetime.timedelta(days=20))
    make_policy(organisation=lapsed, kind=PolicyKind.SAFEGUARDING, expires_on=TODAY - datetime.timedelta(days=3))
    make_policy(organisation=lapsed, kind=PolicyKind.EDI, expires_on=TODAY + datetime.timedelta(days=5))
    make_policy(organisation=fine, kind=PolicyKind.SAFEGUARDING, expires_on=TODAY + datetime.timedelta(days=200))
    # an old, superseded policy that lapsed long ago is not reminded about
    make_policy(
        organisation=fine,
        kind=PolicyKind.SAFEGUARDING,
        issued_on=datetime.date(2023, 1, 1),
        expires_on=datetime.date(2024, 1, 1),
    )


def test_expiring_and_lapsed_policies_get_one_reminder_each_however_often_the_sweep_runs(db, capsys):
    _world()
    call_command("policy-reminders", "--today", TODAY.isoformat(), "--format", "json")
    first = json.loads(capsys.readouterr().out)
    call_command("policy-reminders", "--today", TODAY.isoformat(), "--format", "json")
    second = json.loads(capsys.readouterr().out)

    assert sorted((r["organisation"], r["policy"], r["reminder"]) for r in first) == [
        ("lapsed", "edi", "due_soon"),
        ("lapsed", "safeguarding", "lapsed"),
        ("soon", "safeguarding", "due_soon"),
    ]
    assert second == []
    assert PolicyReminder.objects.count() == 3
    assert len(mail.outbox) == 3
    assert AuditEvent.objects.filter(verb=AuditVerb.REMINDED).count() == 3


def test_the_reminder_goes_to_the_safeguarding_lead_else_the_organisation(db):
    _world()
    call_command("policy-reminders", "--today", TODAY.isoformat())
    recipients = sorted(tuple(m.to) for m in mail.outbox)
    assert recipients == [("lead@soon.example",), ("office@lapsed.example",), ("office@lapsed.example",)]


def test_a_policy_that_lapses_after_its_first_reminder_gets_a_second_one_once(db):
    _world()
    call_command("policy-reminders", "--today", TODAY.isoformat())
    later = TODAY + datetime.timedelta(days=25)
    call_command("policy-reminders", "--today", later.isoformat())
    call_command("policy-reminders", "--today", later.isoformat())
    kinds = sorted(PolicyReminder.objects.filter(policy__organisation__slug="soon").values_list("kind", flat=True))
    assert kinds == ["due_soon", "lapsed"]


def test_a_date_that_is_not_a_date_is_a_clear_error(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date like"):
        call_command("policy-reminders", "--today", "30/11/2026")


def test_the_task_sends_the_same_reminders_once(db):
    from heard.partners.tasks import send_policy_reminders

    _world()
    make_policy(organisation=make_organisation(), expires_on=datetime.date.today() - datetime.timedelta(days=1))
    send_policy_reminders.enqueue()
    send_policy_reminders.enqueue()
    assert PolicyReminder.objects.filter(kind="lapsed", policy__expires_on__lt=datetime.date.today()).count() >= 1
    assert PolicyReminder.objects.values("policy", "kind").distinct().count() == PolicyReminder.objects.count()
