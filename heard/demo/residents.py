"""The demo project, its questions, and about 1,500 residents' experiences heard at the partners' activities,
drawn from each community's profile with a fixed seed."""

from __future__ import annotations

import csv
import datetime
import random
from pathlib import Path

from heard.accounts.models import User
from heard.demo import question_words
from heard.demo.cast import PARTNERS
from heard.demo.profiles import DEFAULTS, ENGLISH_BY_LANGUAGE, ENGLISH_OTHERWISE, PROFILES, pick
from heard.demo.texts import COMMUNITY_TEXTS, RISK_TEXTS, TRANSLATED
from heard.engagement.models import (
    Activity,
    Answer,
    Channel,
    ConsentMethod,
    Experience,
    Method,
    Project,
    ProjectPartner,
    ProjectStatus,
    Question,
    QuestionKind,
)
from heard.partners.models import Community, Organisation

DATA = Path(__file__).parent / "data"
PROJECT_SLUG = "diverse-communities-health-voice"

# Which end of each rating scale is which (said on the record forms and in the returns template).
SCALE_ENDS = {"felt_listened_to": {"scale_min_label": "not at all", "scale_max_label": "very well"}}

QUESTIONS = [
    (
        "recent_experience",
        QuestionKind.FREE_TEXT,
        "Tell us about a recent time you used a health or care service.",
        "",
        [],
    ),
    ("what_would_help", QuestionKind.FREE_TEXT, "What would have made it better?", "", []),
    (
        "services_used",
        QuestionKind.MULTIPLE_CHOICE,
        "Which services have you used in the last year?",
        "Choose all that apply.",
        [
            ["gp", "GP practice"],
            ["hospital", "Hospital"],
            ["pharmacy", "Pharmacy"],
            ["dentist", "Dentist"],
            ["mental_health", "Mental health service"],
            ["social_care", "Social care"],
            ["nhs_111", "NHS 111"],
        ],
    ),
    (
        "felt_listened_to",
        QuestionKind.RATING,
        "How well did staff listen to you?",
        "1 means not at all, 5 means very well.",
        [],
    ),
    (
        "interpreter_offered",
        QuestionKind.SINGLE_CHOICE,
        "Were you offered an interpreter?",
        "",
        [["yes", "Yes"], ["no", "No, but I needed one"], ["not_needed", "I did not need one"]],
    ),
]

METHOD_TITLES = {
    Method.SURVEY: "Survey at {place}",
    Method.FOCUS_GROUP: "Focus group: {topic}",
    Method.INTERVIEW: "One-to-one interviews",
    Method.EVENT: "Health event at {place}",
    Method.MYSTERY_SHOP: "Mystery shop: registering with a GP",
    Method.STORY: "Residents' stories",
}
PLACES = ["the community centre", "the mosque hall", "the library", "the church hall", "the market", "the school gates"]
TOPICS = ["getting a GP appointment", "interpreting", "mental health", "hospital discharge", "pharmacy and medicines"]


