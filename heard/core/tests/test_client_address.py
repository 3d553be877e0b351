"""The client's address comes from the connection, or from our own proxies when HEARD_TRUSTED_PROXY_COUNT says so."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from heard.core.addresses import client_address


def _request(remote: str = "10.0.0.2", forwarded: str | None = None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_proxies_the_header_is_ignored(settings):
    settings.HEARD_TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(forwarded="203.0.113.5")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.99, 203.0.113.5", "203.0.113.5"),  # a client's own header is on the left, ignored
        (2, "192.0.2.99, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),  # fewer hops than proxies: it did not come through them all
        (1, "", "10.0.0.2"),
        (1, "not an address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_proxies_the_address_is_counted_from_the_right(settings, proxies, forwarded, expected):
    settings.HEARD_TRUSTED_PROXY_COUNT = proxies
    assert client_address(_request(forwarded=forwarded)) == expected


def test_a_missing_address_is_unknown(settings):
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert client_address(request) == "unknown"
