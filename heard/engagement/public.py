"""Residents telling their story directly, from a partner's link or QR code, without an account.

Spam and abuse are kept out by a hidden field people never fill in, a minimum time on the page, and a limit on
how many contributions one address may send in an hour, whichever partner's link it uses (counted in the shared
cache, so every web process counts together; the address comes from heard.core.addresses).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heard.core import census_labels, languages, limits
from heard.core.forms import CHOOSE, GovukFormMixin
from heard.engagement import actions
from heard.engagement.forms import ExperienceForm
from heard.engagement.models import Channel, ConsentMethod, EntryLink, Experience, Question
from heard.lib import census, postcodes

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MIN_SECONDS_ON_PAGE = 3
PER_ADDRESS_PER_HOUR = 20
_SIGNER = signing.TimestampSigner(salt="heard.public-entry")


# What the resident sees when a field is wrong, in plain words and their language (Django's own messages exist in
# only some of the languages, and speak of "fields" and "values").
ERROR_MESSAGES = {
    "required": _("Please answer this."),
    "invalid_choice": _("Choose from the options given."),
    "invalid_list": _("Choose from the options given."),
    "max_length": _("Please make this shorter: %(limit_value)s characters at most (you wrote %(show_value)s)."),
    "null_characters_not_allowed": _("Something went wrong. Please try again."),
}


def _census_choices(choices: census.Choices, labels: Mapping[str, StrOrPromise]) -> list[tuple[str, StrOrPromise]]:
    return [("", CHOOSE), *census_labels.choices(choices, labels)]


def _in_english(text: str) -> str:
    return format_html('<span lang="en" dir="ltr">{}</span>', text)


class PublicEntryForm(GovukFormMixin, forms.Form):
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Missing or forged, it is caught in clean() with a message residents understand.
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    age_band = forms.ChoiceField(
        label=_("Your age"), required=False, choices=_census_choices(census.AGE_BANDS, census_labels.AGE_BANDS)
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=_census_choices(census.SEXES, census_labels.SEXES))
    ethnic_group = forms.ChoiceField(
        label=_("Ethnic group"),
        required=False,
        choices=_census_choices(census.ETHNIC_GROUPS_19, census_labels.ETHNIC_GROUPS_19),
    )
    disability = forms.ChoiceField(
        label=_("Disability"),
        required=False,
        choices=_census_choices(census.DISABILITY, census_labels.DISABILITY),
    )
    main_language = forms.ChoiceField(
        label=_("Your main language"),
        required=False,
        choices=_census_choices(census.LANGUAGES, census_labels.LANGUAGES),
    )
    postcode = forms.CharField(
        label=_("Your postcode"),
        required=False,
        max_length=20,
        help_text=_("Only the first part (like N7) is fine. It is never shown to anyone outside."),
    )
    consent_store = forms.BooleanField(
        label=_("I agree that Heard keeps what I said"),
        required=False,
        help_text=_("We cannot keep your story without this. You can ask us to delete it at any time."),
    )
    consent_quote = forms.BooleanField(label=_("You may quote my words (without my name)"), required=False)
    consent_contact = forms.BooleanField(label=_("You may contact me about this"), required=False)
    contact_details = forms.CharField(
        label=_("How to contact you"),
        required=False,
        max_length=300,
        help_text=_("A phone number or email. Only if you agreed to be contacted."),
    )

    def __init__(self, *args: Any, link: EntryLink, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.link = link
        self.question_fields: list[tuple[Question, str]] = []
        page_in_english = languages.page_language(language) == "en"
        for question in link.project.questions.filter(is_active=True):
            field = ExperienceForm._question_field(question)
            in_language = question.translations.get(language, {})
            field.label = question.text_in(language)
            field.help_text = in_language.get("help_text") or question.help_text
            if not in_language.get("text") and not page_in_english:
                # The project has not translated this question: say its English is English, so that screen
                # readers switch voice and a right-to-left page keeps its punctuation in place.
                field.label = _in_english(field.label)
                field.help_text = _in_english(field.help_text) if field.help_text else ""
            translated = in_language.get("choices", {})
            if translated and hasattr(field, "choices"):
                field.choices = [(code, translated.get(code, label)) for code, label in field.choices]
            name = f"q_{question.code}"
            self.fields[name] = field
            self.style_field(name, field)  # added after the mixin styled the form's own fields
            self.question_fields.append((question, name))
        order = [name for _question, name in self.question_fields]
        self.order_fields(order + [n for n in self.fields if n not in order])
        for field in self.fields.values():
            field.error_messages.update(ERROR_MESSAGES)
            if isinstance(field.widget, forms.TextInput | forms.Textarea):
                # Whatever the page's direction, what people type runs the way its own script does: Arabic
                # right to left on an English page, a phone number left to right on an Arabic one.
                field.widget.attrs["dir"] = "auto"

    def clean_postcode(self) -> str:
        raw: str = self.cleaned_data.get("postcode", "")
        if not raw.strip():
            return ""
        normal = postcodes.normalise(raw)  # a full postcode, or a district such as N7
        if normal is None:
            raise forms.ValidationError(_("Enter a UK postcode like N1 9AR, or just the first part like N1."))
        return normal

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("Something went wrong. Please try again."))
        try:
            started = float(_SIGNER.unsign(data.get("started", ""), max_age=86400))
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(_("This page is out of date. Please fill it in again.")) from None
        if time.time() - started < MIN_SECONDS_ON_PAGE:
            raise forms.ValidationError(_("That was very quick. Please check your answers and send again."))
        if not data.get("consent_store"):
            self.add_error("consent_store", _("Tick this box so that we can keep what you told us."))
        if data.get("contact_details") and not data.get("consent_contact"):
            self.add_error(
                "contact_details",
                format_lazy(_("Tick “{box}” too, or leave this empty."), box=self.fields["consent_contact"].label),
            )
        if not any(data.get(name) not in (None, "", []) for _question, name in self.question_fields):
            raise forms.ValidationError(_("Please tell us something in at least one answer."))
        return data

    def answers(self) -> dict[Question, Any]:
        return {question: self.cleaned_data.get(name) for question, name in self.question_fields}


def _language(request: HttpRequest, link: EntryLink) -> str:
    """The project language the resident chose (`?lang=`), or English."""
    wanted = request.GET.get("lang") or request.POST.get("lang") or "en"
    return wanted if wanted in _offered(link) else "en"


def _offered(link: EntryLink) -> list[str]:
    """The project's languages a resident can choose from, English always among them."""
    codes = [code for code in (link.project.languages or []) if code != languages.NOT_A_LANGUAGE]
    return codes if "en" in codes else ["en", *codes]


