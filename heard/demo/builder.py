"""Builds the demo partnership: a fictional host serving Islington and Hackney, 8 partners, 10 communities, the
project "Diverse Communities Health Voice", its activities and about 1,500 residents' experiences.

Deterministic: a fixed seed and fixed dates, so every run gives the same fresh state.
"""

from __future__ import annotations

import csv
import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from heard.accounts.models import Role, User
from heard.core import audit
from heard.core.models import AuditVerb
from heard.demo import question_words
from heard.demo.register import build_register
from heard.demo.texts import COMMUNITY_TEXTS, RISK_TEXTS, TRANSLATED
from heard.engagement.actions import announce_contributions
from heard.engagement.models import (
    Activity,
    Answer,
    Channel,
    ConsentMethod,
    EntryLink,
    Experience,
    Method,
    Project,
    ProjectPartner,
    ProjectStatus,
    Question,
    QuestionKind,
)
from heard.partners.models import Community, Contact, Organisation, OrganisationKind, Sector

DATA = Path(__file__).parent / "data"
SEED = 2026
PROJECT_SLUG = "diverse-communities-health-voice"
PASSWORD = "heard-demo-2026"  # noqa: S105 (the demo prints it)

# (username, first, last, role, organisation slug or "")
SAFEGUARDING_LEADS = {"admin", "partner"}

USERS = [
    ("admin", "Amara", "Osei", Role.HOST_ADMIN, "two-boroughs-health-voice"),
    ("staff", "Tom", "Reilly", Role.HOST_STAFF, "two-boroughs-health-voice"),
    ("partner", "Hodan", "Farah", Role.PARTNER_MEMBER, "somali-womens-wellbeing-circle"),
    ("partner2", "Deniz", "Yilmaz", Role.PARTNER_MEMBER, "anatolia-community-centre"),
    ("steering", "Grace", "Mensah", Role.STEERING_MEMBER, ""),
]

# slug, name, description, languages
COMMUNITIES = [
    (
        "somali-speaking-residents",
        "Somali-speaking residents",
        "Somali-speaking families, many of them women with children.",
        ["so"],
    ),
    (
        "turkish-speaking-residents",
        "Turkish-speaking residents",
        "Turkish-speaking residents, many self-employed or in family businesses.",
        ["tr"],
    ),
    (
        "kurdish-speaking-residents",
        "Kurdish-speaking residents",
        "Kurmanji-speaking residents, some of whom came as refugees.",
        ["ku"],
    ),
    ("deaf-bsl-users", "Deaf BSL users", "Deaf residents whose first language is British Sign Language.", ["bfi"]),
    ("bangladeshi-elders", "Bangladeshi elders", "Older Bangladeshi residents and their carers.", ["bn"]),
    (
        "refugees-and-people-seeking-asylum",
        "Refugees and people seeking asylum",
        "People new to the boroughs, some in temporary hotels.",
        ["ar", "ti", "fa"],
    ),
    (
        "disabled-residents-in-social-housing",
        "Disabled residents in social housing",
        "Disabled residents living on council and housing-association estates.",
        ["en"],
    ),
    (
        "black-caribbean-residents",
        "Black Caribbean residents",
        "Black Caribbean residents of every age, reached through churches and clubs.",
        ["en"],
    ),
    (
        "polish-speaking-residents",
        "Polish-speaking residents",
        "Polish-speaking residents, many working shifts.",
        ["pl"],
    ),
    (
        "arabic-speaking-residents",
        "Arabic-speaking residents",
        "Arabic-speaking residents from many countries.",
        ["ar"],
    ),
]


@dataclass
class PartnerSpec:
    slug: str
    name: str
    sector: str
    description: str
    postcode: str
    income: int
    communities: list[str]
    people: list[int]  # residents heard per community
    target: int


