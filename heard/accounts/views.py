"""Sign-in and two-factor sign-in (TOTP and recovery codes) with django-otp.

Set-up is only for an account without an authenticator, or for a session that has already passed the two-factor
check: a password alone never adds a new way in.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from heard.accounts import actions
from heard.accounts.forms import CodeForm, SignInForm, TokenForm
from heard.accounts.models import User
from heard.core.addresses import client_address
from heard.core.redirects import own_page

PENDING_KEY = "heard_new_authenticator_key"


def _next_url(request: HttpRequest) -> str:
    return own_page(request, request.GET.get("next") or request.POST.get("next"), "/")


def _with_next(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


def _has_device(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def _is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        actions.record_sign_in(user=form.get_user(), address=client_address(self.request))
        return response


def two_factor_setup(request: HttpRequest) -> HttpResponseBase:
    """Shows a QR code for a new authenticator app and adds it once a first code matches."""
    user: User = request.user  # type: ignore[assignment]
    if _has_device(user) and not _is_verified(request):
        messages.info(request, "Your account already has two-factor sign-in. Enter a code from your app first.")
        return redirect(_with_next("accounts:two-factor-verify", request))
    key = request.session.get(PENDING_KEY) or random_hex(20)
    request.session[PENDING_KEY] = key
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = actions.set_up_authenticator(
            user=user, key=key, code=form.cleaned_data["token"], address=client_address(request)
        )
        if device is not None:
            del request.session[PENDING_KEY]
            otp_login(request, device)
            if actions.recovery_codes_left(user) == 0:
                codes = actions.make_recovery_codes(user=user)
                return _show_recovery_codes(request, codes, first_time=True)
            messages.success(request, "Your new authenticator app is added.")
            return redirect(_next_url(request))
        form.add_error("token", "That code did not match. Check the time on your phone and try the newest code.")
    preview = TOTPDevice(user=user, key=key, name="Authenticator app")
    qr_svg = segno.make(preview.config_url).svg_data_uri(scale=5, dark="#0b0c0c")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": base64.b32encode(preview.bin_key).decode(),
            "next": _next_url(request),
            "adding_another": _has_device(user),
        },
    )


def two_factor_verify(request: HttpRequest) -> HttpResponseBase:
    """The two-factor check after the password: a code from the app, or a recovery code."""
    user: User = request.user  # type: ignore[assignment]
    if _is_verified(request):
        return redirect(_next_url(request))
    if not _has_device(user):
        return redirect(_with_next("accounts:two-factor-setup", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = actions.check_two_factor_code(
            user=user, code=form.cleaned_data["code"], address=client_address(request)
        )
        if check.device is not None:
            otp_login(request, check.device)
            if check.recovery_codes_left is not None:
                _warn_about_recovery_codes(request, check.recovery_codes_left)
            return redirect(_next_url(request))
        if check.too_many_tries:
            form.add_error("code", "There were too many wrong codes. Wait a minute, then try the newest code.")
        else:
            form.add_error("code", "That code did not match. Try the newest code from your authenticator app.")
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def _warn_about_recovery_codes(request: HttpRequest, left: int) -> None:
    if left == 0:
        text = "You used your last recovery code. Make new ones now, under Two-factor sign-in."
    else:
        text = f"You used a recovery code; each works once. You have {left} left."
        if left <= 3:
            text += " Make new ones soon, under Two-factor sign-in."
    messages.warning(request, text)


def _show_recovery_codes(request: HttpRequest, codes: list[str], *, first_time: bool) -> HttpResponse:
    """Shows new recovery codes once: they are not shown again (the page is never cached)."""
    context: dict[str, Any] = {
        "codes": [f"{code[:4]}-{code[4:]}" for code in codes],
        "first_time": first_time,
        "next": _next_url(request),
    }
    return render(request, "accounts/recovery_codes_made.html", context)


def two_factor_manage(request: HttpRequest) -> HttpResponseBase:
    """Two-factor sign-in for one's own account: how many recovery codes are left; make new ones; add an app."""
    user: User = request.user  # type: ignore[assignment]
    if not _has_device(user):
        messages.info(request, "Set up two-factor sign-in first.")
        return redirect(_with_next("accounts:two-factor-setup", request))
    if not _is_verified(request):
        return redirect(_with_next("accounts:two-factor-verify", request))
    if request.method == "POST":
        return _show_recovery_codes(request, actions.make_recovery_codes(user=user), first_time=False)
    apps = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")
    return render(
        request,
        "accounts/two_factor_manage.html",
        {"apps": apps, "codes_left": actions.recovery_codes_left(user)},
    )
