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
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heard.core import census_labels, languages, limits
from heard.core.forms import CHOOSE, GovukFormMixin
from heard.engagement import actions, translations
from heard.engagement.forms import ExperienceForm
from heard.engagement.models import Channel, ConsentMethod, EntryLink, Experience, Question
from heard.lib import census, postcodes
from heard.partners.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MIN_SECONDS_ON_PAGE = 3
PER_ADDRESS_PER_HOUR = 20
_SIGNER = signing.TimestampSigner(salt="heard.public-entry")
_RECEIPT_SIGNER = signing.Signer(salt="heard.public-receipt")


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
        label=_("I agree that {host} keeps what I said"),  # the host's name is put in by __init__
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

    def __init__(
        self, *args: Any, link: EntryLink, language: str, host: str, questions: list[Question], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.link = link
        self.question_fields: list[tuple[Question, str]] = []
        self.fields["consent_store"].label = format_lazy(_("I agree that {host} keeps what I said"), host=host)
        page_in_english = languages.page_language(language) == "en"
        for question in questions:
            field = ExperienceForm._question_field(question)
            in_language = question.translations.get(language, {}) if not page_in_english else {}
            field.label = question.text_in(language) if not page_in_english else question.text
            # The resident's hint only: a question's help for staff (staff_help_text) is never shown here.
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
        self._check_answers(data)
        # Only a form that would otherwise be saved is refused for speed: an empty or wrong form shows what is
        # wrong with it, and a form shown again with its errors keeps the time it was first opened.
        if not self.errors and time.time() - started < MIN_SECONDS_ON_PAGE:
            raise forms.ValidationError(_("That was very quick. Please check your answers and send again."))
        return data

    def _check_answers(self, data: dict[str, Any]) -> None:
        if not data.get("consent_store"):
            self.add_error("consent_store", _("Tick this box so that we can keep what you told us."))
        if data.get("contact_details") and not data.get("consent_contact"):
            self.add_error(
                "contact_details",
                format_lazy(_("Tick “{box}” too, or leave this empty."), box=self.fields["consent_contact"].label),
            )
        if not any(data.get(name) not in (None, "", []) for _question, name in self.question_fields):
            self.add_error(None, _("Please tell us something in at least one answer."))

    def answers(self) -> dict[Question, Any]:
        return {question: self.cleaned_data.get(name) for question, name in self.question_fields}


def _language(request: HttpRequest, offered: list[str] | Any) -> str:
    """The language the resident chose (`?lang=`) among those offered (or, given a link, among `_offered`'s), or
    English: on the residents' form a language the project's questions are not wholly translated into is not
    offered, so a link asking for it shows English."""
    codes = offered if isinstance(offered, list) else _offered(offered)
    wanted = request.GET.get("lang") or request.POST.get("lang") or "en"
    return wanted if wanted in codes else "en"


def _offered(link: Any) -> list[str]:
    """All the project's written languages, English first: for residents' pages whose words are all Heard's own
    (the residents' verdicts). The residents' form offers only `translations.offered`."""
    codes = [code for code in (link.project.languages or []) if code != languages.NOT_A_LANGUAGE]
    return codes if "en" in codes else ["en", *codes]


def host_name(link: Any) -> str:
    """Whom residents' words go to: the host organisation's name (the partner's, if Heard has no host yet)."""
    host = Organisation.objects.host()
    return host.name if host is not None else link.partner.name


def receipt_for_thanks(receipt: str) -> str:
    return _RECEIPT_SIGNER.sign(receipt)


def receipt_from_thanks(signed: str) -> str:
    try:
        return _RECEIPT_SIGNER.unsign(signed)
    except signing.BadSignature:
        return ""


def _render(request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    link = context.get("link")
    if link is not None:  # every residents' page names the host, and a link's pages link to the privacy notice
        context.setdefault("host", host_name(link))
        # Names set apart (<bdi>) inside sentences, so that an English name keeps its place on a right-to-left page.
        context["names"] = {
            "host": format_html("<bdi>{}</bdi>", context["host"]),
            "partner": format_html("<bdi>{}</bdi>", link.partner.name),
            "project": format_html("<bdi>{}</bdi>", link.project.name),
        }
        if isinstance(link, EntryLink):
            notice = reverse("engagement:public-privacy", args=[link.token])
            context.setdefault("privacy_url", f"{notice}?lang={context.get('language', 'en')}")
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
    questions = list(link.project.questions.filter(is_active=True))
    offered = translations.offered(link.project, questions)
    language = _language(request, offered)
    # The page, its form and its messages are built and rendered in the resident's language; staff pages never are.
    with translation.override(languages.page_language(language)):
        return _entry(request, link, language, offered, questions)


def _entry(
    request: HttpRequest, link: EntryLink, language: str, offered: list[str], questions: list[Question]
) -> HttpResponse:
    picker = [(code, languages.endonym(code), languages.lang_attribute(code)) for code in offered]
    host = host_name(link)
    context = {"link": link, "language": language, "languages": picker, "host": host}
    if request.method == "POST":
        if limits.reached("public-entry", request, limit=PER_ADDRESS_PER_HOUR):
            return _render(request, "engagement/public_busy.html", context, status=429)
        form = PublicEntryForm(request.POST, link=link, language=language, host=host, questions=questions)
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
                receipt=actions.unused_receipt(),
            )
            # Words not recognised as a language are taken to be in the language the page was shown in.
            actions.save_experience(
                actor=AnonymousUser(),  # type: ignore[arg-type]
                experience=experience,
                answers=form.answers(),
                language=language,
            )
            limits.count("public-entry", request, window=3600)
            signed = receipt_for_thanks(experience.receipt or "")
            return redirect(f"{link.get_absolute_url()}thanks/?lang={language}&r={signed}")
    else:
        form = PublicEntryForm(
            link=link,
            language=language,
            host=host,
            questions=questions,
            initial={"started": _SIGNER.sign(str(time.time()))},
        )
    return _render(request, "engagement/public_entry.html", {**context, "form": form})


@login_not_required
def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = EntryLink.objects.select_related("partner", "project").filter(token=token).first()
    if link is None:
        raise Http404("This link is no longer in use")
    language = _language(request, translations.offered(link.project))
    receipt = receipt_from_thanks(request.GET.get("r", ""))
    context = {
        "link": link,
        "language": language,
        "host": host_name(link),
        "receipt": receipt,
        "signed_receipt": request.GET.get("r", "") if receipt else "",
    }
    with translation.override(languages.page_language(language)):
        return _render(request, "engagement/public_thanks.html", context)
