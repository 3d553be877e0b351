"""The address a request came from, for sign-in limits, the residents' form limit and the audit trail.

Without a proxy it is the connection's own address (REMOTE_ADDR). Behind proxies, set HEARD_TRUSTED_PROXY_COUNT to
how many of your own proxies add to X-Forwarded-For: Heard then takes the address the outermost of them saw,
counted from the right, so a client cannot choose its address by sending the header itself.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text, or "unknown"."""
    direct = _valid(str(request.META.get("REMOTE_ADDR") or "")) or UNKNOWN
    proxies = int(getattr(settings, "HEARD_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return direct
    hops = [hop for hop in str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return direct  # the request did not come through all of our proxies
    return _valid(hops[-proxies]) or direct


def known_client_address(request: HttpRequest) -> str | None:
    """The client's IP address, or None when the request carries none (Django's test client signing someone in
    with `force_login`, a request made inside Heard): for django-axes, which stores it in an IP address column
    that PostgreSQL checks."""
    address = client_address(request)
    return None if address == UNKNOWN else address
