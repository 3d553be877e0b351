from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.analysis import actions
from heard.analysis.models import Theme
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer
from heard.lib.agreement import cohens_kappa, describe_kappa


def test_kappa_matches_a_worked_example():
    # 50 items: both yes 20, both no 15, A yes B no 5, A no B yes 10 -> po 0.7, pe 0.5, kappa 0.4
    a = [True] * 20 + [False] * 15 + [True] * 5 + [False] * 10
    b = [True] * 20 + [False] * 15 + [False] * 5 + [True] * 10
    assert cohens_kappa(a, b) == pytest.approx(0.4)
    assert describe_kappa(0.4) == "fair"
    assert cohens_kappa([], []) is None


def test_two_coders_agreement_on_a_project(db):
    partner = make_organisation()
    project = make_project(partners=[partner])
    story = make_question(project=project, code="story")
    actions.ensure_national_codebook()
    themes = list(Theme.objects.national().filter(kind="theme")[:2])
    first, second = make_user(role=Role.HOST_STAFF), make_user(role=Role.HOST_STAFF)
    for n in range(4):
        answer = Answer.objects.create(
            experience=make_experience(project=project, partner=partner), question=story, text=f"answer {n}"
        )
        actions.code_answer(actor=first, answer=answer, theme=themes[0], applied=True)
        actions.code_answer(actor=second, answer=answer, theme=themes[0], applied=n < 3)
    result = actions.coder_agreement(project, first, second)
    assert (result.answers, result.decisions) == (4, 4)
    assert result.kappa == pytest.approx(0.0)  # one coder always says yes: agreement is no better than chance
