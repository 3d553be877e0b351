"""Coding what residents said: the codebook, machine suggestions, and people's decisions (audited)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery

from heard.accounts.models import User
from heard.analysis import engine, suggesting, summary
from heard.analysis.grid import decisions, threshold_for
from heard.analysis.models import (
    AnswerSentiment,
    Code,
    CodeSource,
    CodingSettings,
    LocalThemeEvaluation,
    Suggestion,
    Theme,
    ThemeKind,
)
from heard.core import audit
from heard.core.models import AuditVerb
from heard.engagement.models import Answer, Project, QuestionKind
from heard.lib.agreement import cohens_kappa
from heard.lib.classify.data import framework, national_themes

NOT_POSSIBLE = "Labelling not possible"


@transaction.atomic
def ensure_national_codebook() -> int:
    """Creates the national framework's categories and themes once; returns how many were created."""
    if Theme.objects.national().filter(kind=ThemeKind.THEME).exists():
        return 0
    modelled = set(national_themes())
    created = 0
    categories: dict[str, Theme] = {}
    for position, entry in enumerate(framework()):
        if entry["theme"] not in modelled:
            continue
        category_name = entry.get("category") or "General"
        if category_name not in categories:
            categories[category_name] = Theme.objects.create(
                kind=ThemeKind.CATEGORY, name=category_name, position=len(categories)
            )
            created += 1
        Theme.objects.create(
            kind=ThemeKind.THEME,
            name=entry["theme"],
            parent=categories[category_name],
            description=entry.get("description", ""),
            examples=entry.get("examples", ""),
            position=position,
        )
        created += 1
    for name in sorted(modelled - set(Theme.objects.national().values_list("name", flat=True))):
        Theme.objects.create(kind=ThemeKind.THEME, name=name, position=999)
        created += 1
    return created


def _local_codes(project: Project) -> tuple[dict[int, str], QuerySet[Code], str]:
    """The project's local themes (id -> name), the codes people gave with them, and a key that changes whenever
    those codes do (two aggregates: no answer read)."""
    local = {t.pk: t.name for t in Theme.objects.filter(project=project, kind=ThemeKind.THEME)}
    if not local:
        return local, Code.objects.none(), ""
    codes = Code.objects.filter(theme_id__in=local, answer__experience__project=project)
    found = codes.aggregate(answers=Count("answer_id", distinct=True), latest=Max("coded_at"))
    stamp = found["latest"]
    return local, codes, f"project-{project.pk}:{found['answers']}:{stamp.isoformat() if stamp else ''}"


def _coded_local_examples(project: Project) -> tuple[list[str], list[frozenset[str]], str]:
    """Answers people coded with the project's local themes: their text, the local themes that apply, and a key
    that changes whenever those codes do."""
    local, codes, key = _local_codes(project)
    if not local:
        return [], [], ""
    applied: dict[int, set[str]] = defaultdict(set)
    coded_answers: set[int] = set()
    for answer_id, theme_id, is_applied in codes.values_list("answer_id", "theme_id", "applied"):
        coded_answers.add(answer_id)
        if is_applied:
            applied[answer_id].add(local[theme_id])
    answers = Answer.objects.filter(pk__in=coded_answers).only("pk", "text", "english_text")
    texts = [a.english_text or a.text for a in answers]
    labels = [frozenset(applied.get(a.pk, set())) for a in answers]
    return texts, labels, key


def model_for(project: Project) -> tuple[object, str]:
    """The model that serves a project and its version label. A retrained model stays in this process's memory
    while the project's local codes are unchanged: each task only asks the database whether they changed."""
    _, _, key = _local_codes(project)
    kept = engine.kept_local_model(key) if key else None
    if kept is not None:
        return kept, f"local-{project.pk}-{key.split(':')[1]}"
    texts, labels, key = _coded_local_examples(project)
    if not texts or not any(labels):
        return engine.national_model(), engine.NATIONAL
    local_names = sorted({name for label in labels for name in label})
    model = engine.local_model(key, texts, labels, local_names)
    return model, f"local-{project.pk}-{len(texts)}"


