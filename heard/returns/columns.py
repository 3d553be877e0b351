"""The columns of a project's return: what each one means, its header, and how a cell's value is understood.

Header design: every header cell reads "Readable label [code]", e.g. "Age band [age_band]". The code in square
brackets is what Heard reads; the words before it are for people. A partner can re-type or translate the words
and the column still maps, as long as the bracketed code stays. If the code is lost, Heard falls back to the
label ("Age band"), then to the bare code ("age_band"), then to a saved column mapping; anything else is listed
as a column Heard cannot map, never dropped silently.

Codes: the standard columns have fixed codes (`community`, `activity`, `collected_on`, `age_band`, ...,
`consent_store`); a project's own question uses its `Question.code`; a free-text question has three companion
columns `<code>.lang` (language), `<code>.en` (English translation) and `<code>.by` (translated by); a
multiple-choice question has one Yes/No column per option, `<code>:<option code>`.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from heard.engagement.models import Activity, Method, Project, Question, QuestionKind
from heard.lib import census, postcodes
from heard.partners.models import Community, Organisation

HEADER_CODE_RE = re.compile(r"\[\s*([A-Za-z0-9_.:\-]+)\s*\]\s*$")

YES = "Yes"
NO = "No"
YES_WORDS = {"yes", "y", "true", "1", "agreed", "agree", "ok", "x", "✓", "✔", "oui", "si", "ja", "haa", "evet"}
NO_WORDS = {"no", "n", "false", "0", "disagree", "declined", "not agreed", "maya", "hayır", "hayir"}


class CellProblem(ValueError):
    """A cell's value is not acceptable; the message says what to write instead."""


def fold(value: str) -> str:
    """Lower case, single spaces, dashes made plain, for matching what people type."""
    text = value.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ").casefold()
    return " ".join(text.split())


def _variants(text: str) -> set[str]:
    base = fold(text)
    out = {base, base.replace(" ", ""), re.sub(r"[^\w+]", "", base)}
    age = re.sub(r"^aged\s+|\s+years?$|\s+years?\s+and\s+under$", "", base)
    age = age.replace(" to ", "-").replace(" - ", "-")
    out |= {age, age.replace(" and over", "+").replace(" or over", "+").replace(" and under", "")}
    return {v for v in out if v}


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without ".0", dates as ISO, booleans as Yes/No."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


@dataclass
class Column:
    code: str
    label: str
    kind: str  # choice, multi_option, consent, date, postcode, text, community, activity, language, rating
    field: str = ""  # Experience field, or "" for a question's column
    question: Question | None = None
    part: str = ""  # "", "lang", "en", "by" for a free-text question's columns; option code for multi_option
    choices: list[tuple[str, str]] = dc_field(default_factory=list)
    required: bool = False
    hint: str = ""
    width: int = 18
    _lookup: dict[str, str] = dc_field(default_factory=dict, repr=False)

    @property
    def header(self) -> str:
        return f"{self.label} [{self.code}]"

    def build_lookup(self) -> None:
        lookup: dict[str, str] = {}
        for code, label in self.choices:
            for variant in (*_variants(code), *_variants(label)):
                lookup.setdefault(variant, code)
            # Census labels are long ("Asian, Asian British or Asian Welsh: Indian"): the part after ":" alone.
            if ": " in label:
                for variant in _variants(label.split(": ", 1)[1]):
                    lookup.setdefault(variant, code)
        if any(code == census.PREFER_NOT_TO_SAY for code, _ in self.choices):
            for word in ("prefer not to say", "pnts", "not stated", "rather not say", "prefer not to answer"):
                lookup.setdefault(fold(word), census.PREFER_NOT_TO_SAY)
        self._lookup = lookup

    def match_choice(self, text: str) -> str:
        found = self._lookup.get(fold(text))
        if found is not None:
            return found
        for candidate in _variants(text):
            if candidate in self._lookup:
                return self._lookup[candidate]
        raise CellProblem(f"'{text}' is not one of the choices; {self.suggest(text)}")

    def suggest(self, text: str) -> str:
        if self.field == "age_band":
            try:
                years = float(text)
            except ValueError:
                years = -1
            if years >= 0:
                for code, _label in census.AGE_BANDS:
                    low, _, high = code.replace("+", "-200").partition("-")
                    if float(low) <= years <= float(high or 200):
                        return f"use '{code}'"
        labels = [label for _code, label in self.choices]
        close = difflib.get_close_matches(text, labels, n=1, cutoff=0.5)
        if close:
            return f"did you mean '{close[0]}'?"
        if len(labels) <= 8:
            return "use one of: " + ", ".join(f"'{label}'" for label in labels)
        return "use one of the choices in the drop-down list"


def _choice(code: str, label: str, choices: list[tuple[str, str]], **kwargs: Any) -> Column:
    return Column(code=code, label=label, kind="choice", field=code, choices=choices, **kwargs)


def _consent(code: str, label: str, hint: str, *, required: bool = False) -> Column:
    return Column(
        code=code, label=label, kind="consent", field=code, choices=[(YES, YES), (NO, NO)], hint=hint, required=required
    )


def latest_questions(project: Project) -> list[Question]:
    """The project's active questions, newest version of each code, in order."""
    newest: dict[str, Question] = {}
    for question in Question.objects.filter(project=project, is_active=True).order_by("position", "id"):
        current = newest.get(question.code)
        if current is None or question.version > current.version:
            newest[question.code] = question
    return sorted(newest.values(), key=lambda q: (q.position, q.pk))


def communities_for(project: Project, partner: Organisation) -> list[Community]:
    ids = set(project.communities.values_list("id", flat=True))
    ids |= set(Community.objects.filter(organisations=partner).values_list("id", flat=True))
    role = project.project_partners.filter(organisation=partner).first()
    if role is not None:
        ids |= set(role.communities.values_list("id", flat=True))
    if not ids:
        return list(Community.objects.all())
    return list(Community.objects.filter(id__in=ids).order_by("name"))


