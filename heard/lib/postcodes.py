"""UK postcodes as people write them: normalise ("n1 9ar", "N19AR", " N1  9AR " -> "N1 9AR") and validate.

A full postcode is an outward code (area and district, "N1", "EC1V", "SW1A") and an inward code (sector digit
and unit letters, "9AR"). People often give the district only ("N7"): that is accepted at lower precision.
Pure functions, no Django, no data: whether a postcode exists is `heard.place.lookup`'s question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

FULL: Final = "full"
DISTRICT: Final = "district"
Precision = Literal["full", "district"]

# Outward code: 1-2 area letters, a district digit, then an optional digit or letter (EC1V, SW1A, W1T, N19).
_OUTWARD: Final = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
# Inward code: sector digit and two unit letters; Royal Mail never uses C, I, K, M, O or V in the unit.
_INWARD: Final = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_RE: Final = re.compile(rf"^({_OUTWARD})({_INWARD})$")
_DISTRICT_RE: Final = re.compile(rf"^{_OUTWARD}$")
_SPECIAL: Final = {"GIR0AA": "GIR 0AA"}  # the one historic exception to the pattern (Girobank)
_NOISE_RE: Final = re.compile(r"[\s\-.,_/]+")


class PostcodeError(ValueError):
    """Raised with a message a person can act on."""


@dataclass(frozen=True, slots=True)
class Postcode:
    text: str  # "N1 9AR" or "N7"
    precision: Precision

    @property
    def district(self) -> str:
        """The outward code ("N1" for "N1 9AR")."""
        return self.text.split(" ", 1)[0]

    @property
    def is_full(self) -> bool:
        return self.precision == FULL


def _compact(value: str) -> str:
    return _NOISE_RE.sub("", value or "").upper()


def parse(value: str) -> Postcode:
    """The postcode in its standard form, or PostcodeError saying what is wrong."""
    compact = _compact(value)
    if not compact:
        raise PostcodeError("No postcode given.")
    if compact in _SPECIAL:
        return Postcode(_SPECIAL[compact], FULL)
    match = _FULL_RE.match(compact)
    if match:
        return Postcode(f"{match.group(1)} {match.group(2)}", FULL)
    if _DISTRICT_RE.match(compact):
        return Postcode(compact, DISTRICT)
    raise PostcodeError(
        f"{value.strip()!r} is not a UK postcode. Write it like N1 9AR (or the first part only, like N7)."
    )


def normalise(value: str) -> str | None:
    """ "N1 9AR" for any way of writing a full postcode, "N7" for a district, None when it is not a postcode."""
    try:
        return parse(value).text
    except PostcodeError:
        return None


def is_valid(value: str, *, allow_district: bool = False) -> bool:
    try:
        postcode = parse(value)
    except PostcodeError:
        return False
    return postcode.is_full or allow_district


def district(value: str) -> str | None:
    """The outward code of a full postcode or district ("n19ar" -> "N1"), None when not a postcode."""
    try:
        return parse(value).district
    except PostcodeError:
        return None
