"""Residents telling their story directly, from a partner's link or QR code, without an account.

Spam and abuse are kept out by a hidden field people never fill in, a minimum time on the page, and a limit on
how many contributions one address may send through one link in an hour.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from heard.core.forms import GovukFormMixin
from heard.engagement import actions
from heard.engagement.forms import ExperienceForm
from heard.engagement.models import Channel, ConsentMethod, EntryLink, Experience, Question
from heard.lib import census

MIN_SECONDS_ON_PAGE = 3
PER_ADDRESS_PER_HOUR = 20
_SIGNER = signing.TimestampSigner(salt="heard.public-entry")


class PublicEntryForm(GovukFormMixin, forms.Form):
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)
    age_band = forms.ChoiceField(
        label="Your age", required=False, choices=[("", "Choose"), *census.with_prefer_not_to_say(census.AGE_BANDS)]
    )
    sex = forms.ChoiceField(
        label="Sex", required=False, choices=[("", "Choose"), *census.with_prefer_not_to_say(census.SEXES)]
    )
    ethnic_group = forms.ChoiceField(
        label="Ethnic group",
        required=False,
        choices=[("", "Choose"), *census.with_prefer_not_to_say(census.ETHNIC_GROUPS_19)],
    )
    disability = forms.ChoiceField(
        label="Disability", required=False, choices=[("", "Choose"), *census.with_prefer_not_to_say(census.DISABILITY)]
    )
    main_language = forms.ChoiceField(
        label="Your main language",
        required=False,
        choices=[("", "Choose"), *census.with_prefer_not_to_say(census.LANGUAGES)],
    )
    postcode = forms.CharField(
        label="Your postcode",
        required=False,
        max_length=20,
        help_text="Only the first part (like N7) is fine. It is never shown to anyone outside.",
    )
    consent_store = forms.BooleanField(
        label="I agree that Heard keeps what I said",
        required=False,
        help_text="We cannot keep your story without this. You can ask us to delete it at any time.",
    )
    consent_quote = forms.BooleanField(label="You may quote my words (without my name)", required=False)
    consent_contact = forms.BooleanField(label="You may contact me about this", required=False)
    contact_details = forms.CharField(
        label="How to contact you",
        required=False,
        max_length=300,
        help_text="A phone number or email. Only if you agreed to be contacted.",
    )

    def __init__(self, *args: Any, link: EntryLink, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.link = link
        self.question_fields: list[tuple[Question, str]] = []
        for question in link.project.questions.filter(is_active=True):
            field = ExperienceForm._question_field(question)
            field.label = question.text_in(language)
            translated = question.translations.get(language, {}).get("choices", {})
            if translated and hasattr(field, "choices"):
                field.choices = [(code, translated.get(code, label)) for code, label in field.choices]
            name = f"q_{question.code}"
            self.fields[name] = field
            self.style_field(name, field)  # added after the mixin styled the form's own fields
            self.question_fields.append((question, name))
        order = [name for _, name in self.question_fields]
        self.order_fields(order + [n for n in self.fields if n not in order])

    def clean_postcode(self) -> str:
        return ExperienceForm.clean_postcode(self)  # type: ignore[arg-type]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError("Something went wrong. Please try again.")
        try:
            started = float(_SIGNER.unsign(data.get("started", ""), max_age=86400))
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError("This page is out of date. Please fill it in again.") from None
        if time.time() - started < MIN_SECONDS_ON_PAGE:
            raise forms.ValidationError("That was very quick. Please check your answers and send again.")
        if not data.get("consent_store"):
            self.add_error("consent_store", "Tick this box so that we can keep what you told us.")
        if data.get("contact_details") and not data.get("consent_contact"):
            self.add_error("contact_details", "Tick “You may contact me” too, or leave this empty.")
        if not any(data.get(name) not in (None, "", []) for _, name in self.question_fields):
            raise forms.ValidationError("Please tell us something in at least one answer.")
        return data

    def answers(self) -> dict[Question, Any]:
        return {question: self.cleaned_data.get(name) for question, name in self.question_fields}


def _language(request: HttpRequest, link: EntryLink) -> str:
    wanted = request.GET.get("lang") or request.POST.get("lang") or "en"
    return wanted if wanted in (link.project.languages or ["en"]) or wanted == "en" else "en"


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


@login_not_required
def public_entry(request: HttpRequest, token: str) -> HttpResponse:
    link = (
        EntryLink.objects.select_related("project", "partner", "community").filter(token=token, is_active=True).first()
    )
    if link is None:
        raise Http404("This link is no longer in use")
    language = _language(request, link)
    languages = [(code, census.label(census.LANGUAGES, code)) for code in (link.project.languages or ["en"])]
    if request.method == "POST":
        key = f"heard:public-entry:{link.pk}:{_address(request)}"
        sent = cache.get(key, 0)
        if sent >= PER_ADDRESS_PER_HOUR:
            return render(request, "engagement/public_busy.html", {"link": link}, status=429)
        form = PublicEntryForm(request.POST, link=link, language=language)
        if form.is_valid():
            data = form.cleaned_data
            experience = Experience(
                project=link.project,
                partner=link.partner,
                community=link.community,
                channel=Channel.ONLINE,
                collected_on=timezone.localdate(),
                consent_method=ConsentMethod.ONLINE,
                consent_given_on=timezone.localdate(),
                consent_recorded_by="The resident, online",
                **{
                    k: data[k]
                    for k in (
                        "age_band",
                        "sex",
                        "ethnic_group",
                        "disability",
                        "main_language",
                        "postcode",
                        "consent_store",
                        "consent_quote",
                        "consent_contact",
                    )
                },
                contact_details=data["contact_details"] if data["consent_contact"] else "",
            )
            actions.save_experience(actor=AnonymousUser(), experience=experience, answers=form.answers())  # type: ignore[arg-type]
            # Words not recognised as a language are taken to be in the language the page was shown in.
            experience.answers.filter(question__kind="free_text", language="").exclude(text="").update(
                language=language, language_detected=True
            )
            cache.set(key, sent + 1, 3600)
            return redirect(f"{link.get_absolute_url()}thanks/?lang={language}")
    else:
        form = PublicEntryForm(link=link, language=language, initial={"started": _SIGNER.sign(str(time.time()))})
    return render(
        request,
        "engagement/public_entry.html",
        {"link": link, "form": form, "language": language, "languages": languages},
    )


@login_not_required
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = EntryLink.objects.select_related("partner", "project").filter(token=token).first()
    if link is None:
        raise Http404("This link is no longer in use")
    return render(request, "engagement/public_thanks.html", {"link": link})