def _render(request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Content-Language"] = translation.get_language()
    return response


@login_not_required
def public_entry(request: HttpRequest, token: str) -> HttpResponse:
    link = (
        EntryLink.objects.select_related("project", "partner", "community").filter(token=token, is_active=True).first()
    )
    if link is None:
        raise Http404("This link is no longer in use")
    language = _language(request, link)
    # The page, its form and its messages are built and rendered in the resident's language; staff pages never are.
    with translation.override(languages.page_language(language)):
        return _entry(request, link, language)


def _entry(request: HttpRequest, link: EntryLink, language: str) -> HttpResponse:
    picker = [(code, languages.endonym(code), languages.lang_attribute(code)) for code in _offered(link)]
    if request.method == "POST":
        if limits.reached("public-entry", request, limit=PER_ADDRESS_PER_HOUR):
            return _render(request, "engagement/public_busy.html", {"link": link}, status=429)
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
            # Words not recognised as a language are taken to be in the language the page was shown in.
            actions.save_experience(
                actor=AnonymousUser(),  # type: ignore[arg-type]
                experience=experience,
                answers=form.answers(),
                language=language,
            )
            limits.count("public-entry", request, window=3600)
            return redirect(f"{link.get_absolute_url()}thanks/?lang={language}")
    else:
        form = PublicEntryForm(link=link, language=language, initial={"started": _SIGNER.sign(str(time.time()))})
    return _render(
        request,
        "engagement/public_entry.html",
        {"link": link, "form": form, "language": language, "languages": picker},
    )


@login_not_required
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = EntryLink.objects.select_related("partner", "project").filter(token=token).first()
    if link is None:
        raise Http404("This link is no longer in use")
    language = _language(request, link)
    with translation.override(languages.page_language(language)):
        return _render(request, "engagement/public_thanks.html", {"link": link, "language": language})
