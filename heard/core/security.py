"""Security headers on every page Heard makes (static files get theirs from WhiteNoise).

- Content-Security-Policy: scripts, styles, fonts and frames only from Heard itself; no inline script or style, no
  eval, no plugins; images also from data: URLs (the two-factor QR code). Heard has no inline script: everything
  lives in static files (heard/static/heard/).
- Permissions-Policy: no camera, microphone, location, payment or other device access.
- Cache-Control: no-store on every page and download Heard's views make, so that neither a shared computer's
  browser nor a proxy keeps a copy: signed-in pages and exports show residents' records, and the residents' form
  shows back what a resident typed when it asks them to correct something. Nothing dynamic is worth caching;
  static files (CSS, JavaScript, fonts) are served by WhiteNoise before this middleware and keep their own
  long cache.

Referrer-Policy, X-Content-Type-Options, HSTS and the HTTPS redirect come from Django's SecurityMiddleware
(settings.py: SECURE_REFERRER_POLICY, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_HSTS_*, SECURE_SSL_REDIRECT).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Adds the headers above to every response from Heard's views (and its error pages)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Django's debug pages (DEBUG only) style themselves inline; everything else gets the policy.
        if not (settings.DEBUG and response.status_code >= 400):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        add_never_cache_headers(response)
        return response
