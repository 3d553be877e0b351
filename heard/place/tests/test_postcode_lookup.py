"""Known postcodes resolve to the right ward, LSOA and deprivation deciles (figures from the ONS/OS files)."""

from __future__ import annotations

import pytest

from heard.lib.postcodes import PostcodeError
from heard.place import lookup

pytestmark = pytest.mark.django_db

# postcode, lad, ward code, ward name, lsoa11, lsoa21, imd2019 decile, iod2025 decile
KNOWN = [
    ("N1 0AA", "E09000019", "E05013700", "Caledonian", "E01002715", "E01002715", 2, 2),
    ("E8 1DY", "E09000012", "E05009372", "Hackney Central", "E01001762", "E01001762", 3, 1),
    ("N7 0AA", "E09000019", "E05013713", "Tufnell Park", "E01002788", "E01002788", 6, 5),
    ("E1 0AA", "E09000030", "E05009332", "Shadwell", "E01004298", "E01004298", 2, 1),
]


@pytest.mark.parametrize(("postcode", "lad", "ward", "ward_name", "lsoa11", "lsoa21", "imd", "iod"), KNOWN)
def test_it_resolves_known_postcodes_to_their_ward_lsoa_and_deciles(
    postcode, lad, ward, ward_name, lsoa11, lsoa21, imd, iod
):
    place = lookup.lookup(postcode.lower().replace(" ", ""))
    assert (place.postcode, place.status, place.precision) == (postcode, "live", "full")
    assert (place.lad_code, place.ward_code, place.ward_name) == (lad, ward, ward_name)
    assert (place.lsoa11_code, place.lsoa21_code) == (lsoa11, lsoa21)
    assert (place.imd2019_decile, place.iod2025_decile) == (imd, iod)


def test_it_places_n1_0aa_where_ordnance_survey_does():
    place = lookup.lookup("N1 0AA")
    assert place.lad_name == "Islington"
    assert (place.lat, place.long) == (51.539442, -0.117873)


def test_it_still_resolves_a_terminated_postcode_without_coordinates():
    place = lookup.lookup("e1 0ab")
    assert place.status == "terminated"
    assert place.lad_code == "E09000030"
    assert place.lsoa11_code == "E01004305"
    assert place.imd2019_decile == 3
    assert place.lat is None and place.long is None


def test_it_resolves_a_district_approximately_to_its_main_local_authority():
    place = lookup.lookup("n7")
    assert place.precision == "district"
    assert place.lad_code == "E09000019"
    assert place.ward_code is None and place.lsoa21_code is None and place.iod2025_decile is None
    assert place.lat == pytest.approx(51.553, abs=0.01)
    assert place.lad_share is not None and place.lad_share > 0.9


def test_it_says_clearly_when_it_has_no_data_for_a_well_formed_postcode():
    with pytest.raises(lookup.PostcodeNotFound, match="no data for the postcode ZZ9 9ZZ"):
        lookup.lookup("zz99zz")


def test_it_says_clearly_when_the_text_is_not_a_postcode():
    with pytest.raises(PostcodeError, match="is not a UK postcode"):
        lookup.lookup("not a postcode")
    assert lookup.find("not a postcode") is None


def test_it_finds_a_postcode_a_user_imported():
    from heard.place.models import ImportedPostcode, PlaceDataset

    dataset = PlaceDataset.objects.create(kind="postcodes", name="Test")
    ImportedPostcode.objects.create(
        postcode="M1 1AE", lad_code="E08000003", lat=53.48, long=-2.24, iod2025_decile=3, dataset=dataset
    )
    place = lookup.lookup("m11ae")
    assert (place.lad_code, place.iod2025_decile, place.status) == ("E08000003", 3, "live")
    assert lookup.lookup("M1").lad_code == "E08000003"
