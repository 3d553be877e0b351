"""Personal details with a shape: e-mail addresses, NHS numbers, UK phone numbers, dates of birth, full
postcodes and street addresses. Each finder yields spans in priority order (an earlier span wins an overlap)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from heard.lib.redaction.spans import Kind, Span

DIGIT: Final = re.compile(r"\d")
EMAIL: Final = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# Ten digits grouped 3-3-4 (or not at all), as NHS numbers are printed.
NHS: Final = re.compile(r"(?<![\w+])(\d{3})[ \-]?(\d{3})[ \-]?(\d{4})(?![\w])")
NHS_CONTEXT: Final = re.compile(r"\bNHS\s*(?:number|num|no\b|#)", re.IGNORECASE)
CONTEXT_WINDOW: Final = 60

# A UK number starts with +44, 0044, (+44), 0 or (0; separators may be spaces, dashes, dots or brackets.
PHONE: Final = re.compile(r"(?<![\w+])(?:\(?\+\s?44\)?|\(?0044\)?|\(?0)[\d \-.()]{7,22}\d(?![\w])")

MONTH: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY: Final = r"\d{1,2}(?:st|nd|rd|th)?"
DATE: Final = re.compile(
    rf"\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}\s?[/.\-]\s?(?:\d{{4}}|\d{{2}})(?!\d)"
    rf"|\d{{4}}[/.\-]\d{{1,2}}[/.\-]\d{{1,2}}(?!\d)"
    rf"|{DAY}(?:\s+of)?\s+{MONTH},?\s+\d{{4}}"
    rf"|{MONTH}\s+{DAY},?\s+\d{{4}}",
    re.IGNORECASE,
)
DOB_CONTEXT: Final = re.compile(
    r"\b(?:born|d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|birthday)", re.IGNORECASE
)
# Between the context and the date: only little words and punctuation ("born on the", "DOB is: ").
DOB_GAP: Final = re.compile(r"[\s:,\-–()]*(?:(?:is|was|on|the|=)[\s:,\-–]*)*", re.IGNORECASE)

# Outward code then inward code; Royal Mail never uses C, I, K, M, O or V in the unit letters.
POSTCODE: Final = re.compile(r"(?<![\w])([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][ABD-HJLNP-UW-Z]{2})(?![\w])", re.IGNORECASE)

STREET_SUFFIX: Final = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Grove|Close|Way|Place|Pl|Gardens|Gdns|Terrace|Square|Sq|Crescent"
    r"|Drive|Walk|Hill|Park|Row|Mews|Court|Ct|Estate|Green|Rise|Parade|Yard|Passage|Villas|Buildings|House"
    r"|Tower|Point|Lodge|Mansions|Vale|View|Wharf|Quay|Gate|Fields|Common|Path|Approach|Market|Broadway)"
)
_NAME_WORD: Final = r"(?:[A-Z][\w'’\-]*|of|the|de|la)"
ADDRESS: Final = re.compile(
    r"(?<![\w£$])"
    r"(?:(?:(?:Flat|Apartment|Apt|Unit|Room|Block)\s+\d{1,4}[A-Za-z]?,?\s+)(?:\d{1,3}[A-Za-z]?,?\s+)?"
    r"|\d{1,3}[A-Za-z]?(?:-\d{1,3})?,?\s+)"
    rf"(?:{_NAME_WORD}\s+){{0,3}}[A-Z][\w'’\-]*\s+(?i:{STREET_SUFFIX})"
    r"(?:\s+(?:North|South|East|West))?(?![\w])"
)


# After "address:" or "I live at", street names may be written in lower case ("7a st pauls road").
ADDRESS_CONTEXT: Final = re.compile(r"\b(?:address(?:\s+is)?|li(?:ve|ves|ving)\s+at|moved\s+to)\W{0,3}$", re.I)
LOOSE_ADDRESS: Final = re.compile(
    r"(?:(?:flat|apartment|apt|unit)\s+\d{1,4}[a-z]?,?\s+)?\d{1,3}[a-z]?(?:-\d{1,3})?,?\s+"
    rf"(?:[a-z][\w'’\-]*\s+){{1,3}}{STREET_SUFFIX}(?![\w])",
    re.IGNORECASE,
)


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number's mod-11 check: weights 10..2 on the first nine digits."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _near_nhs_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - CONTEXT_WINDOW) : start]
    after = text[end : end + CONTEXT_WINDOW]
    return bool(NHS_CONTEXT.search(before) or NHS_CONTEXT.search(after))


def find_nhs_numbers(text: str) -> Iterator[Span]:
    for match in NHS.finditer(text):
        digits = "".join(match.groups())
        valid = nhs_check_digit_ok(digits) and not digits.startswith("0")
        if valid or _near_nhs_context(text, match.start(), match.end()):
            yield Span(match.start(), match.end(), Kind.NHS_NUMBER, match.group())


def is_uk_phone(digits: str) -> bool:
    """Whether these digits (separators removed) make a UK phone number."""
    if digits.startswith("0044"):
        digits = digits[2:]
    if digits.startswith("44"):
        rest = digits[2:]
        if len(rest) == 11 and rest.startswith("0"):  # +44 (0)20 ...
            rest = rest[1:]
        return len(rest) == 10 and rest[0] in "123789"
    return digits.startswith("0") and len(digits) in (10, 11) and digits[1] in "123789"


def find_phones(text: str) -> Iterator[Span]:
    for match in PHONE.finditer(text):
        candidate = match.group()
        # Greedy matching may swallow a number that follows ("07700 900123 12"): drop trailing groups until valid.
        while candidate:
            if is_uk_phone(re.sub(r"\D", "", candidate)):
                start = match.start()
                yield Span(start, start + len(candidate), Kind.PHONE, candidate)
                break
            cut = max(candidate.rfind(" "), candidate.rfind("-"), candidate.rfind("."))
            candidate = candidate[:cut].rstrip(" -.(") if cut > 0 else ""


def find_emails(text: str) -> Iterator[Span]:
    for match in EMAIL.finditer(text):
        value = match.group().rstrip(".")
        yield Span(match.start(), match.start() + len(value), Kind.EMAIL, value)


def find_dates_of_birth(text: str) -> Iterator[Span]:
    for context in DOB_CONTEXT.finditer(text):
        gap = DOB_GAP.match(text, context.end())
        position = gap.end() if gap else context.end()
        date = DATE.match(text, position)
        if date:
            yield Span(date.start(), date.end(), Kind.DATE_OF_BIRTH, date.group())


# A full date with a four-digit year anywhere in a resident's words ("Anil, 21.07.1961, has diabetes").
FULL_DATE: Final = re.compile(rf"(?<![\w/.\-])(?:{DATE.pattern})(?![\w/])", re.IGNORECASE)
MONTH_NAMES: Final = "jan feb mar apr may jun jul aug sep oct nov dec"
MONTHS: Final = {m: i for i, m in enumerate(MONTH_NAMES.split(), start=1)}
# A full date at least this many years back is a date of birth wherever it stands: residents give their own;
# events they tell of ("came in 1998", "on 14 May 2026") are years alone or recent.
YEARS_BACK: Final = 16


def _real_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) when `text` (a DATE match) is a date that exists, either way round, else None."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    month_word = re.search(r"[A-Za-z]{3}", re.sub(r"(?i)(st|nd|rd|th|of)\b", "", text))
    if month_word:
        month = MONTHS.get(month_word.group().lower()[:3])
        if month is None or len(numbers) != 2:
            return None
        day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
        return (year, month, day) if 1 <= day <= 31 else None
    if len(numbers) != 3:
        return None
    if numbers[0] > 31:
        year, month, day = numbers
    else:
        day, month, year = numbers
        if month > 12:
            day, month = month, day  # 05/14/1979, written the American way
    if year < 100 or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year, month, day


def find_old_dates(text: str, this_year: int) -> Iterator[Span]:
    for match in FULL_DATE.finditer(text):
        found = _real_date(match.group())
        if found and 1900 <= found[0] <= this_year - YEARS_BACK:
            yield Span(match.start(), match.end(), Kind.DATE_OF_BIRTH, match.group())


# After a person's name, a date is theirs: "Ayaan Osman, 6/5/01", "Nasrin (07/02/1990)", "Lina: born 3/8/81".
AFTER_NAME_GAP: Final = re.compile(
    r"[ \t]*(?:[,(:\-–][ \t]*)?(?:(?:born|b\.|dob|d\.o\.b\.?)[ \t:]*)?(?:on[ \t]+)?(?:the[ \t]+)?", re.I
)


def find_dates_after(text: str, names: Iterable[Span]) -> Iterator[Span]:
    """Dates of birth given straight after a name, as people introduce themselves or are introduced."""
    for name in names:
        gap = AFTER_NAME_GAP.match(text, name.end)
        date = DATE.match(text, gap.end() if gap else name.end)
        if date and _real_date(date.group()):
            yield Span(date.start(), date.end(), Kind.DATE_OF_BIRTH, date.group())


def find_postcodes(text: str) -> Iterator[Span]:
    for match in POSTCODE.finditer(text):
        yield Span(match.start(), match.end(), Kind.POSTCODE, match.group())


def find_addresses(text: str) -> Iterator[Span]:
    for match in ADDRESS.finditer(text):
        yield Span(match.start(), match.end(), Kind.ADDRESS, match.group())
    for match in LOOSE_ADDRESS.finditer(text):
        if ADDRESS_CONTEXT.search(text[max(0, match.start() - 30) : match.start()]):
            yield Span(match.start(), match.end(), Kind.ADDRESS, match.group())


def find(text: str) -> Iterator[Span]:
    """Every shaped personal detail in `text`, highest priority first (overlaps are resolved by the caller)."""
    yield from find_emails(text)
    if DIGIT.search(text):
        yield from find_dates_of_birth(text)
        yield from find_nhs_numbers(text)
        yield from find_phones(text)
        yield from find_postcodes(text)
        yield from find_addresses(text)