def suggest_themes(experience_ids: list[int]) -> int:
    """Suggests themes and a sentiment for the free-text answers of these contributions, replacing earlier
    suggestions (people's codes are never touched). Words the model cannot read (not English, no English
    translation: heard.lib.classify.readable) get no suggestion and are marked as needing a person. Returns how
    many answers were done.

    Each model reads all its answers at once, and each project's answers are written in one short transaction
    that touches only what changed (heard.analysis.suggesting): running it again writes nothing. The queries grow
    with the projects the records belong to, not with the answers."""
    ensure_national_codebook()
    answers = list(
        Answer.objects.filter(experience_id__in=experience_ids, question__kind=QuestionKind.FREE_TEXT)
        .order_by("pk")
        .values_list("pk", "text", "english_text", "language", "experience__project_id")
    )
    project_ids = sorted({a[4] for a in answers})
    with_local = set(
        Theme.objects.filter(project_id__in=project_ids, kind=ThemeKind.THEME).values_list("project_id", flat=True)
    )
    models = {
        project.pk: model_for(project) if project.pk in with_local else (engine.national_model(), engine.NATIONAL)
        for project in Project.objects.filter(pk__in=project_ids)
    }
    plan = suggesting.plan(answers, models)
    themes: dict[int, dict[str, int]] = {project_id: {} for project_id in project_ids}
    for pk, name, project_id in Theme.objects.filter(
        Q(project=None) | Q(project_id__in=project_ids), kind=ThemeKind.THEME
    ).values_list("pk", "name", "project_id"):
        for theirs in themes.values() if project_id is None else [themes[project_id]]:
            theirs[name] = pk
    # Each project's transaction locks its coding token (heard.engagement.generation) from its first write to its
    # commit; workers start at different projects so that two tasks do not queue behind each other project by
    # project. One project a transaction: no order can deadlock.
    start = min(experience_ids, default=0) % max(len(project_ids), 1)
    for project_id in project_ids[start:] + project_ids[:start]:
        wanted = plan.wanted(project_id, themes[project_id])
        with transaction.atomic():
            # What is stored is read in the transaction that writes: a task queued twice for the same records
            # (a file revised twice in a row) finds what the other wrote.
            stored = suggesting.Stored.of(plan.answers[project_id])
            changed = suggesting.write(plan.answers[project_id], wanted, stored)
            refresh_grid_keys(sorted(changed))
    return len(answers)


def refresh_grid_keys(answer_ids: list[int]) -> None:
    """Recomputes the coding grid's stored order for these answers from their codes and suggestions (call it
    wherever codes or suggestions are written other than through code_answer and suggest_themes)."""
    coded = Code.objects.filter(answer=OuterRef("pk"))
    top = (
        Suggestion.objects.filter(answer=OuterRef("pk"))
        .order_by()
        .values("answer")
        .annotate(top=Max("confidence"))
        .values("top")
    )
    for start in range(0, len(answer_ids), 500):
        Answer.objects.filter(pk__in=answer_ids[start : start + 500]).update(
            is_coded=Exists(coded), top_confidence=Subquery(top)
        )


@transaction.atomic
def code_answer(
    *, actor: User, answer: Answer, theme: Theme, applied: bool, source: str = CodeSource.MANUAL, summary: str = ""
) -> Code:
    """A person decides whether a theme applies to an answer."""
    code, _ = Code.objects.update_or_create(
        answer=answer, theme=theme, coder=actor, defaults={"applied": applied, "source": source}
    )
    Answer.objects.filter(pk=answer.pk).update(is_coded=True)
    audit.record(
        actor=actor,
        verb=AuditVerb.DECIDED,
        target=answer,
        target_label=f"Answer on {answer.experience.reference}",
        project_id=answer.experience.project_id,
        organisation_id=answer.experience.partner_id,
        summary=summary or f"{'Applied' if applied else 'Rejected'} theme “{theme.name}”",
    )
    return code


@transaction.atomic
def accept_suggestions(*, actor: User, answer: Answer) -> int:
    """Accepts the answer's open suggestions (no person decided on their theme yet, either way) at or above the
    project's confidence threshold; one below it is never accepted in bulk. Returns how many were accepted."""
    decided = decisions([answer.pk]).get(answer.pk, {})
    threshold = threshold_for(answer.experience.project_id)
    count = 0
    for suggestion in Suggestion.objects.filter(answer=answer, confidence__gte=threshold).select_related("theme"):
        if suggestion.theme_id not in decided:
            code_answer(actor=actor, answer=answer, theme=suggestion.theme, applied=True, source=CodeSource.SUGGESTION)
            count += 1
    return count


@transaction.atomic
def reject_suggestion(*, actor: User, answer: Answer, theme: Theme) -> Code:
    """A person says a suggested theme does not apply: it is not offered again for this answer (even when the
    suggestions are worked out again), and the audit says so."""
    suggestion = Suggestion.objects.filter(answer=answer, theme=theme).first()
    confidence = f" ({round(suggestion.confidence * 100)}% confidence)" if suggestion else ""
    return code_answer(
        actor=actor,
        answer=answer,
        theme=theme,
        applied=False,
        source=CodeSource.SUGGESTION,
        summary=f"Rejected suggested theme “{theme.name}”{confidence}: not offered again for this answer",
    )


