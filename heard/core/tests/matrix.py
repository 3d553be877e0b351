"""The machinery of the role x page matrix (test_every_page_for_every_role.py): every routed URL from the URL conf,
one world of real records, a signed-in client per role, and requests that never leave a trace.

Each request runs in a savepoint that is rolled back afterwards, so a POST that erases a record or retires a
question leaves the world as it was for the next request, and a sign-out does not sign the role out for good.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.datastructures import MultiValueDict
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from heard.accounts.models import Role, User
from heard.core.testing import (
    PDF_BYTES,
    make_activity,
    make_community,
    make_experience,
    make_organisation,
    make_policy,
    make_project,
    make_question,
    make_user,
)
from heard.engagement.models import Answer, EntryLink
from heard.funding import actions as funding_actions
from heard.funding.models import Agreement, Bid, Funder, PartnershipTask, PaymentKind, Pot, SignedCopy
from heard.governance.tests.world import governance_ids
from heard.influence.models import Recommendation, VerdictLink
from heard.partners.models import OrganisationKind, PolicyTemplate
from heard.privacy.models import DataSharingAgreement, SafeguardingFlag
from heard.returns.models import ReturnUpload, UploadStatus

ROLES = (
    "anonymous",
    "host_admin",
    "host_staff",
    "host_lead",
    "partner",
    "partner_lead",
    "other_partner",
    "steering",
    "outsider",
)


# A path() parameter (<int:pk>) or a re_path() group ((?P<app_label>a|b)).
PARAM = r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)"


@dataclass(frozen=True)
class Route:
    """One routed view: its name (namespace:name), its pattern and the names and converters of its parameters."""

    name: str
    pattern: str
    params: tuple[tuple[str, str], ...]  # (name, converter) in order

    def path(self, values: dict[str, str]) -> str:
        def put(match: re.Match[str]) -> str:
            return values[match.group(2) or match.group(3)]

        return "/" + re.sub(PARAM, put, self.pattern)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else str(p.name)


def routes() -> list[Route]:
    """Every view Heard routes, Django's admin included, straight from the URL conf."""
    found = []
    for pattern, name in _walk(get_resolver().url_patterns):
        clean = pattern.replace("^", "").replace("$", "").replace("\\Z", "")
        params = tuple(
            (m.group(2) or m.group(3), m.group(1) or ("path" if m.group(3) else "str"))
            for m in re.finditer(PARAM, clean)
        )
        found.append(Route(name=name if not name.endswith("None") else clean, pattern=clean, params=params))
    return found


# Ids that exist nowhere, for each converter. A `str` or `slug` parameter also gets a negative number and words in
# another script; `int` only matches digits, so it cannot be negative.
GUESSES = {
    "int": ["0", "999999", "9" * 30],
    "slug": ["no-such-thing", "-1", "a" * 300],
    "str": ["no-such-thing", "-1", "ü😀‮", "a" * 300],
    "path": ["no-such-thing", "-1", "9" * 30],
}

# Bad values for every query parameter a page reads.
# (A NUL never reaches a view: heard.core.middleware refuses it; test_nul_characters_are_a_bad_request.py.)
BAD_VALUES = ["abc", "-1", "9" * 40, "ü😀‮'\"><" + "x" * 3000]


@dataclass
class World:
    ids: dict[str, str]  # what each URL parameter stands for -> a real value belonging to the partner "ours"
    users: dict[str, User | None]
    media_root: str  # where the world's uploaded file is


