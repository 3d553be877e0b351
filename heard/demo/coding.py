"""The demo's coding: the national codebook, the project's local themes (from the partnership's own learning),
and decisions by two people on some answers, taking up the machine's suggestions (made by the follow-up work
the demo's records queued: heard/demo/follow_up.py)."""

from __future__ import annotations

import random
import re

from heard.accounts.models import User
from heard.analysis import actions
from heard.analysis.models import Code, CodeSource, Suggestion, Theme
from heard.engagement.models import Answer, Project, QuestionKind

# name, description, national theme it adds up to, words that suggest it (for the demo's people to apply)
LOCAL_THEMES = [
    (
        "Language, interpreting and accessible information",
        "Interpreters, translated information, BSL, easy read.",
        "Information provision & guidance",
        r"interpret|translat|english|bsl|deaf|language|hear it|could not hear",
    ),
    (
        "Awareness of services and entitlements",
        "Knowing what exists and what people are entitled to.",
        "Information provision & guidance",
        r"entitled|did not know|didn't know|register|proof of address|documents",
    ),
    (
        "Digital access",
        "Apps, online booking, phones-only systems.",
        "Contacting services",
        r"\bapp\b|online|website|phone|ring|call",
    ),
    (
        "Money, work, caring and housing",
        "Costs, shifts, caring duties, housing conditions.",
        "Funding & use of financial resources",
        r"rent|bills|money|afford|damp|housing|carer|shift|work",
    ),
    (
        "Staff understanding of communities' needs",
        "Whether staff understood people's culture and circumstances.",
        "Staff listening, understanding & involving patients",
        r"did not listen|didn't listen|not listen|seriously|understand",
    ),
    (
        "Public health messaging",
        "Health checks, vaccination and prevention messages reaching people.",
        "Information provision & guidance",
        r"health check|vaccin|blood pressure|screening",
    ),
]


def build_demo_coding(project: Project) -> dict[str, int]:
    rng = random.Random(7)
    actions.ensure_national_codebook()
    staff = User.objects.get(username="staff")
    admin = User.objects.get(username="admin")
    local: list[tuple[Theme, re.Pattern[str]]] = []
    for name, description, national, words in LOCAL_THEMES:
        theme = actions.add_local_theme(
            actor=staff,
            project=project,
            name=name,
            description=description,
            national_theme=Theme.objects.national().get(name=national),
        )
        local.append((theme, re.compile(words, re.IGNORECASE)))

    answers = list(
        Answer.objects.filter(experience__project=project, question__kind=QuestionKind.FREE_TEXT).order_by("pk")
    )
    suggestions: dict[int, list[Suggestion]] = {}
    for suggestion in Suggestion.objects.filter(answer__in=answers).select_related("theme"):
        suggestions.setdefault(suggestion.answer_id, []).append(suggestion)
    codes: list[Code] = []
    reviewed = rng.sample(answers, k=min(450, len(answers)))
    for answer in reviewed:
        words = answer.english_text or answer.text
        for suggestion in suggestions.get(answer.pk, []):
            # People accept most confident suggestions and reject a few weak ones.
            applied = suggestion.confidence >= 0.35 or rng.random() < 0.3
            codes.append(
                Code(answer=answer, theme=suggestion.theme, coder=staff, applied=applied, source=CodeSource.SUGGESTION)
            )
        for theme, pattern in local:
            if pattern.search(words):
                codes.append(Code(answer=answer, theme=theme, coder=staff, applied=True))
    # A second person codes a sample independently, so the partnership can check agreement.
    for answer in reviewed[:40]:
        for code in [c for c in codes if c.answer_id == answer.pk]:
            agrees = rng.random() < 0.88
            codes.append(
                Code(
                    answer=answer,
                    theme=code.theme,
                    coder=admin,
                    applied=code.applied if agrees else not code.applied,
                    source=code.source,
                )
            )
    Code.objects.bulk_create(codes, ignore_conflicts=True)
    actions.refresh_grid_keys([a.pk for a in reviewed])
    return {"codes by people": len(codes)}
