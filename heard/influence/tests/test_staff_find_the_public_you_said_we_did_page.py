"""Host staff find the public "you said, we did" page from a recommendation they have sent, to share it with
residents and partners (walking the job, it was only linked from the residents' verdicts page); a draft, which
the public page never shows, has no such link."""

from __future__ import annotations

import datetime

import pytest

from heard.core.testing import make_project, make_user
from heard.influence.testing import make_recommendation

pytestmark = pytest.mark.django_db


def test_a_sent_recommendation_links_to_the_public_page_and_a_draft_does_not(client):
    project = make_project(slug="voices")
    sent = make_recommendation(project=project, sent_on=datetime.date(2026, 11, 2))
    draft = make_recommendation(project=project)
    client.force_login(make_user())
    assert 'href="/you-said-we-did/voices/"' in client.get(sent.get_absolute_url()).content.decode()
    assert "/you-said-we-did/" not in client.get(draft.get_absolute_url()).content.decode()
    assert client.get("/you-said-we-did/voices/").status_code == 200
