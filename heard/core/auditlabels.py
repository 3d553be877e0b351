"""Plain words for the kinds of record the audit timeline names ("Resident's record", not
"engagement.experience"). Every model's own name is used, capitalised, unless people call it something else."""

from __future__ import annotations

from django.apps import apps

# Where a model's own name is not what people call it.
PLAIN: dict[str, str] = {
    "accounts.user": "Person's account",
    "analysis.answersentiment": "How an answer feels",
    "analysis.code": "Theme given to an answer",
    "analysis.suggestion": "Suggested theme",
    "analysis.localthemeevaluation": "Check of the theme suggestions",
    "core.taskworker": "Background worker",
    "engagement.answer": "Resident's answer",
    "engagement.entrylink": "Residents' form link",
    "engagement.experience": "Resident's record",
    "engagement.projectpartner": "Partner in a project",
    "governance.pulseanswer": "Temperature check answer",
    "governance.pulselink": "Temperature check link",
    "governance.pulseresponded": "Temperature check answered",
    "governance.pulseround": "Temperature check",
    "partners.organisation": "Partner",
    "place.importedlsoa": "Imported neighbourhood (LSOA)",
    "privacy.flagview": "Safeguarding flag seen",
    "returns.importedrow": "Row of a return",
    "returns.returnupload": "Return (uploaded file)",
}


def plain_kind(target_type: str) -> str:
    """What a person calls a kind of record: "engagement.project" -> "Project"."""
    if target_type in PLAIN:
        return PLAIN[target_type]
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        words = target_type.rpartition(".")[2].replace("_", " ").strip()
        return words.capitalize() or "Record"
    return str(model._meta.verbose_name).capitalize()
