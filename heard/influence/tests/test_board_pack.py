"""The board pack for the steering group and the Health and Wellbeing Board: every recommendation, what is
overdue, what changed, residents' verdicts; as a page, a PDF and one HTML file."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.core.testing import make_user
from heard.influence.models import Evidence, EvidenceKind, Recommendation
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def recs():
    late = make_recommendation(title="Interpreters at every surgery", sent_on=datetime.date(2026, 1, 5))
    changed = make_recommendation(title="An evening clinic", sent_on=datetime.date(2026, 1, 5))
    Recommendation.objects.filter(pk=changed.pk).update(status="changed")
    Evidence.objects.create(recommendation=changed, kind=EvidenceKind.CHANGE, text="The clinic opened in May.")
    make_recommendation(title="A draft not yet sent")
    return late, changed


def test_the_steering_group_sees_every_recommendation_what_is_overdue_and_what_changed(client, recs):
    client.force_login(make_user(role=Role.STEERING_MEMBER))
    page = client.get(reverse("influence:board-pack")).content.decode()
    overdue = page.split("Overdue</h2>", 1)[1].split("</section>", 1)[0]
    assert "Interpreters at every surgery" in overdue and "An evening clinic" not in overdue
    assert "The clinic opened in May." in page
    assert "A draft not yet sent" in page
    assert "Residents&#x27; verdict" in page or "Residents' verdict" in page


@pytest.mark.slow
def test_the_board_pack_comes_as_a_pdf_and_an_html_file(client, recs):
    client.force_login(make_user())
    pdf = client.get(reverse("influence:board-pack-file", args=["pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = client.get(reverse("influence:board-pack-file", args=["html"]))
    assert html.status_code == 200 and b"Interpreters at every surgery" in html.content
    assert client.get(reverse("influence:board-pack-file", args=["docx"])).status_code == 404
