"""Who is in the demo: the host, its 8 partners and other organisations, 10 communities, and the people who
sign in."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from heard.accounts.models import Role, User
from heard.demo import question_words
from heard.partners.models import Community, Contact, Organisation, OrganisationKind, Sector

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


def build_communities() -> dict[str, Community]:
    return {
        slug: Community.objects.create(slug=slug, name=name, description=desc, languages=langs)
        for slug, name, desc, langs in COMMUNITIES
    }


def build_organisations(communities: dict[str, Community]) -> dict[str, Organisation]:
    """The host, commissioners, providers and other stakeholders, then the partners with their coordinators."""
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
    return organisations


def build_users(organisations: dict[str, Organisation]) -> list[User]:
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
    return users
