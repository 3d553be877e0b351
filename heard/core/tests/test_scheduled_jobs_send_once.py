"""The jobs docs/deploy.md tells you to run on a schedule ("Jobs on a schedule") are real commands, and running the
whole list twice in a day sends each notice once: the response clock's escalation, a policy reminder and the
steering group's review reminder each go out on the first run and not again on the second."""

from __future__ import annotations

import datetime
import re
import shlex
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command, get_commands
from django.utils import timezone

from heard.core.testing import make_organisation, make_policy, make_user
from heard.governance.models import ReviewDate
from heard.influence.models import NoticeKind, SentNotice
from heard.influence.testing import make_recommendation
from heard.partners.models import PolicyKind, PolicyReminder

DEPLOY = Path(__file__).resolve().parents[3] / "docs" / "deploy.md"
EXPECTED = {"influence-clock", "policy-reminders", "governance-reminders", "retention", "prune_db_task_results"}


def scheduled_jobs() -> list[list[str]]:
    """Each `heard ...` command line of the section, in order, once."""
    text = DEPLOY.read_text(encoding="utf-8")
    section = text[text.index("## 5. Jobs on a schedule") :]
    section = section[: section.index("\n## ", 1)]
    lines = re.findall(r"bin/heard ([a-z_-]+(?: --?[a-z-]+(?: \d+)?)*)\s*$", section, flags=re.MULTILINE)
    return [shlex.split(line) for line in dict.fromkeys(lines)]


def test_the_schedule_names_the_clock_the_reminders_and_the_housekeeping() -> None:
    jobs = scheduled_jobs()
    assert {job[0] for job in jobs} == EXPECTED
    assert [job for job in jobs if job[0] not in get_commands()] == []


@pytest.mark.django_db
def test_running_the_schedule_twice_sends_each_notice_once(django_capture_on_commit_callbacks, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}  # as deployed
    today = timezone.localdate()
    make_user(email="staff@host.example")
    overdue = make_recommendation(sent_on=today - datetime.timedelta(days=60))
    partner = make_organisation(name="Due soon", email="office@due-soon.example")
    make_policy(organisation=partner, kind=PolicyKind.SAFEGUARDING, expires_on=today + datetime.timedelta(days=10))
    ReviewDate.objects.create(subject="charter", due_on=today)
    mail.outbox.clear()

    sent = []
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            for job in scheduled_jobs():
                call_command(*job, verbosity=0)
        sent.append(len(mail.outbox))

    assert sent[0] >= 3 and sent[1] == sent[0]
    assert list(SentNotice.objects.values_list("recommendation", "kind")) == [(overdue.pk, NoticeKind.ESCALATION)]
    assert PolicyReminder.objects.count() == 1
    assert [m.subject for m in mail.outbox].count("Heard: reviews due") == 1