PARTNERS = [
    PartnerSpec(
        "somali-womens-wellbeing-circle",
        "Somali Women's Wellbeing Circle",
        Sector.COMMUNITY,
        "Peer support, advice and health sessions for Somali women and their families.",
        "N7 7JY",
        48000,
        ["somali-speaking-residents"],
        [220],
        240,
    ),
    PartnerSpec(
        "anatolia-community-centre",
        "Anatolia Community Centre",
        Sector.COMMUNITY,
        "Advice, language classes and a welfare service for Turkish- and Kurdish-speaking residents.",
        "N16 8JH",
        210000,
        ["turkish-speaking-residents", "kurdish-speaking-residents"],
        [190, 90],
        300,
    ),
    PartnerSpec(
        "deaf-voices-north-london",
        "Deaf Voices North London",
        Sector.COMMUNITY,
        "A Deaf-led group running BSL social clubs and advocacy.",
        "N1 9AG",
        36000,
        ["deaf-bsl-users"],
        [70],
        100,
    ),
    PartnerSpec(
        "bengali-elders-network",
        "Bengali Elders Network",
        Sector.FAITH,
        "Lunch clubs and home visits for Bangladeshi elders, run from a mosque hall.",
        "E2 8DP",
        29000,
        ["bangladeshi-elders"],
        [180],
        180,
    ),
    PartnerSpec(
        "new-roots-refugee-forum",
        "New Roots Refugee and Migrant Forum",
        Sector.COMMUNITY,
        "Drop-ins, casework and English conversation for refugees and migrants.",
        "N19 5AD",
        95000,
        ["refugees-and-people-seeking-asylum", "arabic-speaking-residents"],
        [160, 110],
        250,
    ),
    PartnerSpec(
        "estate-access-collective",
        "Estate Access Collective",
        Sector.HOUSING,
        "Disabled residents organising for accessible homes and services on local estates.",
        "N1 7BT",
        22000,
        ["disabled-residents-in-social-housing"],
        [200],
        200,
    ),
    PartnerSpec(
        "caribbean-heritage-health-link",
        "Caribbean Heritage Health Link",
        Sector.FAITH,
        "Health events with Caribbean churches and social clubs.",
        "E5 0LL",
        41000,
        ["black-caribbean-residents"],
        [130],
        160,
    ),
    PartnerSpec(
        "polska-pomoc-hackney",
        "Polska Pomoc Hackney",
        Sector.COMMUNITY,
        "Advice and support in Polish, evenings and weekends.",
        "E8 1DY",
        18000,
        ["polish-speaking-residents"],
        [150],
        150,
    ),
]

OTHER_ORGANISATIONS = [
    (
        "two-boroughs-health-voice",
        "Two Boroughs Health Voice",
        OrganisationKind.HOST,
        Sector.COMMUNITY,
        "The local health and care watchdog for Islington and Hackney (fictional, for the demo).",
        "N1 1RA",
    ),
    (
        "two-boroughs-icb",
        "Two Boroughs Integrated Care Board",
        OrganisationKind.COMMISSIONER,
        Sector.NHS,
        "Plans and buys NHS services for the two boroughs (fictional).",
        "N1 9GE",
    ),
    (
        "islington-council-public-health",
        "Islington Council Public Health",
        OrganisationKind.COMMISSIONER,
        Sector.COUNCIL,
        "Commissions public health services in Islington.",
        "N1 2UD",
    ),
    (
        "hackney-council-adult-social-care",
        "Hackney Council Adult Social Care",
        OrganisationKind.COMMISSIONER,
        Sector.COUNCIL,
        "Commissions and provides adult social care in Hackney.",
        "E8 1EA",
    ),
    (
        "northside-gp-federation",
        "Northside GP Federation",
        OrganisationKind.PROVIDER,
        Sector.NHS,
        "A federation of 30 GP practices (fictional).",
        "N7 6LB",
    ),
    (
        "holloway-community-hospital",
        "Holloway Community Hospital",
        OrganisationKind.PROVIDER,
        Sector.NHS,
        "Community and outpatient services (fictional).",
        "N19 5NF",
    ),
    (
        "st-marys-church-dalston",
        "St Mary's Church, Dalston",
        OrganisationKind.STAKEHOLDER,
        Sector.FAITH,
        "Hosts a weekly food bank and health drop-in (fictional).",
        "E8 3AZ",
    ),
    (
        "clissold-primary-school",
        "Clissold Primary School",
        OrganisationKind.STAKEHOLDER,
        Sector.SCHOOL,
        "A primary school with many families new to the area (fictional).",
        "N16 9EX",
    ),
]

