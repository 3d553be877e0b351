"""django-import-export doing Heard's import job, for bench/import_returns.py's comparison (run that script)."""

from __future__ import annotations

import datetime
import time
from pathlib import Path


def time_import_export(project: object, partner: object, codes_csv: Path) -> tuple[float, int]:
    import tablib
    from import_export import resources

    from heard.engagement.models import CONSENT_FIELDS, DEMOGRAPHIC_FIELDS, Experience

    class ExperienceResource(resources.ModelResource):
        class Meta:
            model = Experience
            fields = ("collected_on", *DEMOGRAPHIC_FIELDS, "postcode", *CONSENT_FIELDS)
            import_id_fields: list[str] = []

        def before_save_instance(self, instance: Experience, row: object, **kwargs: object) -> None:
            instance.project = project  # type: ignore[assignment]
            instance.partner = partner  # type: ignore[assignment]

    start = time.perf_counter()
    dataset = tablib.Dataset().load(codes_csv.read_text(encoding="utf-8"), format="csv")
    result = ExperienceResource().import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
    elapsed = time.perf_counter() - start
    return elapsed, result.totals["new"]


def time_import_export_same_job(project: object, partner: object, xlsx: Path) -> tuple[float, int, int]:
    """django-import-export doing the job Heard does: the same .xlsx file, each row's labels turned into the codes
    Heard stores, the record's community and activity, and the resident's answers (their words with language and
    translation, the language told from the words when not given, the choice, the rating, the ticked services), as
    a developer would write it with django-import-export 4 (a widget per kind of cell, answers added in
    after_save_instance). Still lighter than Heard's import: no postcode placing, no provenance rows, no content
    hashes, no checking beyond the widgets."""
    import tablib
    from import_export import fields, resources, widgets

    from heard.engagement.models import CONSENT_FIELDS, DEMOGRAPHIC_FIELDS, Activity, Answer, Experience, Question
    from heard.lib import census
    from heard.lib.language import detect_language
    from heard.partners.models import Community
    from heard.returns.columns import return_columns

    columns = {c.code: c for c in return_columns(project, partner)}  # type: ignore[arg-type]
    header = {code: column.header for code, column in columns.items()}
    communities = {c.name: c for c in Community.objects.all()}
    activities = {a.title: a for a in Activity.objects.filter(project=project)}
    questions = {q.code: q for q in Question.objects.filter(project=project)}
    languages = {label: code for code, label in census.LANGUAGES}
    booked = {label: code for code, label in columns["booked"].choices}
    services = [(code.split(":", 1)[1], header[code]) for code in columns if code.startswith("services:")]

    class Choice(widgets.Widget):
        def __init__(self, code: str) -> None:
            super().__init__()
            self.codes = {label: value for value, label in columns[code].choices}

        def clean(self, value: object, row: object = None, **kwargs: object) -> str:
            return self.codes.get(str(value), "") if value else ""

    class YesNo(widgets.Widget):
        def clean(self, value: object, row: object = None, **kwargs: object) -> bool:
            return str(value).strip().lower() == "yes"

    class DayMonthYear(widgets.Widget):
        def clean(self, value: object, row: object = None, **kwargs: object) -> datetime.date:
            return datetime.datetime.strptime(str(value), "%d/%m/%Y").date()

    def column(code: str, widget: widgets.Widget) -> fields.Field:
        return fields.Field(attribute=code, column_name=header[code], widget=widget)

    class ExperienceResource(resources.ModelResource):
        collected_on = column("collected_on", DayMonthYear())
        age_band = column("age_band", Choice("age_band"))
        sex = column("sex", Choice("sex"))
        gender_identity = column("gender_identity", Choice("gender_identity"))
        ethnic_group = column("ethnic_group", Choice("ethnic_group"))
        disability = column("disability", Choice("disability"))
        main_language = column("main_language", Choice("main_language"))
        english_proficiency = column("english_proficiency", Choice("english_proficiency"))
        postcode = column("postcode", widgets.CharWidget())
        consent_store = column("consent_store", YesNo())
        consent_quote = column("consent_quote", YesNo())
        consent_contact = column("consent_contact", YesNo())

        class Meta:
            model = Experience
            fields = ("collected_on", *DEMOGRAPHIC_FIELDS, "postcode", *CONSENT_FIELDS)
            import_id_fields: list[str] = []

        def before_save_instance(self, instance: Experience, row: dict[str, object], **kwargs: object) -> None:
            instance.project = project  # type: ignore[assignment]
            instance.partner = partner  # type: ignore[assignment]
            instance.channel = "partner_return"
            instance.community = communities.get(str(row[header["community"]]))
            instance.activity = activities.get(str(row[header["activity"]]))

        def after_save_instance(self, instance: Experience, row: dict[str, object], **kwargs: object) -> None:
            if kwargs.get("dry_run"):
                return
            answers = []
            story = str(row[header["story"]] or "")
            if story:
                answers.append(
                    Answer(
                        experience=instance,
                        question=questions["story"],
                        text=story,
                        language=languages.get(str(row[header["story.lang"]]), "") or detect_language(story),
                        english_text=str(row[header["story.en"]] or ""),
                        translated_by=str(row[header["story.by"]] or ""),
                    )
                )
            if row[header["booked"]]:
                answers.append(
                    Answer(experience=instance, question=questions["booked"], text=booked[str(row[header["booked"]])])
                )
            if row[header["rating"]]:
                answers.append(
                    Answer(experience=instance, question=questions["rating"], number=int(str(row[header["rating"]])))
                )
            ticked = [code for code, name in services if str(row[name] or "").lower() == "yes"]
            if ticked:
                answers.append(Answer(experience=instance, question=questions["services"], choices=ticked))
            Answer.objects.bulk_create(answers)

    start = time.perf_counter()
    with xlsx.open("rb") as handle:
        dataset = tablib.Dataset().load(handle, format="xlsx")
    result = ExperienceResource().import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
    elapsed = time.perf_counter() - start
    return elapsed, result.totals["new"], Answer.objects.filter(experience__project=project).count()