def language_choices(project: Project) -> list[tuple[str, str]]:
    return list(census.LANGUAGES)


def standard_columns(project: Project, partner: Organisation) -> list[Column]:
    communities = communities_for(project, partner)
    activities = Activity.objects.filter(project=project, partner=partner).order_by("title")
    return [
        Column(
            code="community",
            label="Community",
            kind="community",
            choices=[(str(c.pk), c.name) for c in communities] + [(c.slug, c.name) for c in communities],
            hint="The community this resident belongs to, from the list.",
            width=28,
        ),
        Column(
            code="activity",
            label="Activity",
            kind="activity",
            choices=[(str(a.pk), a.title) for a in activities],
            hint="The activity where you heard them: one you added on the Activity sheet, or already in Heard.",
            width=28,
        ),
        Column(
            code="collected_on",
            label="Date heard",
            kind="date",
            field="collected_on",
            hint="Day, month, year (for example 14/03/2026). Leave blank to use the activity's date.",
            width=14,
        ),
        _choice("age_band", "Age band", census.with_prefer_not_to_say(census.AGE_BANDS), width=22),
        _choice("sex", "Sex", census.with_prefer_not_to_say(census.SEXES), width=16),
        _choice(
            "gender_identity", "Gender identity", census.with_prefer_not_to_say(census.GENDER_IDENTITIES), width=30
        ),
        _choice("ethnic_group", "Ethnic group", census.with_prefer_not_to_say(census.ETHNIC_GROUPS_19), width=40),
        _choice("disability", "Disability", census.with_prefer_not_to_say(census.DISABILITY), width=30),
        _choice("main_language", "Main language", census.with_prefer_not_to_say(census.LANGUAGES), width=20),
        _choice(
            "english_proficiency",
            "How well they speak English",
            census.with_prefer_not_to_say(census.ENGLISH_PROFICIENCY),
            width=30,
        ),
        Column(
            code="postcode",
            label="Postcode",
            kind="postcode",
            field="postcode",
            width=12,
            hint="Their home postcode (or just the first part, like N7).",
        ),
        _consent(
            "consent_store",
            "Agreed we keep what they told us",
            "Must be Yes: Heard cannot keep a resident's words without it.",
            required=True,
        ),
        _consent(
            "consent_quote", "Agreed we quote their words", "Yes if they agreed we can quote them (without names)."
        ),
        _consent("consent_contact", "Agreed we contact them again", "Yes if they agreed to be contacted again."),
    ]


def question_columns(question: Question) -> list[Column]:
    kind = question.kind
    label = question.text
    if kind == QuestionKind.FREE_TEXT:
        return [
            Column(
                code=question.code,
                label=label,
                kind="text",
                question=question,
                width=50,
                hint="The resident's own words, in the language they used.",
            ),
            Column(
                code=f"{question.code}.lang",
                label=f"Language ({question.code})",
                kind="language",
                question=question,
                part="lang",
                choices=list(census.LANGUAGES),
                width=16,
            ),
            Column(
                code=f"{question.code}.en",
                label=f"English translation ({question.code})",
                kind="text",
                question=question,
                part="en",
                width=50,
            ),
            Column(
                code=f"{question.code}.by",
                label=f"Translated by ({question.code})",
                kind="text",
                question=question,
                part="by",
                width=20,
            ),
        ]
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return [
            Column(
                code=f"{question.code}:{code}",
                label=f"{label}: {option}",
                kind="multi_option",
                question=question,
                part=str(code),
                choices=[(YES, YES), (NO, NO)],
                width=16,
            )
            for code, option in question.choices
        ]
    if kind == QuestionKind.RATING:
        numbers = [(str(n), str(n)) for n in range(question.scale_min, question.scale_max + 1)]
        return [
            Column(
                code=question.code,
                label=label,
                kind="rating",
                question=question,
                choices=numbers,
                hint=f"A number from {question.scale_min} to {question.scale_max}"
                + (f": {question.scale_words()}." if question.scale_min_label or question.scale_max_label else "."),
                width=14,
            )
        ]
    return [
        Column(
            code=question.code,
            label=label,
            kind="choice",
            question=question,
            choices=[(str(c), str(lbl)) for c, lbl in question.choices],
            width=24,
        )
    ]


def return_columns(project: Project, partner: Organisation) -> list[Column]:
    columns = standard_columns(project, partner)
    for question in latest_questions(project):
        columns.extend(question_columns(question))
    for column in columns:
        column.build_lookup()
    return columns


# Converting cells ------------------------------------------------------------------------------------------------

_DATE_FORMATS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d-%m-%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B %y",
    "%d %b %y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%fZ",
    "%Y-%m-%dT%H:%M:%SZ",
)
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial day number (1954 to 2119)
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise CellProblem(f"'{cell_text(value)}' is not a date; write it like 14/03/2026")
    text = " ".join(str(value).split())
    if text.isdigit() and len(text) == 5:
        return parse_date(int(text))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellProblem(f"'{text[:40]}' is not a date Heard understands; write it like 14/03/2026")


def parse_consent(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(cell_text(value))
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    raise CellProblem(f"'{cell_text(value)[:40]}' is not Yes or No; write Yes or No")


def parse_postcode(value: Any) -> str:
    text = cell_text(value)
    try:
        return postcodes.parse(text).text
    except postcodes.PostcodeError as error:
        raise CellProblem(str(error)) from error


Converter = Callable[[Any], Any]


def methods() -> list[tuple[str, str]]:
    return [(str(v), str(label)) for v, label in Method.choices]
