"""Limits per address count an IPv4 address, or a whole IPv6 /64 (one household's or phone's network)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from heard.core.limits import bucket


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_one_household_is_one_bucket(settings, remote, expected):
    settings.HEARD_TRUSTED_PROXY_COUNT = 0
    assert bucket(RequestFactory().get("/", REMOTE_ADDR=remote)) == expected