def build_world(media_root: str) -> World:
    """Two partners in one project; every kind of object belongs to "ours". "theirs" is the other partner in the
    same project; "outsider" a partner in no project. Names of ids are what the table's rows refer to."""
    from django.core.files.base import ContentFile

    ours = make_organisation(name="Ours", slug="ours")
    theirs = make_organisation(name="Theirs", slug="theirs")
    community = make_community(name="Residents of the estate", slug="estate")
    project = make_project(slug="the-project", partners=[ours, theirs], communities=[community])
    make_project(slug="their-project", partners=[theirs])
    question = make_question(project=project, code="story", kind="free_text", text="What happened?", position=1)
    activity = make_activity(project=project, partner=ours, community=community)
    experience = make_experience(project=project, partner=ours, activity=activity, community=community)
    answer = Answer.objects.create(
        experience=experience, question=question, text="Dr Smith on 020 7946 0000 was kind", language="en"
    )
    flag = SafeguardingFlag.objects.create(experience=experience, answer=answer, kind="harm", label="Risk of harm")
    link = EntryLink.objects.create(project=project, partner=ours, community=community)
    verdict_link = VerdictLink.objects.create(project=project, partner=ours, community=community)
    commissioner = make_organisation(name="The ICB", slug="the-icb", kind=OrganisationKind.COMMISSIONER)
    Recommendation.objects.create(  # sent, so the project has a public "you said, we did" page
        project=project, title="Open online booking", organisation=commissioner, status="sent"
    )
    DataSharingAgreement.objects.create(
        organisation=ours, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2027, 1, 1)
    )
    policy = make_policy(organisation=ours)
    policy_template = PolicyTemplate(title="Model safeguarding policy", kind="safeguarding", file_name="model.pdf")
    policy_template.file.save("model.pdf", ContentFile(PDF_BYTES), save=False)
    policy_template.save()
    tracked, response_token, response_link = _recommendation(project)
    users: dict[str, User | None] = {
        "anonymous": None,
        "host_admin": make_user(role=Role.HOST_ADMIN, is_staff=True, is_superuser=True),
        "host_staff": make_user(role=Role.HOST_STAFF),
        "host_lead": make_user(role=Role.HOST_STAFF, is_safeguarding_lead=True),
        "partner": make_user(role=Role.PARTNER_MEMBER, organisation=ours),
        "partner_lead": make_user(role=Role.PARTNER_MEMBER, organisation=ours, is_safeguarding_lead=True),
        "other_partner": make_user(role=Role.PARTNER_MEMBER, organisation=theirs, is_safeguarding_lead=True),
        "steering": make_user(role=Role.STEERING_MEMBER),
        "outsider": make_user(role=Role.PARTNER_MEMBER, organisation=make_organisation(name="Outside", slug="outside")),
    }
    upload = ReturnUpload(
        project=project,
        partner=ours,
        uploaded_by=users["partner"],
        file_name="return.csv",
        status=UploadStatus.READY,
        problems=[{"row": 2, "column": "B", "message": "Not a date"}],
        problem_count=1,
        unmapped=["Mystery column"],
    )
    upload.file.save("return.csv", ContentFile(b"reference,collected_on\n,not a date\n"), save=False)
    upload.save()
    allocation = funding_actions.award_allocation(
        actor=None, project=project, organisation=ours, amount="1000.00", first_payment_on=datetime.date(2026, 2, 1)
    )
    pot = Pot.objects.create(
        funder=Funder.objects.create(name="The ICB", slug="icb"), name="Voices", amount=Decimal("93000")
    )
    bid = Bid.objects.create(title="Partnership bid", project=project, amount_requested=Decimal("93000"))
    bid.pots.set([pot])
    partner = users["partner"]
    assert partner is not None
    task = PartnershipTask.objects.create(project=project, title="Our focus groups", owner_organisation=ours)
    agreement = Agreement.objects.create(
        project=project, organisation=ours, version=1, title="Partnership agreement", body="# Parties\nUs and you.\n"
    )
    signed_copy = SignedCopy(agreement=agreement, file_name="signed.pdf", signed_on=datetime.date(2026, 2, 1))
    signed_copy.file.save("signed.pdf", ContentFile(PDF_BYTES), save=False)
    signed_copy.save()
    report = _build_report(project, answer, users["host_staff"], ours)
    ids = {
        "project": project.slug,
        "organisation": ours.slug,
        "activity": str(activity.pk),
        "experience": str(experience.pk),
        "answer": str(answer.pk),
        "question": str(question.pk),
        "flag": str(flag.pk),
        "policy": str(policy.pk),
        "policy_template": str(policy_template.pk),
        "task": str(task.pk),
        "agreement": str(agreement.pk),
        "signed_copy": str(signed_copy.pk),
        "upload": str(upload.pk),
        "allocation": str(allocation.pk),
        "payment": str(allocation.payments.get(kind=PaymentKind.ADVANCE).pk),
        "bid": str(bid.pk),
        "token": link.token,
        "verdict_token": verdict_link.token,
        "community": community.slug,
        "uidb64": urlsafe_base64_encode(force_bytes(partner.pk)),
        "reset_token": default_token_generator.make_token(partner),
        "csv": "csv",
        "somali": "so",
        "tracked_recommendation": str(tracked.pk),
        "pdf": "pdf",
        "response_token": response_token,
        "response_link": str(response_link.pk),
        "admin_user": str(partner.pk),
        "app_label": "accounts",
        "content_type_id": "1",
        "url": "no-such-page/",
        **governance_ids(project, users["steering"]),
        **report,
    }
    return World(ids=ids, users=users, media_root=media_root)