# community slug -> demographic profile: weights for each field's codes
PROFILES: dict[str, dict[str, dict[str, float]]] = {
    "somali-speaking-residents": {
        "ethnic_group": {"black_african": 0.9, "black_other": 0.06, "prefer_not_to_say": 0.04},
        "sex": {"female": 0.85, "male": 0.13, "prefer_not_to_say": 0.02},
        "main_language": {"so": 0.85, "en": 0.1, "ar": 0.05},
    },
    "turkish-speaking-residents": {
        "ethnic_group": {"white_other": 0.55, "other_any": 0.4, "prefer_not_to_say": 0.05},
        "main_language": {"tr": 0.9, "en": 0.1},
    },
    "kurdish-speaking-residents": {
        "ethnic_group": {"other_any": 0.6, "white_other": 0.35, "prefer_not_to_say": 0.05},
        "main_language": {"ku": 0.8, "tr": 0.2},
    },
    "deaf-bsl-users": {
        "ethnic_group": {
            "white_british": 0.5,
            "black_caribbean": 0.15,
            "asian_indian": 0.1,
            "white_irish": 0.1,
            "mixed_white_black_caribbean": 0.1,
            "prefer_not_to_say": 0.05,
        },
        "main_language": {"bfi": 0.9, "en": 0.1},
        "disability": {
            "disabled_a_lot": 0.4,
            "disabled_a_little": 0.4,
            "not_disabled": 0.15,
            "prefer_not_to_say": 0.05,
        },
    },
    "bangladeshi-elders": {
        "ethnic_group": {"asian_bangladeshi": 0.97, "prefer_not_to_say": 0.03},
        "age_band": {"50-64": 0.3, "65+": 0.7},
        "main_language": {"bn": 0.9, "en": 0.1},
        "disability": {"disabled_a_lot": 0.3, "disabled_a_little": 0.35, "not_disabled": 0.35},
    },
    "refugees-and-people-seeking-asylum": {
        "ethnic_group": {
            "black_african": 0.35,
            "other_arab": 0.2,
            "asian_other": 0.2,
            "white_other": 0.1,
            "other_any": 0.1,
            "prefer_not_to_say": 0.05,
        },
        "age_band": {"16-24": 0.3, "25-34": 0.4, "35-49": 0.25, "50-64": 0.05},
        "main_language": {"ar": 0.3, "ti": 0.25, "fa": 0.25, "en": 0.1, "other": 0.1},
    },
    "disabled-residents-in-social-housing": {
        "ethnic_group": {
            "white_british": 0.45,
            "black_african": 0.12,
            "black_caribbean": 0.12,
            "white_other": 0.1,
            "asian_bangladeshi": 0.06,
            "mixed_white_black_caribbean": 0.05,
            "white_irish": 0.05,
            "prefer_not_to_say": 0.05,
        },
        "disability": {"disabled_a_lot": 0.6, "disabled_a_little": 0.35, "prefer_not_to_say": 0.05},
        "age_band": {"25-34": 0.1, "35-49": 0.25, "50-64": 0.35, "65+": 0.3},
        "main_language": {"en": 0.9, "tr": 0.05, "bn": 0.05},
    },
    "black-caribbean-residents": {
        "ethnic_group": {"black_caribbean": 0.85, "mixed_white_black_caribbean": 0.1, "prefer_not_to_say": 0.05},
        "main_language": {"en": 1.0},
    },
    "polish-speaking-residents": {
        "ethnic_group": {"white_other": 0.95, "prefer_not_to_say": 0.05},
        "age_band": {"25-34": 0.35, "35-49": 0.4, "50-64": 0.2, "65+": 0.05},
        "main_language": {"pl": 0.9, "en": 0.1},
    },
    "arabic-speaking-residents": {
        "ethnic_group": {"other_arab": 0.8, "black_african": 0.1, "other_any": 0.05, "prefer_not_to_say": 0.05},
        "main_language": {"ar": 0.95, "en": 0.05},
    },
}

DEFAULTS: dict[str, dict[str, float]] = {
    "age_band": {"16-24": 0.12, "25-34": 0.22, "35-49": 0.3, "50-64": 0.2, "65+": 0.14, "prefer_not_to_say": 0.02},
    "sex": {"female": 0.58, "male": 0.4, "prefer_not_to_say": 0.02},
    "gender_identity": {
        "same_as_sex": 0.93,
        "non_binary": 0.01,
        "trans_woman": 0.005,
        "trans_man": 0.005,
        "prefer_not_to_say": 0.05,
    },
    "disability": {"disabled_a_lot": 0.12, "disabled_a_little": 0.14, "not_disabled": 0.7, "prefer_not_to_say": 0.04},
}
ENGLISH_BY_LANGUAGE = {"main_language": 1.0}
ENGLISH_OTHERWISE = {"very_well": 0.15, "well": 0.3, "not_well": 0.35, "cannot": 0.17, "prefer_not_to_say": 0.03}

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


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    codes = list(weights)
    return rng.choices(codes, weights=[weights[c] for c in codes], k=1)[0]


def _load_comments() -> list[str]:
    with (DATA / "comments.csv").open(encoding="utf-8") as f:
        return [row["text"] for row in csv.DictReader(f)]


