"""Which of a project's languages residents can be offered: a language is offered only when Heard's own words
(the page's catalogue) and every one of the project's questions, hints and answers to choose from are
translated, so that a resident never meets English half way through their form. English is always offered;
British Sign Language is offered as an English page that says a partner can help in BSL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from heard.core import languages
from heard.engagement.models import Project, Question
from heard.lib import census


@dataclass
class LanguageState:
    """How far one of a project's languages is translated."""

    code: str
    name: str
    endonym: str
    has_pages: bool  # Heard's own words on the residents' pages exist in this language
    unwritten: bool  # British Sign Language: the page stays in English
    missing: list[tuple[Question, list[str]]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.unwritten or (self.has_pages and not self.missing)

    @property
    def missing_count(self) -> int:
        return sum(len(items) for _question, items in self.missing)

    def missing_for(self, question: Question) -> list[str]:
        return next((items for q, items in self.missing if q.pk == question.pk), [])


def states(project: Project, questions: Iterable[Question] | None = None) -> list[LanguageState]:
    """Every language the project lists other than English, with what is missing in it."""
    asked = list(questions if questions is not None else project.questions.filter(is_active=True))
    found = []
    for code in project.languages or []:
        if code in ("en", languages.NOT_A_LANGUAGE):
            continue
        unwritten = code in languages.UNWRITTEN
        state = LanguageState(
            code=code,
            name=census.label(census.LANGUAGES, code),
            endonym=languages.endonym(code),
            has_pages=unwritten or languages.page_language(code) != "en",
            unwritten=unwritten,
        )
        if not unwritten:
            state.missing = [(q, items) for q in asked if (items := q.missing_in(code))]
        found.append(state)
    return found


def offered(project: Project, questions: Iterable[Question] | None = None) -> list[str]:
    """The language codes a resident can choose on the form: English, then each complete language."""
    return ["en", *(state.code for state in states(project, questions) if state.complete)]