def _load_comments() -> list[str]:
    with (DATA / "comments.csv").open(encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def _load_postcodes() -> list[dict[str, str]]:
    with (DATA / "postcodes.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_project(communities: dict[str, Community]) -> tuple[Project, dict[str, Question]]:
    project = Project.objects.create(
        slug=PROJECT_SLUG,
        name="Diverse Communities Health Voice",
        description=(
            "Eight community partners hear from residents whose voices are too often missing about "
            "their experiences of GP, hospital, mental health and social care services, in their own "
            "languages."
        ),
        status=ProjectStatus.HEARING,
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 12, 18),
        languages=["en", "so", "tr", "ku", "bn", "ar", "pl", "bfi"],
        area_codes=["E09000019", "E09000012"],
    )
    project.communities.set(communities.values())
    questions = {
        code: Question.objects.create(
            project=project,
            code=code,
            kind=kind,
            text=text,
            help_text=help_text,
            choices=choices,
            position=i,
            staff_help_text=question_words.STAFF_NOTES.get(code, ""),
            translations=question_words.translations(code),
            **SCALE_ENDS.get(code, {}),
        )
        for i, (code, kind, text, help_text, choices) in enumerate(QUESTIONS)
    }
    return project, questions


def build_residents(
    rng: random.Random,
    project: Project,
    questions: dict[str, Question],
    communities: dict[str, Community],
    organisations: dict[str, Organisation],
    admin: User,
) -> tuple[list[Experience], int, int]:
    """Each partner's activities and the residents heard at them. Returns the experiences, how many answers and
    how many activities it made."""
    comments = _load_comments()
    rng.shuffle(comments)
    postcodes = _load_postcodes()
    experiences: list[Experience] = []
    pending_answers: list[tuple[int, list[Answer]]] = []
    activity_count = 0
    comment_index = 0
    for spec in PARTNERS:
        partner = organisations[spec.slug]
        project_role = ProjectPartner.objects.create(
            project=project,
            organisation=partner,
            target_people=spec.target,
        )
        project_role.communities.set([communities[c] for c in spec.communities])
        for community_slug, people in zip(spec.communities, spec.people, strict=True):
            community = communities[community_slug]
            methods = rng.sample(list(Method), k=4)
            activities = []
            for method in methods:
                held_on = datetime.date(2026, 2, 1) + datetime.timedelta(days=rng.randrange(0, 240))
                title = METHOD_TITLES[method].format(place=rng.choice(PLACES), topic=rng.choice(TOPICS))
                activities.append(
                    Activity.objects.create(
                        project=project,
                        partner=partner,
                        community=community,
                        method=method,
                        title=title,
                        held_on=held_on,
                        languages=community.languages,
                        location=rng.choice(PLACES).capitalize(),
                        people_count=0,
                    )
                )
                activity_count += 1
            profile = {**DEFAULTS, **PROFILES[community_slug]}
            for _ in range(people):
                activity = rng.choice(activities)
                activity.people_count += 1
                language = pick(rng, profile["main_language"])
                postcode_row = rng.choice(postcodes) if rng.random() < 0.88 else None
                postcode = ""
                place: dict[str, str] = {}
                if postcode_row:
                    place = postcode_row
                    postcode = postcode_row["postcode"]
                    if rng.random() < 0.06:  # some people give only the district
                        postcode, place = postcode.split()[0], {}
                quote = rng.random() < 0.7
                contact = rng.random() < 0.3
                experience = Experience(
                    project=project,
                    partner=partner,
                    activity=activity,
                    community=community,
                    channel=Channel.PARTNER_RETURN if activity.method == Method.SURVEY else Channel.ENTERED_BY_PARTNER,
                    collected_on=activity.held_on,
                    age_band=pick(rng, profile["age_band"]),
                    sex=pick(rng, profile["sex"]),
                    gender_identity=pick(rng, profile["gender_identity"]),
                    ethnic_group=pick(rng, profile["ethnic_group"]),
                    disability=pick(rng, profile["disability"]),
                    main_language=language,
                    english_proficiency=pick(rng, ENGLISH_BY_LANGUAGE if language == "en" else ENGLISH_OTHERWISE),
                    postcode=postcode,
                    lad_code=place.get("lad_code", ""),
                    ward_code=place.get("ward_code", ""),
                    lsoa21_code=place.get("lsoa21_code", ""),
                    deprivation_decile=int(place["iod2025_decile"]) if place.get("iod2025_decile") else None,
                    consent_store=True,
                    consent_quote=quote,
                    consent_contact=contact,
                    consent_method=ConsentMethod.WRITTEN if activity.method == Method.SURVEY else ConsentMethod.VERBAL,
                    consent_given_on=activity.held_on,
                    consent_recorded_by=f"{partner.name} worker",
                    contact_details="Through the partner" if contact else "",
                    created_by=admin,
                )
                answers = []
                own_words = TRANSLATED.get(language)
                if own_words and rng.random() < 0.35:
                    original, english = rng.choice(own_words)
                    answers.append(
                        Answer(
                            question=questions["recent_experience"],
                            text=original,
                            language=language,
                            english_text=english,
                            translated_by=f"{partner.name} language service",
                        )
                    )
                elif community_slug in COMMUNITY_TEXTS and rng.random() < 0.3:
                    answers.append(
                        Answer(
                            question=questions["recent_experience"],
                            text=rng.choice(COMMUNITY_TEXTS[community_slug]),
                            language="en",
                        )
                    )
                else:
                    answers.append(
                        Answer(
                            question=questions["recent_experience"],
                            text=comments[comment_index % len(comments)],
                            language="en",
                        )
                    )
                    comment_index += 1
                if rng.random() < 0.45:
                    answers.append(
                        Answer(
                            question=questions["what_would_help"],
                            text=comments[comment_index % len(comments)],
                            language="en",
                        )
                    )
                    comment_index += 1
                if rng.random() < 0.8:
                    used = sorted(rng.sample([c for c, _ in QUESTIONS[2][4]], k=rng.randint(1, 3)))
                    answers.append(Answer(question=questions["services_used"], choices=used))
                if rng.random() < 0.75:
                    answers.append(
                        Answer(
                            question=questions["felt_listened_to"],
                            number=rng.choices([1, 2, 3, 4, 5], weights=[2, 3, 3, 3, 2])[0],
                        )
                    )
                if language not in ("en",) and rng.random() < 0.8:
                    answers.append(
                        Answer(
                            question=questions["interpreter_offered"],
                            text=pick(rng, {"yes": 0.4, "no": 0.45, "not_needed": 0.15}),
                        )
                    )
                pending_answers.append((len(experiences), answers))
                experiences.append(experience)
            for activity in activities:
                activity.save(update_fields=["people_count"])
    # One planned focus group with people who came but whose records have not come back yet.
    Activity.objects.create(
        project=project,
        partner=organisations["deaf-voices-north-london"],
        community=communities["deaf-bsl-users"],
        method=Method.FOCUS_GROUP,
        title="Focus group: booking appointments without a phone",
        held_on=datetime.date(2026, 10, 14),
        languages=["bfi"],
        people_count=11,
        location="Deaf club",
    )
    activity_count += 1

    for community_slug, words in RISK_TEXTS:
        index = next(i for i, e in enumerate(experiences) if e.community == communities[community_slug])
        story = pending_answers[index][1][0]
        story.text, story.language, story.english_text, story.translated_by = words, "en", "", ""
    created = Experience.objects.bulk_create(experiences, batch_size=500)
    answers_to_create = []
    for index, answers in pending_answers:
        for answer in answers:
            answer.experience = created[index]
            answers_to_create.append(answer)
    Answer.objects.bulk_create(answers_to_create, batch_size=1000)
    return created, len(answers_to_create), activity_count
