"""Redirects that stay on Heard: a `next` parameter or a Referer header is followed only to the site's own pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def own_page(request: HttpRequest, target: str | None, fallback: str) -> str:
    """`target` when it is one of this site's pages (a path, or a full address on this host with this scheme),
    else `fallback`: never another site, however the address is written."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def back(request: HttpRequest, fallback: str) -> str:
    """The page the person came from (the Referer header), when it is one of the site's own."""
    return own_page(request, request.META.get("HTTP_REFERER"), fallback)
