"""Residents' words reach people outside host staff only through `quotable_answers`: with consent to be quoted,
from partners whose agreement lets the host share words, never while a safeguarding flag is open or after a lead
decided "never use", and always redacted. One test per output: the themes page (steering, a partner, host staff),
the export for sharing (CSV and Excel) and `heard export --for-sharing`."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command

from heard.accounts.models import Role
from heard.analysis import actions as analysis_actions
from heard.analysis.models import Theme, ThemeKind
from heard.core.testing import make_experience, make_organisation, make_project, make_question, make_user
from heard.engagement.models import Answer
from heard.privacy import actions
from heard.privacy.models import DataSharingAgreement, SafeguardingFlag, SharingScope, WordsUse
from heard.privacy.outputs import quotable_answers

CLEAN = "Dr Okafor made me wait five hours for a scan."
FLAGGED = "My husband hits me and Dr Okafor never asked about the bruises."
NO_CONSENT = "Nobody explained the new pharmacy rules to us."
DEMOGRAPHICS_ONLY = "The interpreter at the surgery never turned up."
NO_AGREEMENT = "The reception desk had no leaflets in Turkish."
UNSEEN = [FLAGGED, NO_CONSENT, DEMOGRAPHICS_ONLY, NO_AGREEMENT, "Okafor", "husband hits"]


@pytest.fixture
def world(db):
    shares, demographics, none = (
        make_organisation(name=n, slug=s)
        for n, s in [("Shares words", "shares"), ("Demographics", "demographics"), ("No agreement", "none")]
    )
    project = make_project(slug="p", partners=[shares, demographics, none])
    story = make_question(project=project, code="story", text="Story")
    start = datetime.date(2020, 1, 1)
    DataSharingAgreement.objects.create(organisation=shares, starts_on=start, scope=SharingScope.REDACTED_TEXT)
    DataSharingAgreement.objects.create(organisation=demographics, starts_on=start, scope=SharingScope.DEMOGRAPHICS)
    analysis_actions.ensure_national_codebook()
    staff = make_user(role=Role.HOST_STAFF)
    themes = iter(Theme.objects.national().exclude(kind=ThemeKind.CATEGORY).order_by("pk"))
    answers = {}
    for partner, text, quote in [
        (shares, CLEAN, True),
        (shares, FLAGGED, True),
        (shares, NO_CONSENT, False),
        (demographics, DEMOGRAPHICS_ONLY, True),
        (none, NO_AGREEMENT, True),
    ]:
        theme = next(themes)  # a theme each, with 4 more people, so no quote is crowded out or suppressed
        for n in range(5):
            record = make_experience(project=project, partner=partner, consent_quote=quote and n == 0)
            answer = Answer.objects.create(
                experience=record, question=story, text=text if n == 0 else f"Filler {n} {partner.slug} {theme.pk}"
            )
            analysis_actions.code_answer(actor=staff, answer=answer, theme=theme, applied=True)
            if n == 0:
                answers[text] = answer
    flags = actions.raise_safeguarding_flags([a.experience_id for a in answers.values()])
    assert [f.kind for f in flags] == ["domestic_abuse"]
    return {"project": project, "shares": shares, "answers": answers, "flag": flags[0], "staff": staff}


def _decide(world, words: str) -> None:
    lead = make_user(role=Role.HOST_STAFF, is_safeguarding_lead=True)
    actions.decide_flag(actor=lead, flag=world["flag"], status="followed_up", notes="Spoken to.", words=words)


def _themes_page(client, user) -> str:
    client.force_login(user)
    return str(client.get("/analysis/projects/p/themes/").content.decode())


def _shared_csv(client) -> str:
    client.force_login(make_user(role=Role.HOST_STAFF))
    return b"".join(client.get("/returns/p/shared.csv").streaming_content).decode()


def _shared_xlsx(client) -> str:
    client.force_login(make_user(role=Role.HOST_STAFF))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/returns/p/shared.xlsx").streaming_content)))
    return str([list(sheet.values) for sheet in book])


def _command_line(tmp_path) -> str:
    out = tmp_path / "shared.csv"
    call_command("export", "--project", "p", "--for-sharing", "--output", str(out), stderr=io.StringIO())
    return str(out.read_text(encoding="utf-8"))


def _assert_only_the_clean_quote(text: str) -> None:
    assert "Dr [name] made me wait five hours" in text
    for words in UNSEEN:
        assert words not in text


def test_steering_members_see_only_consented_agreed_unflagged_words_redacted(client, world):
    _assert_only_the_clean_quote(_themes_page(client, make_user(role=Role.STEERING_MEMBER)))


def test_a_partner_sees_its_own_residents_quotes_without_flagged_or_unconsented_words(client, world):
    html = _themes_page(client, make_user(role=Role.PARTNER_MEMBER, organisation=world["shares"]))
    _assert_only_the_clean_quote(html)


def test_host_staff_example_quotes_also_leave_out_words_a_flag_holds_back(client, world):
    html = _themes_page(client, world["staff"])
    assert "Dr [name] made me wait five hours" in html
    assert "husband hits" not in html and NO_CONSENT not in html


@pytest.mark.parametrize("output", ["csv", "xlsx", "command line"])
def test_exports_for_sharing_carry_only_words_that_may_leave(client, world, tmp_path, output):
    if output == "command line":
        _assert_only_the_clean_quote(_command_line(tmp_path))
    else:
        _assert_only_the_clean_quote({"csv": _shared_csv, "xlsx": _shared_xlsx}[output](client))


def test_after_a_lead_decides_the_words_may_be_used_they_appear_redacted_everywhere(client, world, tmp_path):
    _decide(world, WordsUse.REDACTED)
    redacted = "My husband hits me and Dr [name] never asked about the bruises."
    for text in (
        _themes_page(client, make_user(role=Role.STEERING_MEMBER)),
        _themes_page(client, make_user(role=Role.PARTNER_MEMBER, organisation=world["shares"])),
        _shared_csv(client),
        _shared_xlsx(client),
        _command_line(tmp_path),
    ):
        assert redacted in text
        assert "Okafor" not in text


def test_never_use_keeps_the_words_back_for_good(client, world, tmp_path):
    _decide(world, WordsUse.NEVER)
    for text in (_themes_page(client, make_user(role=Role.STEERING_MEMBER)), _shared_csv(client)):
        assert "husband hits" not in text


def test_a_decision_that_says_nothing_about_the_words_keeps_them_back(world):
    _decide(world, "")
    assert world["answers"][FLAGGED] not in quotable_answers(None, world["project"])


def test_a_flag_on_a_whole_record_holds_back_all_its_words(world):
    clean = world["answers"][CLEAN]
    SafeguardingFlag.objects.create(experience=clean.experience, answer=None, kind="abuse", label="Abuse")
    assert clean not in quotable_answers(None, world["project"])
    assert clean not in quotable_answers(world["staff"], world["project"])


def test_the_lead_decides_on_the_words_on_the_flag_page(client, world):
    lead = make_user(role=Role.HOST_STAFF, is_safeguarding_lead=True)
    client.force_login(lead)
    assert "Words held back until a lead decides" in client.get("/privacy/safeguarding/").content.decode()
    page = client.get(f"/privacy/safeguarding/{world['flag'].pk}/").content.decode()
    assert "May the resident" in page and "held back" in page
    response = client.post(
        f"/privacy/safeguarding/{world['flag'].pk}/",
        {"status": "no_action", "notes": "Already known to the partner.", "words": WordsUse.REDACTED},
    )
    assert response.status_code == 302
    assert world["answers"][FLAGGED] in quotable_answers(None, world["project"])
    listed = client.get("/privacy/safeguarding/", {"status": "no_action"}).content.decode()
    assert "Words: may be used outside the host, with personal details removed" in listed
    missing = client.post(f"/privacy/safeguarding/{world['flag'].pk}/", {"status": "no_action", "notes": "x"})
    assert "May the resident" in missing.content.decode() and missing.status_code == 200
