"""Each row of the coding grid says how its answer feels: a person's decision, Heard's suggestion (a dashed box
until a person chooses), "needs a person" where Heard could not read the words, and "Not set" where nothing was
suggested at all (an answer with no sentiment row: the grid looks that up once per row, not per mention)."""

from __future__ import annotations

import re

import pytest

from heard.accounts.models import Role
from heard.analysis.models import AnswerSentiment
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer

pytestmark = pytest.mark.django_db


def _row(html: str, answer: Answer) -> str:
    match = re.search(
        rf'<li class="heard-answer" id="answer-{answer.pk}".*?</li>\s*(?=<li class="heard-answer"|</ol>)', html, re.S
    )
    assert match, f"no row for answer {answer.pk}"
    return match.group(0)


def test_each_row_shows_a_decided_a_suggested_an_unread_and_a_missing_sentiment(client):
    partner = make_organisation(name="Ours")
    project = make_project(slug="feelings", partners=[partner])
    story = make_question(project=project, code="story")

    def answer(text: str) -> Answer:
        return Answer.objects.create(
            experience=make_experience(project=project, partner=partner), question=story, text=text
        )

    decided, suggested, unread, missing = (answer(t) for t in ("Kind nurse", "Long wait", "Waxaan sugay", "Fine"))
    AnswerSentiment.objects.create(answer=decided, suggested=2, decided=1)
    AnswerSentiment.objects.create(answer=suggested, suggested=5)
    AnswerSentiment.objects.create(answer=unread, needs_person=True)
    client.force_login(make_user(role=Role.HOST_STAFF))
    html = client.get("/analysis/projects/feelings/coding/").content.decode()

    row = _row(html, decided)
    assert "set by a person" in row and "heard-grid-select--suggested" not in row
    assert re.search(r'<option value="1" selected>', row)
    row = _row(html, suggested)
    assert "suggested by Heard" in row and "heard-grid-select--suggested" in row
    assert re.search(r'<option value="5" selected>', row)
    row = _row(html, unread)
    assert "data-needs-person" in row and "none, needs a person" in row
    row = _row(html, missing)
    assert "data-needs-person" not in row and " selected>" not in row and "set by a person" not in row
