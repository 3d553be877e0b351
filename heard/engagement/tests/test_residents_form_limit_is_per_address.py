"""The residents' form takes a limited number of contributions an hour from one address, whichever partner's
link it comes through, counted in the cache every web process shares; behind a trusted proxy each resident's own
address counts, not the proxy's."""

from __future__ import annotations

import time

import pytest
from django.core.cache import caches

from heard.core.testing import make_organisation, make_project, make_question
from heard.engagement import public
from heard.engagement.models import EntryLink, Experience

LIMIT = 3


@pytest.fixture
def links(db, monkeypatch):
    monkeypatch.setattr(public, "PER_ADDRESS_PER_HOUR", LIMIT)
    partners = [make_organisation(name=f"Partner {n}") for n in range(8)]
    project = make_project(partners=partners)
    make_question(project=project, code="story", text="Tell us what happened")
    return [EntryLink.objects.create(project=project, partner=partner) for partner in partners]


def _send(client, link, **meta):
    data = {
        "started": public._SIGNER.sign(str(time.time() - 60)),
        "website": "",
        "q_story": "I waited three weeks",
        "consent_store": "on",
    }
    return client.post(link.get_absolute_url(), data, **meta).status_code


def test_eight_links_from_one_address_share_one_limit(client, links):
    sent = [_send(client, link, REMOTE_ADDR="203.0.113.7") for link in links]
    assert sent == [302] * LIMIT + [429] * (len(links) - LIMIT)
    assert Experience.objects.count() == LIMIT
    assert _send(client, links[0], REMOTE_ADDR="203.0.113.8") == 302  # someone else is not held back


def test_the_count_is_kept_in_the_shared_database_cache(client, links, settings):
    assert settings.CACHES["shared"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    _send(client, links[0], REMOTE_ADDR="203.0.113.7")
    assert caches["shared"].get("heard:limit:public-entry:203.0.113.7")[1] == 1


def test_behind_a_trusted_proxy_two_residents_get_a_limit_each(client, links, settings):
    settings.HEARD_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = [_send(client, links[n], HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy) for n in range(LIMIT + 1)]
    second = [_send(client, links[n], HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy) for n in range(LIMIT + 1)]
    assert first == second == [302] * LIMIT + [429]


def test_a_forwarded_address_the_resident_made_up_does_not_get_them_a_new_limit(client, links, settings):
    settings.HEARD_TRUSTED_PROXY_COUNT = 1
    sent = [
        # The proxy appends the address it saw; whatever the resident wrote before it is not believed.
        _send(client, link, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.1", REMOTE_ADDR="10.0.0.1")
        for n, link in enumerate(links)
    ]
    assert sent.count(302) == LIMIT


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client, links):
    sent = [
        _send(client, link, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}", REMOTE_ADDR="10.0.0.1") for n, link in enumerate(links)
    ]
    assert sent.count(302) == LIMIT
