""" "You said, we did": what residents said (themes, consented quotes) beside what was done about it (the
organisations' responses, their commitments and evidence of change), for a project or one of its communities.

Everything here is for anyone to read: counts are protected (the public scope: 1 to 4 as "<5", the rest rounded,
`engagement.scope.command_scope(public=True)`), residents' words come only from
`privacy.outputs.quotable_answers(None, project)` written with `public_text`, and only recommendations the host has
sent appear (never a draft, never the host's own notes or an evidence file). It is read fresh on every request, so
the page and the sheet change as soon as a response or a change is recorded.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Q

from heard.analysis.actions import effective_themes
from heard.analysis.models import Theme
from heard.engagement.models import Project
from heard.engagement.scope import AggregateScope, command_scope
from heard.influence.models import EvidenceKind, Recommendation, RecommendationStatus
from heard.influence.verdict_results import ResultRow, results, verdicts_in_scope
from heard.lib.disclosure import Cell
from heard.lib.numbers import SUPPRESSION_THRESHOLD
from heard.partners.models import Community
from heard.privacy.outputs import public_text, quotable_answers

MAX_THEMES = 6
QUOTES_PER_THEME = 2
SPARE_QUOTES = 4  # candidates looked at per quote shown, so that a repeated quote can give way to another


@dataclass(frozen=True)
class QuoteShown:
    text: str
    language: str  # the words' language ("en" where an English translation is shown)


@dataclass(frozen=True)
class Said:
    theme: str
    people: Cell
    quotes: list[QuoteShown]


@dataclass(frozen=True)
class Done:
    title: str
    text: str
    organisation: str
    status: str  # a RecommendationStatus code, or "overdue"
    sent_on: datetime.date | None
    responses: list[tuple[str, str, datetime.date]]  # (decision code, reasons, received)
    commitments: list[tuple[str, datetime.date, str]]  # (action, due, status code)
    changes: list[tuple[str, str, datetime.date]]  # (what changed, a link or "", when)
    verdicts: ResultRow | None
    translations: dict[str, str] = field(default_factory=dict)  # `text` by project language code, where given
    text_language: str = "en"


@dataclass
class YouSaidWeDid:
    project: Project
    community: Community | None
    heard: Cell
    said: list[Said] = field(default_factory=list)
    done: list[Done] = field(default_factory=list)
    verdicts: ResultRow | None = None
    note: str = ""


def public_recommendations(project: Project, community: Community | None = None) -> list[Recommendation]:
    """The recommendations anyone may read about: sent (not drafts); for a community, those raised for it and those
    for everyone (no community named)."""
    found = project.recommendations.exclude(status=RecommendationStatus.DRAFT)
    if community is not None:
        found = found.filter(Q(communities=community) | Q(communities=None)).distinct()
    return list(found.select_related("organisation").order_by("sent_on", "pk"))


def has_public_page(project: Project) -> bool:
    return project.recommendations.exclude(status=RecommendationStatus.DRAFT).exists()


def _scope(project: Project, community: Community | None) -> AggregateScope:
    scope = command_scope(project, public=True)
    if community is None:
        return scope
    return AggregateScope(project, scope.experiences.filter(community=community), exact=False)


def _said(scope: AggregateScope, project: Project, community: Community | None) -> list[Said]:
    answers = list(scope.answers().filter(question__kind="free_text").values_list("pk", "experience_id"))
    themes_of = effective_themes([pk for pk, _e in answers])
    people: dict[int, set[int]] = defaultdict(set)
    for pk, experience_id in answers:
        for theme_id in themes_of.get(pk, ()):
            people[theme_id].add(experience_id)
    top = sorted(people, key=lambda t: (-len(people[t]), t))[:MAX_THEMES]
    top = [t for t in top if len(people[t]) >= SUPPRESSION_THRESHOLD]
    names = {t.pk: t.name for t in Theme.objects.filter(pk__in=top)}
    cells = scope.protect([len(people[t]) for t in top])
    quotable = quotable_answers(None, project)
    if community is not None:
        quotable = quotable.filter(experience__community=community)
    quotable_ids = set(quotable.filter(pk__in=[pk for pk, _e in answers]).values_list("pk", flat=True))
    by_theme: dict[int, list[int]] = defaultdict(list)
    for pk, _experience_id in answers:
        if pk in quotable_ids:
            for theme_id in themes_of.get(pk, ()):
                # a few spare: two residents' identical words are shown once
                if theme_id in top and len(by_theme[theme_id]) < QUOTES_PER_THEME * SPARE_QUOTES:
                    by_theme[theme_id].append(pk)
    chosen = {a.pk: a for a in quotable.filter(pk__in=[pk for pks in by_theme.values() for pk in pks])}
    said = []
    for theme_id, cell in zip(top, cells, strict=True):
        quotes: list[QuoteShown] = []
        for pk in by_theme[theme_id]:
            if pk not in chosen:
                continue
            answer = chosen[pk]
            quote = QuoteShown(public_text(answer), "en" if answer.english_text else (answer.language or "en"))
            if len(quotes) < QUOTES_PER_THEME and " ".join(quote.text.split()) not in {
                " ".join(q.text.split()) for q in quotes
            }:
                quotes.append(quote)
        said.append(Said(names.get(theme_id, ""), cell, quotes))
    return said


def _done(recommendation: Recommendation, scope: AggregateScope, community: Community | None) -> Done:
    verdicts = verdicts_in_scope(scope).filter(recommendation=recommendation)
    if community is not None:
        verdicts = verdicts.filter(community=community)
    row = results(scope, verdicts, group=lambda v: "").overall if verdicts.exists() else None
    return Done(
        title=recommendation.title,
        text=recommendation.text,
        organisation=recommendation.organisation.name,
        status="overdue" if recommendation.overdue else recommendation.status,
        sent_on=recommendation.sent_on,
        responses=[(r.decision, r.reasons, r.received_at.date()) for r in recommendation.responses.all()],
        commitments=[(c.action, c.due_on, c.status) for c in recommendation.commitments.all()],
        changes=[
            (e.text, e.url, e.created_at.date()) for e in recommendation.evidence.all() if e.kind == EvidenceKind.CHANGE
        ],
        verdicts=row,
        translations=dict(recommendation.summary_translations or {}),
    )


def in_language(page: YouSaidWeDid, code: str, lang: str) -> YouSaidWeDid:
    """The page with each recommendation's summary in project language `code` (HTML lang `lang`) where host staff
    gave one; the English summary elsewhere."""
    page.done = [
        replace(item, text=item.translations[code], text_language=lang) if item.translations.get(code) else item
        for item in page.done
    ]
    return page


def build(project: Project, community: Community | None = None) -> YouSaidWeDid:
    scope = _scope(project, community)
    page = YouSaidWeDid(
        project=project,
        community=community,
        heard=scope.figure(scope.experiences.count()),
        said=_said(scope, project, community),
        note=scope.note,
    )
    page.done = [_done(r, scope, community) for r in public_recommendations(project, community)]
    verdicts = verdicts_in_scope(command_scope(project, public=True))
    if community is not None:
        verdicts = verdicts.filter(community=community)
    if verdicts.exists():
        page.verdicts = results(scope, verdicts, group=lambda v: "").overall
    return page