@transaction.atomic
def set_suggestion_threshold(*, actor: User, project: Project, threshold: float) -> CodingSettings:
    """Host staff set the confidence below which the project's suggestions are never pre-selected (0 to 1)."""
    if not 0 <= threshold <= 1:
        raise ValueError("The threshold is a confidence from 0 to 1.")
    settings, _ = CodingSettings.objects.get_or_create(project=project)
    before = {"suggestion_threshold": settings.suggestion_threshold}
    settings.suggestion_threshold = threshold
    settings.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.CHANGED,
        target=project,
        project_id=project.pk,
        before=before,
        after={"suggestion_threshold": threshold},
        summary=f"Suggestions below {round(threshold * 100)}% confidence are no longer pre-selected",
    )
    return settings


@transaction.atomic
def set_sentiment(*, actor: User, answer: Answer, score: int) -> AnswerSentiment:
    sentiment, _ = AnswerSentiment.objects.get_or_create(answer=answer)
    before = {"sentiment": sentiment.score}
    sentiment.decided = score
    sentiment.decided_by = actor
    sentiment.save()
    audit.record(
        actor=actor,
        verb=AuditVerb.DECIDED,
        target=answer,
        target_label=f"Answer on {answer.experience.reference}",
        project_id=answer.experience.project_id,
        organisation_id=answer.experience.partner_id,
        before=before,
        after={"sentiment": score},
    )
    return sentiment


@transaction.atomic
def add_local_theme(
    *,
    actor: User,
    project: Project,
    name: str,
    description: str = "",
    national_theme: Theme | None = None,
    parent: Theme | None = None,
) -> Theme:
    position = (Theme.objects.filter(project=project).aggregate(m=Max("position"))["m"] or 1000) + 1
    theme = Theme.objects.create(
        project=project,
        name=name,
        description=description,
        national_theme=national_theme,
        parent=parent,
        position=position,
    )
    audit.record(
        actor=actor,
        verb=AuditVerb.CREATED,
        target=theme,
        project_id=project.pk,
        after=audit.snapshot(theme, ["name", "description", "national_theme_id", "parent_id"]),
    )
    return theme


def effective_themes(answer_ids: list[int]) -> dict[int, set[int]]:
    """For each answer, the theme ids people decided apply (the latest decision per theme wins)."""
    latest: dict[tuple[int, int], tuple[object, bool]] = {}
    for answer_id, theme_id, applied, at in Code.objects.filter(answer_id__in=answer_ids).values_list(
        "answer_id", "theme_id", "applied", "coded_at"
    ):
        key = (answer_id, theme_id)
        if key not in latest or at > latest[key][0]:  # type: ignore[operator]
            latest[key] = (at, applied)
    result: dict[int, set[int]] = defaultdict(set)
    for (answer_id, theme_id), (_, applied) in latest.items():
        if applied:
            result[answer_id].add(theme_id)
    return result


@dataclass
class Agreement:
    answers: int
    decisions: int
    kappa: float | None


def coder_agreement(project: Project, first: User, second: User) -> Agreement:
    """Cohen's kappa between two coders over every (answer, theme) either of them decided, on the answers both
    coded."""
    codes = Code.objects.filter(answer__experience__project=project, coder__in=[first, second])
    by_coder: dict[int, dict[tuple[int, int], bool]] = {first.pk: {}, second.pk: {}}
    answers_by_coder: dict[int, set[int]] = {first.pk: set(), second.pk: set()}
    for answer_id, theme_id, coder_id, applied in codes.values_list("answer_id", "theme_id", "coder_id", "applied"):
        by_coder[coder_id][(answer_id, theme_id)] = applied
        answers_by_coder[coder_id].add(answer_id)
    shared = answers_by_coder[first.pk] & answers_by_coder[second.pk]
    keys = sorted({k for c in by_coder.values() for k in c if k[0] in shared})
    a = [by_coder[first.pk].get(k, False) for k in keys]
    b = [by_coder[second.pk].get(k, False) for k in keys]
    return Agreement(answers=len(shared), decisions=len(keys), kappa=cohens_kappa(a, b))


