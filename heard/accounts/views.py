"""Two-factor sign-in (TOTP) for host staff, with django-otp."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.accounts.forms import TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Shows a QR code for a new authenticator and confirms it with a first code."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is set up.")
            return redirect(_next_url(request))
        form.add_error("token", "That code did not match. Check the time on your phone and try the newest code.")
    qr = segno.make(device.config_url)
    qr_svg = qr.svg_data_uri(scale=5, dark="#0b0c0c")
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": secret, "next": _next_url(request)},
    )


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", "That code did not match. Try the newest code from your authenticator app.")
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})