def _build_report(project: Any, answer: Answer, staff: User | None, addressed_to: Any) -> dict[str, str]:
    """A report with a saved section, a chosen quote, a recommendation and a published version."""
    from heard.reporting import actions
    from heard.reporting.models import ReportRecommendation, SectionKind

    assert staff is not None
    report = actions.start_report(actor=staff, project=project)
    section = report.sections.get(kind=SectionKind.SUMMARY)
    version = actions.save_narrative(actor=staff, section=section, text="What we heard.")
    actions.save_narrative(actor=staff, section=section, text="What we heard, said better.")
    quote = actions.choose_quote(actor=staff, section=section, answer=answer)
    recommendation = actions.save_recommendation(
        actor=staff,
        recommendation=ReportRecommendation(report=report, title="Answer the phone", addressed_to=addressed_to),
    )
    published = actions.publish(actor=staff, report=report, documents={"report": {"title": "T", "sections": []}})
    return {
        "report_section": str(section.pk),
        "section_version": str(version.pk),
        "chosen_quote": str(quote.pk),
        "recommendation": str(recommendation.pk),
        "published_report": published.slug,
        "report_format": "html",
    }


def _recommendation(project: Any) -> tuple[Any, str, Any]:
    """A recommendation of the project, sent, with a live response link and its token."""
    from django.utils import timezone

    from heard.influence.models import Addressee, Recommendation, ResponseLink
    from heard.influence.models.responses import hash_token
    from heard.partners.models import OrganisationKind

    trust = make_organisation(name="The Trust", slug="the-trust", kind=OrganisationKind.PROVIDER)
    recommendation = Recommendation.objects.create(
        project=project,
        organisation=trust,
        title="Make booking easier",
        addressee_name="Sam Lee",
        addressee_email="sam@trust.example.org",
        status="sent",
        sent_on=datetime.date(2026, 11, 2),
        due_on=datetime.date(2026, 11, 30),
    )
    addressee = Addressee.objects.create(recommendation=recommendation, name="Sam Lee", email="sam@trust.example.org")
    token = "matrix-response-token-" + "x" * 21
    link = ResponseLink.objects.create(
        addressee=addressee,
        recommendation=recommendation,
        token_hash=hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=3650),
    )
    return recommendation, token, link


@contextmanager
def read_keys() -> Iterator[set[str]]:
    """The names a view looks up in request.GET or request.POST while this is open."""
    seen: set[str] = set()
    originals = {name: getattr(MultiValueDict, name) for name in ("get", "__getitem__", "getlist", "__contains__")}

    def recorder(name: str) -> Any:
        original = originals[name]

        def record(self: MultiValueDict[str, Any], key: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(key, str):
                seen.add(key)
            return original(self, key, *args, **kwargs)

        return record

    for name in originals:
        setattr(MultiValueDict, name, recorder(name))
    try:
        yield seen
    finally:
        for name, original in originals.items():
            setattr(MultiValueDict, name, original)


class RoleClient:
    """A test client signed in as one role whose every request is rolled back afterwards."""

    def __init__(self, user: User | None) -> None:
        self.client = Client(raise_request_exception=False)
        if user is not None:
            self.client.force_login(user)
        self.session = self.client.cookies.get(settings.SESSION_COOKIE_NAME)

    def request(self, method: str, path: str, data: dict[str, Any] | None = None, **extra: Any) -> HttpResponse:
        with transaction.atomic():
            try:
                if method == "GET":
                    response = self.client.get(path, data, **extra)
                else:
                    response = self.client.post(path, data or {}, **extra)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)  # a streamed export fails while it streams
            finally:
                transaction.set_rollback(True)
        if self.session is not None:  # a sign-out rolled back: carry on signed in
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.session.value
        return response  # type: ignore[return-value]


def outcome(response: HttpResponse) -> str:
    """A response as the table writes it: "in" for a redirect to sign-in, else the status code."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/sign-in/"):
            return "in"
        if location.startswith("/django-admin/login/"):
            return "admin-in"
    return str(response.status_code)


def failure(response: HttpResponse) -> str:
    exc = getattr(response, "exc_info", None)
    if exc and exc[1] is not None:
        return f"{type(exc[1]).__name__}: {str(exc[1])[:100]}"
    return ""