def agreement_sample(project: Project, size: int = 50, seed: int = 0) -> list[int]:
    """A fixed random sample of a project's free-text answers for two coders to code independently."""
    ids = list(
        Answer.objects.filter(experience__project=project, question__kind=QuestionKind.FREE_TEXT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sorted(random.Random(seed).sample(ids, min(size, len(ids))))


@dataclass
class CodebookImport:
    added: list[str]
    already_there: list[str]


@transaction.atomic
def import_codebook(*, actor: User, project: Project, entries: list[Any], filename: str) -> CodebookImport:
    """Adds a codebook's themes to a project as local themes, all or nothing. Themes already in the project's
    codebook (national or local, ignoring case) are left as they are; a national theme named for a local one to
    add up to must exist."""
    from heard.analysis.codebooks import CodebookError

    ensure_national_codebook()
    existing = {t.name.lower() for t in Theme.objects.for_project(project.pk)}
    national = {t.name.lower(): t for t in Theme.objects.national().filter(kind=ThemeKind.THEME)}
    result = CodebookImport(added=[], already_there=[])
    for entry in entries:
        if entry.name.lower() in existing:
            result.already_there.append(entry.name)
            continue
        target = None
        if entry.national_theme:
            target = national.get(entry.national_theme.lower())
            if target is None:
                raise CodebookError(
                    f"{filename}: theme '{entry.name}' adds up to '{entry.national_theme}', which is not a national "
                    "theme. Use a name from the national framework, or leave it empty."
                )
        add_local_theme(
            actor=actor, project=project, name=entry.name, description=entry.description, national_theme=target
        )
        existing.add(entry.name.lower())
        result.added.append(entry.name)
    audit.record(
        actor=actor,
        verb=AuditVerb.IMPORTED,
        target=project,
        project_id=project.pk,
        summary=f"Codebook {filename}: {len(result.added)} themes added",
    )
    return result


def _f1(truth: list[bool], predicted: list[bool]) -> float:
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t and p)
    fp = sum(1 for t, p in zip(truth, predicted, strict=True) if p and not t)
    fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def measure_local_gain(project: Project, folds: int = 3, seed: int = 0) -> LocalThemeEvaluation | None:
    """For each local theme people coded, F1 on held-out coded answers before retraining (the national model,
    counting a hit when it suggests the national theme the local one adds up to) and after retraining on the other
    folds' codes. None when fewer than `folds` * 2 answers carry local codes."""
    texts, labels, _ = _coded_local_examples(project)
    if len(texts) < folds * 2:
        return None
    local = {
        t.name: t for t in Theme.objects.filter(project=project, kind=ThemeKind.THEME).select_related("national_theme")
    }
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    fold_of = {index: n % folds for n, index in enumerate(order)}
    national = engine.national_model()
    before_predictions = national.predict(texts)
    truth: dict[str, list[bool]] = {name: [] for name in local}
    before: dict[str, list[bool]] = {name: [] for name in local}
    after: dict[str, list[bool]] = {name: [] for name in local}
    for fold in range(folds):
        train_idx = [i for i in range(len(texts)) if fold_of[i] != fold]
        test_idx = [i for i in range(len(texts)) if fold_of[i] == fold]
        model = engine.retrain([texts[i] for i in train_idx], [labels[i] for i in train_idx], list(local))
        predictions = model.predict([texts[i] for i in test_idx])
        for i, prediction in zip(test_idx, predictions, strict=True):
            named = set(prediction.theme_names)
            national_named = set(before_predictions[i].theme_names)
            for name, theme in local.items():
                truth[name].append(name in labels[i])
                after[name].append(name in named)
                mapped = theme.national_theme.name if theme.national_theme else None
                before[name].append(mapped in national_named if mapped else False)
    results = [
        {
            "theme": name,
            "examples": sum(truth[name]),
            "before_f1": round(_f1(truth[name], before[name]), 3),
            "after_f1": round(_f1(truth[name], after[name]), 3),
        }
        for name in local
        if sum(truth[name])
    ]
    return LocalThemeEvaluation.objects.create(project=project, answers=len(texts), folds=folds, results=results)


@transaction.atomic
def rebuild_theme_summary(*, actor: User | None, project: Project) -> int:
    """Recomputes the theme summary of a project's answers from their codes, suggestions and sentiment (the
    database's triggers keep it fresh; this fills it for existing data and repairs any drift). Returns its rows."""
    rows = summary.rebuild(project.pk)
    audit.record(
        actor=actor,
        actor_label="" if actor else "heard summarise-themes",
        verb=AuditVerb.CHANGED,
        target=project,
        project_id=project.pk,
        summary=f"Theme summary rebuilt from the codes and suggestions: {rows:,} answer x theme rows",
    )
    return rows
