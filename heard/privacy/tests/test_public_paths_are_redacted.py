"""Redaction runs on every path that reaches anyone but host staff and the partner who heard the resident: this
walks every page (and every download) as a steering-group member and as another partner, and looks for the
resident's personal details."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from heard.accounts.models import Role
from heard.analysis import actions as analysis_actions
from heard.analysis.models import Theme
from heard.core.testing import (
    make_community,
    make_experience,
    make_organisation,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer
from heard.privacy.models import DataSharingAgreement, SharingScope

SECRETS = ["Okafor", "07700 900123", "amina.yusuf@example.com", "943 476 5919", "N7 6PA"]
TEXT = (
    "Dr Okafor told me to ring 07700 900123 or write to amina.yusuf@example.com. My NHS number is 943 476 5919 "
    "and I live at N7 6PA. I waited five hours."
)


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


@pytest.fixture
def planted(db):
    ours, theirs = make_organisation(name="Ours", postcode="N7 7JY"), make_organisation(name="Theirs")
    community = make_community(name="Somali-speaking residents")
    project = make_project(partners=[ours, theirs], communities=[community])
    story = make_question(project=project, code="story")
    DataSharingAgreement.objects.create(  # so steering may see their words, redacted
        organisation=ours, starts_on=datetime.date(2020, 1, 1), scope=SharingScope.REDACTED_TEXT
    )
    staff = make_user(role=Role.HOST_STAFF)
    analysis_actions.ensure_national_codebook()
    theme = Theme.objects.get(name="Timeliness of care")
    answers = []
    for _ in range(6):  # enough people that nothing is suppressed
        record = make_experience(
            project=project,
            partner=ours,
            community=community,
            consent_quote=True,
            postcode="N7 6PA",
            ethnic_group="black_african",
        )
        answer = Answer.objects.create(experience=record, question=story, text=TEXT)
        analysis_actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True)
        answers.append(answer)
    return {"project": project, "answers": answers, "record": answers[0].experience, "theirs": theirs}


def _candidates(planted: dict[str, Any], route: str) -> list[str]:
    path = "/" + route.replace("^", "").replace("$", "").replace("\\Z", "")
    path = re.sub(r"<slug:\w+>", planted["project"].slug, path)
    if "<" not in path:
        return [path]
    ids = {planted["record"].pk, planted["answers"][0].pk}
    return [re.sub(r"<int:\w+>", str(i), path) for i in ids if "<" not in re.sub(r"<int:\w+>", str(i), path)]


@pytest.mark.parametrize("who", ["steering", "other_partner"])
def test_no_page_shows_personal_details_to_people_outside(client, planted, who):
    user = (
        make_user(role=Role.STEERING_MEMBER)
        if who == "steering"
        else make_user(role=Role.PARTNER_MEMBER, organisation=planted["theirs"])
    )
    client.force_login(user)
    seen = 0
    for route in _routes(get_resolver().url_patterns):
        if route.startswith(("django-admin/", "accounts/")):
            continue
        for path in _candidates(planted, route):
            response = client.get(path, {"suggested": "1"})
            if response.status_code != 200:
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", errors="replace")
            seen += 1
            for secret in SECRETS:
                assert secret not in text, (path, secret)
    assert seen >= 10


def test_the_quotes_others_see_are_redacted_not_dropped(client, planted):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    html = client.get(f"/analysis/projects/{planted['project'].slug}/themes/").content.decode()
    assert "Dr [name] told me to ring [phone]" in html


def test_staff_can_undo_a_redaction_and_it_is_audited(client, planted):
    from heard.core.models import AuditEvent, AuditVerb
    from heard.privacy.outputs import public_text

    answer = planted["answers"][0]
    assert public_text(answer).startswith("Dr [name] told me")
    client.force_login(make_user(role=Role.HOST_STAFF))
    page = client.get(f"/privacy/answers/{answer.pk}/redaction/").content.decode()
    assert "What others will see" in page and "Okafor" in page  # staff see what was hidden
    client.post(f"/privacy/answers/{answer.pk}/redaction/", {"field": "text", "span": "0", "keep": "1"})
    assert public_text(Answer.objects.get(pk=answer.pk)).startswith("Dr Okafor told me to ring [phone]")
    assert AuditEvent.objects.filter(verb=AuditVerb.DECIDED, summary__startswith="Showed a name").exists()
    client.post(f"/privacy/answers/{answer.pk}/redaction/", {"field": "text", "span": "0", "keep": "0"})
    assert public_text(Answer.objects.get(pk=answer.pk)).startswith("Dr [name] told me")


def test_partners_and_steering_members_cannot_review_redactions(client, planted):
    for role in (Role.PARTNER_MEMBER, Role.STEERING_MEMBER):
        client.force_login(make_user(role=role))
        assert client.get(f"/privacy/answers/{planted['answers'][0].pk}/redaction/").status_code == 403
