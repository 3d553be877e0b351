"""The demo project's questions in each of its written languages (Somali, Turkish, Kurdish (Kurmanji), Bengali,
Arabic and Polish), wholly translated: every question, hint for residents and answer to choose from, so that each
language is offered on the residents' form. Drafted by Heard's team in plain words; see docs/translations.md.
"NHS 111" is a service's name and a phone number, so it stays as it is. Ratings keep the digits 1 to 5 that the
form's buttons show."""

from __future__ import annotations

from typing import Any

# The demo host's contacts, which residents' privacy notice gives (fictional: 020 7946 0xxx is Ofcom's drama range).
HOST_CONTACTS = {
    "email": "privacy@two-boroughs-health-voice.example.org",
    "phone": "020 7946 0100",
    "address": "1 Example Yard, London",
    "privacy_contact": "Data protection officer, dpo@two-boroughs-health-voice.example.org, 020 7946 0101",
}

# What staff and partners read under a question on the record forms; residents never see it.
STAFF_NOTES = {"recent_experience": "In their own words and language."}

SERVICES = ("gp", "hospital", "pharmacy", "dentist", "mental_health", "social_care", "nhs_111")
INTERPRETER = ("yes", "no", "not_needed")


def _words(
    recent: str,
    better: str,
    services: str,
    services_hint: str,
    service_names: tuple[str, ...],
    listened: str,
    listened_hint: str,
    interpreter: str,
    interpreter_answers: tuple[str, ...],
) -> dict[str, dict[str, Any]]:
    return {
        "recent_experience": {"text": recent},
        "what_would_help": {"text": better},
        "services_used": {
            "text": services,
            "help_text": services_hint,
            "choices": dict(zip(SERVICES, service_names, strict=True)),
        },
        "felt_listened_to": {"text": listened, "help_text": listened_hint},
        "interpreter_offered": {
            "text": interpreter,
            "choices": dict(zip(INTERPRETER, interpreter_answers, strict=True)),
        },
    }


