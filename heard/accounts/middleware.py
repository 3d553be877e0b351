"""Two-factor sign-in for host staff, when HEARD_REQUIRE_2FA is on."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

EXEMPT_URL_NAMES = {
    "accounts:login",
    "accounts:logout",
    "accounts:two-factor-setup",
    "accounts:two-factor-verify",
}


class TwoFactorMiddleware:
    """Sends a signed-in host staff member who has not passed a TOTP check to set up or verify one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], *args: object
    ) -> HttpResponse | None:
        if not settings.HEARD_REQUIRE_2FA:
            return None
        user = request.user
        if not user.is_authenticated or not getattr(user, "needs_two_factor", False):
            return None
        if user.is_verified():  # type: ignore[attr-defined]  # added by django-otp's OTPMiddleware
            return None
        match = request.resolver_match
        name = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
        if name in EXEMPT_URL_NAMES or request.path.startswith(settings.STATIC_URL):
            return None
        from django_otp import devices_for_user

        has_device = any(True for _ in devices_for_user(user, confirmed=True))
        target = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")
