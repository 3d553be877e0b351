"""A resident who chose their language on the public form reads the whole page in it, errors and thanks included;
host staff pages, exports and reports stay in English."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from heard.core import census_labels
from heard.core.testing import make_community, make_organisation, make_project, make_question, make_user
from heard.engagement import public
from heard.engagement.models import EntryLink, Experience
from heard.lib import census

PARTNER = "Somali Women's Wellbeing Circle"
PROJECT = "Diverse Communities Health Voice"
PARTNER_HTML = PARTNER.replace("'", "&#x27;")


@pytest.fixture
def link(db):
    cache.clear()
    partner = make_organisation(name=PARTNER)
    community = make_community(name="Somali-speaking residents")
    project = make_project(
        name=PROJECT,
        partners=[partner],
        communities=[community],
        languages=["en", "so", "tr", "ar", "pl", "zh", "bfi", "other"],
    )
    make_question(
        project=project,
        code="story",
        text="Tell us about a recent time you used a service.",
        help_text="In your own words.",
        translations={
            "so": {"text": "Noo sheeg mar dhowaan aad isticmaashay adeeg.", "help_text": "Erayadaada."},
            "tr": {
                "text": "Yakın zamanda bir hizmeti kullandığınız bir zamanı anlatın.",
                "help_text": "Kendi sözlerinizle.",
            },
            "ar": {"text": "أخبرنا عن آخر مرة استخدمت فيها خدمة.", "help_text": "بكلماتك أنت."},
            "pl": {"text": "Opowiedz nam o niedawnym korzystaniu z usługi.", "help_text": "Własnymi słowami."},
            "zh": {"text": "请告诉我们您最近一次使用服务的经历。", "help_text": "用您自己的话。"},
        },
    )
    return EntryLink.objects.create(project=project, partner=partner, community=community)


def _page(client, link, lang: str = "", **headers) -> str:
    url = link.get_absolute_url() + (f"?lang={lang}" if lang else "")
    return str(client.get(url, headers=headers).content.decode())


def _post(client, link, lang: str, monkeypatch, **data) -> str:
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    started = client.get(link.get_absolute_url()).context["form"].initial["started"]
    fields = {"started": started, "website": "", "q_story": "Waited three weeks", "lang": lang, **data}
    response = client.post(link.get_absolute_url(), {k: v for k, v in fields.items() if v is not None})
    return str(response.content.decode())


@pytest.mark.parametrize(
    ("lang", "heading", "label", "choice", "button", "direction"),
    [
        ("so", "Noo sheeg waxa dhacay", "Da&#x27;daada", "Madow, Madow Ingiriis ah", ">Dir</button>", "ltr"),
        ("tr", "Bize ne olduğunu anlatın", "Yaşınız", "Siyahi, Siyahi İngiliz", ">Gönder</button>", "ltr"),
        ("ar", "أخبرنا بما حدث", "عمرك", "أسود، أسود بريطاني", ">إرسال</button>", "rtl"),
        (
            "pl",
            "Opowiedz nam, co się stało",
            "Twój wiek",
            "Czarnoskóre, czarnoskóre brytyjskie",
            ">Wyślij</button>",
            "ltr",
        ),
    ],
)
def test_the_form_is_in_the_language_the_resident_chose(client, link, lang, heading, label, choice, button, direction):
    html = _page(client, link, lang)
    assert f'<html lang="{lang}" dir="{direction}"' in html
    assert f"<title>{heading} – {PARTNER_HTML}</title>" in html
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert label in html and choice in html and button in html
    assert "Tell us what happened" not in html and "Your age" not in html


def test_the_page_has_no_english_left_in_it_errors_included(client, link, monkeypatch):
    english = _texts(_post(client, link, "en", monkeypatch, q_story="", contact_details="07700 900123"))
    somali = _texts(_post(client, link, "so", monkeypatch, q_story="", contact_details="07700 900123"))
    # Names, the resident's own words and the language picker (each language in its own name) are the same in both.
    same = {PARTNER, PROJECT, "07700 900123", f"{PARTNER} link", "–", ":"}
    left_in_english = {text for text in english & somali if text not in same and not re.fullmatch(r"[\W\d]+", text)}
    assert {"There is a problem", "Choose", "Send"} <= english
    assert left_in_english == set()


def test_validation_errors_come_back_in_the_residents_language(client, link, monkeypatch):
    html = _post(client, link, "so", monkeypatch, postcode="nowhere")
    assert "Dhibaato ayaa jirta" in html  # There is a problem
    assert "Calaamadee sanduuqan si aan u hayno waxa aad noo sheegtay." in html  # tick to keep what you told us
    assert "Geli koodh boosto UK ah sida N1 9AR" in html
    assert '<span class="govuk-visually-hidden">Khalad:</span>' in html
    assert "Waited three weeks" in html
    arabic = _post(client, link, "ar", monkeypatch, contact_details="x@example.org")
    assert "ضع علامة على «يمكنكم التواصل معي بخصوص هذا» أيضًا، أو اترك هذا فارغًا." in arabic
    turkish = _post(client, link, "tr", monkeypatch, postcode="N7" * 20, consent_store="on")
    assert "Lütfen bunu kısaltın: en fazla 20 karakter (siz 40 karakter yazdınız)." in turkish
    assert not Experience.objects.exists()


def test_the_thanks_and_busy_pages_are_in_the_residents_language(client, link, monkeypatch):
    thanks = client.get(link.get_absolute_url() + "thanks/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in thanks
    assert "شكرًا لك" in thanks and f"إذا غيّرت رأيك، أخبر <bdi>{PARTNER_HTML}</bdi> أو" in thanks
    monkeypatch.setattr(public, "PER_ADDRESS_PER_HOUR", 0)
    busy = client.post(link.get_absolute_url(), {"lang": "tr"})
    assert busy.status_code == 429
    assert busy["Content-Language"] == "tr"
    assert "Lütfen daha sonra tekrar deneyin" in busy.content.decode()


def test_a_resident_who_sends_in_turkish_is_thanked_in_turkish(client, link, monkeypatch):
    monkeypatch.setattr(public, "MIN_SECONDS_ON_PAGE", 0)
    started = client.get(link.get_absolute_url()).context["form"].initial["started"]
    data = {"started": started, "q_story": "Üç hafta bekledim", "consent_store": "on", "lang": "tr"}
    response = client.post(link.get_absolute_url(), {**data, "ethnic_group": "white_other"})
    assert response.status_code == 302
    assert "Teşekkürler" in client.get(response["Location"]).content.decode()
    assert Experience.objects.get().ethnic_group == "white_other"


def test_the_language_picker_names_each_language_in_itself(client, link):
    html = _page(client, link, "so")
    assert '<strong lang="so">Soomaali</strong>' in html
    for lang, name in [("en", "English"), ("tr", "Türkçe"), ("ar", "العربيّة"), ("pl", "Polski"), ("zh", "简体中文")]:
        assert f'hreflang="{"zh-hans" if lang == "zh" else lang}">{name}</a>' in html
    assert 'lang="en" hreflang="en">British Sign Language (BSL)</a>' in html
    assert "?lang=other" not in html


def test_each_question_is_in_the_chosen_language_with_its_hint(client, link):
    somali = _page(client, link, "so")
    assert "Noo sheeg mar dhowaan aad isticmaashay adeeg." in somali and "Erayadaada." in somali
    assert '<span lang="en"' not in somali
    assert "Tell us about a recent time" not in somali and "In your own words." not in somali
    assert '<span lang="en"' not in _page(client, link, "en")


def test_chinese_is_shown_in_simplified_characters(client, link):
    html = _page(client, link, "zh")
    assert '<html lang="zh-hans" dir="ltr"' in html
    assert "请告诉我们发生了什么" in html


def test_british_sign_language_keeps_the_page_in_english_and_says_so(client, link):
    html = _page(client, link, "bfi")
    assert '<html lang="en" dir="ltr"' in html
    assert "Tell us what happened" in html
    assert f"If you would like to tell us in British Sign Language (BSL), {PARTNER_HTML} can help." in html


def test_an_unknown_or_uncatalogued_language_falls_back_to_english(client, link, settings, tmp_path):
    for lang in ("xx", "fr", "other", "<script>"):
        html = _page(client, link, lang)
        assert '<html lang="en" dir="ltr"' in html and "Tell us what happened" in html
    settings.LOCALE_PATHS = [tmp_path]  # as if Somali had no catalogue
    html = _page(client, link, "so")
    assert '<html lang="en" dir="ltr"' in html and "Tell us what happened" in html
    # Somali is no longer offered (its page would be English around Somali questions): the form is wholly English.
    assert "Tell us about a recent time you used a service." in html and "Noo sheeg" not in html
    assert "?lang=so" not in html


def test_staff_pages_stay_in_english_after_a_residents_page_and_whatever_the_browser_asks(client, link):
    _page(client, link, "so", accept_language="so")
    client.force_login(make_user())
    for accept in ("so", "pl", "ar"):
        html = client.get(f"/projects/{link.project.slug}/records/new/", headers={"accept-language": accept})
        text = html.content.decode()
        assert '<html lang="en-GB"' in text
        assert ">Choose</option>" in text and "Asian, Asian British or Asian Welsh: Bangladeshi" in text
        posted = client.post(
            f"/projects/{link.project.slug}/records/new/", {"postcode": "x"}, headers={"accept-language": accept}
        )
        assert "There is a problem" in posted.content.decode()
        # Django's required message, in English and made into what to do (the error summary's `what_to_do`)
        assert re.search(r"(Enter|Choose|Tick) “[A-Z]", posted.content.decode())
    assert translation.get_language() == "en-gb"


def test_exports_keep_the_english_census_labels_after_residents_answered_in_somali(client, link, monkeypatch, capsys):
    data = {"q_story": "Dhakhtarku ima dhageysan", "consent_store": "on", "ethnic_group": "black_african"}
    _post(client, link, "so", monkeypatch, **data, disability="disabled_a_lot", main_language="so")
    assert Experience.objects.get().ethnic_group == "black_african"
    call_command("export", "--project", link.project.slug, "--format", "csv")
    exported = capsys.readouterr().out
    assert "Black, Black British, Black Welsh, Caribbean or African: African" in exported
    assert "Disabled under the Equality Act: Day-to-day activities limited a lot" in exported
    assert "Madow" not in exported and "Af-Soomaali" not in exported


def test_the_translatable_census_labels_are_the_census_labels_word_for_word():
    with translation.override("en"):
        for choices, labels in census_labels.TRANSLATED:
            assert {code: str(label) for code, label in labels.items()} == dict(choices)
        assert str(census_labels.PREFER_NOT_TO_SAY) == census.PREFER_NOT_TO_SAY_LABEL
    with translation.override("so"):
        assert str(census_labels.SEXES["female"]) == "Dheddig"
        assert census.label(census.SEXES, "female") == "Female"


class _Text(HTMLParser):
    """The words a person sees or hears on a page: text, and alt/aria-label/placeholder/title attributes, outside
    the language picker and the hidden spam trap."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        starts_skipping = tag == "nav" or "heard-hidden" in (values.get("class") or "")
        if starts_skipping or (self._skip and tag == self._skip[-1]):
            self._skip.append(tag)  # nested tags of the same name inside a skipped part
        for name in ("alt", "aria-label", "placeholder", "title"):
            if values.get(name) and not self._skip:
                self.texts.add(str(values[name]).strip())

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            for part in re.split(r"\s*(?:–)\s*|\n", data):
                if part.strip():
                    self.texts.add(part.strip())


def _texts(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    return parser.texts
