from __future__ import annotations

import pytest

from heard.lib import postcodes


@pytest.mark.parametrize("written", ["n1 9ar", "N19AR", " N1  9AR ", "n1-9ar", "N1 9AR", "\tn19Ar\n"])
def test_it_writes_every_variant_of_a_full_postcode_the_standard_way(written):
    assert postcodes.normalise(written) == "N1 9AR"
    assert postcodes.parse(written).precision == postcodes.FULL


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ec1v2nx", "EC1V 2NX"),
        ("SW1A1AA", "SW1A 1AA"),
        ("w1t 1jy", "W1T 1JY"),
        ("E8 1DY", "E8 1DY"),
        ("n19 5ab", "N19 5AB"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_it_splits_the_inward_code_from_the_end(written, expected):
    assert postcodes.normalise(written) == expected


@pytest.mark.parametrize(("written", "expected"), [("n7", "N7"), (" EC1V ", "EC1V"), ("e8", "E8")])
def test_it_recognises_a_district_only_at_lower_precision(written, expected):
    postcode = postcodes.parse(written)
    assert postcode.text == expected
    assert postcode.precision == postcodes.DISTRICT
    assert not postcodes.is_valid(written)
    assert postcodes.is_valid(written, allow_district=True)


@pytest.mark.parametrize("written", ["", "   ", "hello", "N1 9A", "12345", "N1 9CI", "NNN1 9AR", "N1 9AR X"])
def test_it_rejects_what_is_not_a_postcode_with_a_clear_message(written):
    assert postcodes.normalise(written) is None
    with pytest.raises(postcodes.PostcodeError, match=r"postcode|No postcode"):
        postcodes.parse(written)


def test_it_gives_the_district_of_a_full_postcode():
    assert postcodes.district("n19ar") == "N1"
    assert postcodes.district("nonsense") is None
