"""Limits on how often one address may do something, counted in a cache every web process shares.

The cache is the `shared` alias in settings.CACHES: Django's database cache by default (the `heard_cache` table,
made by `heard migrate`), so every worker process and every server behind a load balancer counts together.
"""

from __future__ import annotations

import ipaddress
import time

from django.core.cache import caches
from django.http import HttpRequest

from heard.core.addresses import client_address

SHARED_CACHE = "shared"


def bucket(request: HttpRequest) -> str:
    """Who a limit counts: the client's IPv4 address, or its IPv6 /64 network (one home or phone gets a whole /64
    and could otherwise step through it)."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address  # "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(scope: str, request: HttpRequest) -> str:
    return f"heard:limit:{scope}:{bucket(request)}"


def reached(scope: str, request: HttpRequest, *, limit: int) -> bool:
    """Whether the request's address has already done `scope` `limit` times in the current window."""
    _started, done = caches[SHARED_CACHE].get(_key(scope, request), (0.0, 0))
    return bool(done >= limit)


def count(scope: str, request: HttpRequest, *, window: int = 3600) -> None:
    """Counts one more `scope` for the request's address. The window starts at the first one and lasts `window`
    seconds, however many follow."""
    cache = caches[SHARED_CACHE]
    key = _key(scope, request)
    now = time.time()
    started, done = cache.get(key, (now, 0))
    cache.set(key, (started, done + 1), timeout=max(1, round(started + window - now)))
