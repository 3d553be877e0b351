"""Residents giving their verdict on a phone, from a partner's link or QR code, without an account.

The same guards as the residents' form (engagement/public.py): a hidden field people never fill in, a signed
timer, and a limit per address per hour counted in the shared cache. Nothing personal is asked.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from heard.core import languages, limits
from heard.engagement.public import _language, _offered, _render
from heard.influence import actions, yousaid
from heard.influence.models.verdicts import QUESTIONS, Verdict, VerdictChannel, VerdictLink
from heard.influence.verdict_forms import PublicVerdictForm

PER_ADDRESS_PER_HOUR = 20


def _link(token: str, *, active: bool = True) -> VerdictLink:
    links = VerdictLink.objects.select_related("project", "partner", "community", "recommendation").filter(token=token)
    link = links.filter(is_active=True).first() if active else links.first()
    if link is None:
        raise Http404("This link is no longer in use")
    return link


@login_not_required
def verdict_public(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    language = _language(request, link)
    with translation.override(languages.page_language(language)):
        return _verdict(request, link, language)


def _verdict(request: HttpRequest, link: VerdictLink, language: str) -> HttpResponse:
    picker = [(code, languages.endonym(code), languages.lang_attribute(code)) for code in _offered(link)]
    if request.method == "POST":
        if limits.reached("public-verdict", request, limit=PER_ADDRESS_PER_HOUR):
            return _render(request, "engagement/public_busy.html", {"link": link}, status=429)
        form = PublicVerdictForm(request.POST)
        if form.is_valid():
            verdict = Verdict(
                project=link.project,
                partner=link.partner,
                community=link.community,
                recommendation=link.recommendation,
                channel=VerdictChannel.ONLINE,
                language=language,
                given_on=timezone.localdate(),
                **form.answers(),
            )
            actions.record_verdict(actor=AnonymousUser(), verdict=verdict)
            limits.count("public-verdict", request, window=3600)
            return redirect(f"{link.get_absolute_url()}thanks/?lang={language}")
    else:
        form = PublicVerdictForm(initial={"started": PublicVerdictForm.fresh_start()})
    return _render(
        request,
        "influence/public_verdict.html",
        {"link": link, "form": form, "language": language, "languages": picker, "questions": QUESTIONS},
    )


@login_not_required
def verdict_thanks(request: HttpRequest, token: str) -> HttpResponse:
    """Thanks, what happens next, and the way on: the public "you said, we did" page for the resident's community
    (or the project's, when the link names no community), in the same language, once anything has been sent."""
    link = _link(token, active=False)
    language = _language(request, link)
    you_said = ""
    if yousaid.has_public_page(link.project):
        if link.community is not None:
            you_said = reverse("influence:you-said-community", args=[link.project.slug, link.community.slug])
        else:
            you_said = reverse("influence:you-said", args=[link.project.slug])
        you_said += f"?lang={language}"
    with translation.override(languages.page_language(language)):
        return _render(
            request,
            "influence/public_verdict_thanks.html",
            {"link": link, "language": language, "you_said_url": you_said},
        )