BY_LANGUAGE = {
    "so": _words(
        "Noo sheeg mar dhowaan aad isticmaashay adeeg caafimaad ama daryeel.",
        "Maxaa ka dhigi lahaa mid ka wanaagsan?",
        "Adeegyadee ayaad isticmaashay sannadkii la soo dhaafay?",
        "Dooro dhammaan kuwa ku habboon.",
        (
            "Rugta dhakhtarka guud (GP)",
            "Isbitaal",
            "Farmashiye",
            "Dhakhtarka ilkaha",
            "Adeegga caafimaadka maskaxda",
            "Daryeelka bulshada",
            "NHS 111",
        ),
        "Sidee bay shaqaaluhu kuu dhageysteen?",
        "1 waxay ka dhigan tahay haba yaraatee, 5 waxay ka dhigan tahay si aad u wanaagsan.",
        "Ma lagu siiyay turjubaan?",
        ("Haa", "Maya, laakiin waan u baahnaa", "Uma baahnayn"),
    ),
    "tr": _words(
        "Yakın zamanda bir sağlık ya da bakım hizmetini kullandığınız bir zamanı anlatın.",
        "Ne daha iyi olmasını sağlardı?",
        "Son bir yılda hangi hizmetleri kullandınız?",
        "Uygun olanların hepsini seçin.",
        ("Aile hekimi (GP)", "Hastane", "Eczane", "Diş hekimi", "Ruh sağlığı hizmeti", "Sosyal bakım", "NHS 111"),
        "Personel sizi ne kadar iyi dinledi?",
        "1 hiç dinlemedi, 5 çok iyi dinledi demektir.",
        "Size tercüman önerildi mi?",
        ("Evet", "Hayır, ama ihtiyacım vardı", "İhtiyacım yoktu"),
    ),
    "ku": _words(
        "Ji me re behsa demeke nêzîk bike ku te karûbarekî tenduristî an lênêrînê bi kar anî.",
        "Çi dikarîbû wê baştir bike?",
        "Di sala dawî de te kîjan karûbar bi kar anîn?",
        "Hemû yên ku bi te re têkildar in hilbijêre.",
        (
            "Bijîşkê malbatê (GP)",
            "Nexweşxane",
            "Dermanxane",
            "Bijîşkê diranan",
            "Karûbarê tenduristiya derûnî",
            "Lênêrîna civakî",
            "NHS 111",
        ),
        "Karmendan çiqas baş guh dan te?",
        "1 tê wateya qet, 5 tê wateya pir baş.",
        "Ji te re wergêr hat pêşniyarkirin?",
        ("Erê", "Na, lê pêwîstiya min pê hebû", "Pêwîstiya min pê tunebû"),
    ),
    "bn": _words(
        "সম্প্রতি আপনি কোনো স্বাস্থ্য বা সেবা পরিষেবা ব্যবহার করেছেন, এমন একটি সময়ের কথা আমাদের বলুন।",
        "কী হলে এটি আরও ভালো হতো?",
        "গত এক বছরে আপনি কোন কোন পরিষেবা ব্যবহার করেছেন?",
        "যতগুলো প্রযোজ্য, সবগুলো বেছে নিন।",
        (
            "জিপি সার্জারি (GP)",
            "হাসপাতাল",
            "ফার্মেসি",
            "দাঁতের ডাক্তার",
            "মানসিক স্বাস্থ্য পরিষেবা",
            "সামাজিক সেবা",
            "NHS 111",
        ),
        "কর্মীরা আপনার কথা কতটা মন দিয়ে শুনেছেন?",
        "1 মানে একেবারেই না, 5 মানে খুব ভালোভাবে।",
        "আপনাকে কি একজন দোভাষী দেওয়ার প্রস্তাব করা হয়েছিল?",
        ("হ্যাঁ", "না, কিন্তু আমার দরকার ছিল", "আমার দরকার ছিল না"),
    ),
    "ar": _words(
        "أخبرنا عن مرة استخدمت فيها مؤخرًا خدمة صحية أو خدمة رعاية.",
        "ما الذي كان سيجعلها أفضل؟",
        "ما الخدمات التي استخدمتها في السنة الماضية؟",
        "اختر كل ما ينطبق عليك.",
        (
            "عيادة الطبيب العام (GP)",
            "المستشفى",
            "الصيدلية",
            "طبيب الأسنان",
            "خدمة الصحة النفسية",
            "الرعاية الاجتماعية",
            "NHS 111",
        ),
        "إلى أي حد استمع إليك الموظفون؟",
        "1 تعني لم يستمعوا أبدًا، و5 تعني استمعوا جيدًا جدًا.",
        "هل عُرض عليك مترجم؟",
        ("نعم", "لا، لكنني كنت بحاجة إليه", "لم أكن بحاجة إليه"),
    ),
    "pl": _words(
        "Opowiedz nam o niedawnym korzystaniu z usług zdrowotnych lub opiekuńczych.",
        "Co mogłoby to poprawić?",
        "Z których usług zdarzyło Ci się skorzystać w ostatnim roku?",
        "Zaznacz wszystkie, które pasują.",
        (
            "Przychodnia lekarza rodzinnego (GP)",
            "Szpital",
            "Apteka",
            "Dentysta",
            "Pomoc w zakresie zdrowia psychicznego",
            "Opieka społeczna",
            "NHS 111",
        ),
        "Jak dobrze personel Cię wysłuchał?",
        "1 oznacza wcale, 5 oznacza bardzo dobrze.",
        "Czy zaproponowano Ci tłumacza?",
        ("Tak", "Nie, ale był mi potrzebny", "Nie był mi potrzebny"),
    ),
}


def translations(code: str) -> dict[str, dict[str, Any]]:
    """A demo question's `translations`: its words in every language the demo project offers."""
    return {language: words[code] for language, words in BY_LANGUAGE.items() if code in words}