def _load_postcodes() -> list[dict[str, str]]:
    with (DATA / "postcodes.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def build_demo() -> dict[str, int]:
    """Creates the demo in an empty database. Returns counts of what it made."""
    rng = random.Random(SEED)
    comments = _load_comments()
    rng.shuffle(comments)
    postcodes = _load_postcodes()

    communities = {
        slug: Community.objects.create(slug=slug, name=name, description=desc, languages=langs)
        for slug, name, desc, langs in COMMUNITIES
    }
    organisations: dict[str, Organisation] = {}
    for slug, name, kind, sector, desc, postcode in OTHER_ORGANISATIONS:
        organisations[slug] = Organisation.objects.create(
            slug=slug,
            name=name,
            kind=kind,
            sector=sector,
            description=desc,
            postcode=postcode,
            connected=kind != OrganisationKind.STAKEHOLDER,
            **(question_words.HOST_CONTACTS if kind == OrganisationKind.HOST else {}),
        )
    for spec in PARTNERS:
        org = Organisation.objects.create(
            slug=spec.slug,
            name=spec.name,
            kind=OrganisationKind.PARTNER,
            sector=spec.sector,
            description=spec.description,
            postcode=spec.postcode,
            annual_income=Decimal(spec.income),
            email=f"hello@{spec.slug}.example.org",
            phone="020 7946 0" + f"{len(organisations):03d}",
        )
        org.communities.set([communities[c] for c in spec.communities])
        organisations[spec.slug] = org
        Contact.objects.create(
            organisation=org,
            name=f"{spec.name.split()[0]} coordinator",
            job_title="Project coordinator",
            email=f"coordinator@{spec.slug}.example.org",
            is_safeguarding_lead=True,
        )
    Contact.objects.create(
        organisation=organisations["two-boroughs-health-voice"],
        name="Amara Osei",
        job_title="Director",
        email="amara@two-boroughs-health-voice.example.org",
        is_safeguarding_lead=True,
    )

    users = []
    for username, first, last, role, org_slug in USERS:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            email=f"{username}@heard-demo.example.org",
            organisation=organisations.get(org_slug) if org_slug else None,
            is_staff=role == Role.HOST_ADMIN,
            is_safeguarding_lead=username in SAFEGUARDING_LEADS,
            is_superuser=role == Role.HOST_ADMIN,
        )
        user.set_password(PASSWORD)
        users.append(user)
    User.objects.bulk_create(users)
    admin = User.objects.get(username="admin")

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
        )
        for i, (code, kind, text, help_text, choices) in enumerate(QUESTIONS)
    }

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
                language = _pick(rng, profile["main_language"])
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
                    age_band=_pick(rng, profile["age_band"]),
                    sex=_pick(rng, profile["sex"]),
                    gender_identity=_pick(rng, profile["gender_identity"]),
                    ethnic_group=_pick(rng, profile["ethnic_group"]),
                    disability=_pick(rng, profile["disability"]),
                    main_language=language,
                    english_proficiency=_pick(rng, ENGLISH_BY_LANGUAGE if language == "en" else ENGLISH_OTHERWISE),
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
                            text=_pick(rng, {"yes": 0.4, "no": 0.45, "not_needed": 0.15}),
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
    from heard.privacy.models import DataSharingAgreement, SharingScope  # the demo sits above every app

    # Like any bulk insert (decision 0004): the records' safeguarding check and theme suggestions are queued when
    # this transaction commits; `heard demo` then does them, as the task worker would (heard/demo/follow_up.py).
    announce_contributions([e.pk for e in created])
    for spec in PARTNERS:
        EntryLink.objects.create(
            project=project,
            partner=organisations[spec.slug],
            community=communities[spec.communities[0]],
            token=f"demo-{spec.slug}",
        )
    for spec in PARTNERS[:5]:
        DataSharingAgreement.objects.create(
            organisation=organisations[spec.slug],
            starts_on=datetime.date(2026, 1, 5),
            ends_on=datetime.date(2027, 12, 31),
            scope=SharingScope.REDACTED_TEXT if spec.income < 60000 else SharingScope.DEMOGRAPHICS,
        )
    from heard.demo.money import build_money

    money = build_money(project)
    from heard.demo.governance import build_governance

    governance = build_governance(project)
    build_register([organisations[spec.slug] for spec in PARTNERS], project)
    from heard.demo.influence import build_influence

    influence = build_influence(project)
    from heard.demo.yousaid import build_verdicts

    verdicts = build_verdicts(project)
    audit.record(
        actor=None,
        verb=AuditVerb.IMPORTED,
        target=project,
        summary=f"Demo partnership loaded: {len(created)} residents' records",
    )
    return {
        "organisations": len(organisations),
        "communities": len(communities),
        "activities": activity_count,
        "experiences": len(created),
        "answers": len(answers_to_create),
        "users": len(users),
        **money,
        **governance,
        **influence,
        **verdicts,
    }
