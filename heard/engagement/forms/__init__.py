"""The engagement app's forms, one module per thing a form edits."""

from heard.core.forms import DATE_WIDGET
from heard.engagement.forms.common import partners_for
from heard.engagement.forms.experience import ExperienceFilterForm, ExperienceForm
from heard.engagement.forms.project import LOCAL_AUTHORITIES, ActivityForm, ProjectForm
from heard.engagement.forms.question import (
    CHOICE_KINDS,
    RESERVED_CODES,
    QuestionForm,
    options_text,
    parse_options,
)

__all__ = [
    "CHOICE_KINDS",
    "DATE_WIDGET",
    "LOCAL_AUTHORITIES",
    "RESERVED_CODES",
    "ActivityForm",
    "ExperienceFilterForm",
    "ExperienceForm",
    "ProjectForm",
    "QuestionForm",
    "options_text",
    "parse_options",
    "partners_for",
]
