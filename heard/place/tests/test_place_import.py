"""`heard place-import` checks the whole file, writes all or nothing, and records what was loaded."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from heard.core.models import AuditEvent
from heard.place import lookup, population
from heard.place.models import ImportedCount, ImportedPostcode, PlaceDataset

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("place-import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_loads_a_postcode_file_and_records_the_dataset(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "manchester.csv"
    path.write_text(
        "postcode,lat,long,lad_code,ward_code,lsoa21_code,iod2025_decile\n"
        "m1 1ae,53.4808,-2.2426,E08000003,E05011368,E01033658,2\n"
        "M11AF,53.481,-2.243,E08000003,E05011368,E01033658,2\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        out, _ = run(
            "postcodes", str(path), "--source", "Test extract", "--published-on", "2026-02-01", "--format", "json"
        )
    assert len(callbacks) == 1  # the lookup cache is cleared once the data is committed
    row = json.loads(out)[0]
    assert (row["kind"], row["rows"], row["published_on"]) == ("postcodes", 2, "2026-02-01")
    dataset = PlaceDataset.objects.get()
    assert "Open Government Licence" in dataset.attribution
    assert AuditEvent.objects.filter(verb="imported", target_id=str(dataset.pk)).count() == 1
    assert lookup.lookup("M1 1AE").iod2025_decile == 2


def test_it_reads_the_ons_postcode_directory_columns(tmp_path):
    path = tmp_path / "onspd.csv"
    path.write_text(
        "pcd,pcds,doterm,oslaua,osward,lsoa11,lsoa21,lat,long\n"
        "LS1 1AA,LS1 1AA,,E08000035,E05011416,E01033015,E01033015,53.79,-1.54\n"
        "LS1 1AB,LS1 1AB,200012,E08000035,E05011416,E01033015,E01033015,99.999999,0.000000\n",
        encoding="utf-8",
    )
    run("postcodes", str(path))
    live, terminated = ImportedPostcode.objects.order_by("postcode")
    assert (live.status, live.lad_code, live.lat) == ("L", "E08000035", 53.79)
    assert (terminated.status, terminated.lat) == ("T", None)


def test_it_loads_nothing_and_names_row_and_column_when_a_row_is_wrong(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("postcode,iod2025_decile\nM1 1AE,2\nnot one,3\nM1 1AF,11\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("postcodes", str(path))
    assert error.value.returncode == 1
    message = str(error.value)
    assert "bad.csv, row 3, column postcode" in message
    assert "bad.csv, row 4, column iod2025_decile: '11' is not a decile" in message
    assert not ImportedPostcode.objects.exists() and not PlaceDataset.objects.exists()


def test_it_loads_a_census_table_with_ons_labels_for_a_new_area(tmp_path):
    path = tmp_path / "ts021.csv"
    path.write_text(
        "ltla21_code,high_level_group,ethnic_group,count\n"
        'E08000003,White,"White: English, Welsh, Scottish, Northern Irish or British",300000\n'
        'E08000003,"Black, Black British, Black Welsh, Caribbean or African",'
        '"Black, Black British, Black Welsh, Caribbean or African: African",40000\n',
        encoding="utf-8",
    )
    run("census", str(path))
    assert ImportedCount.objects.count() == 2
    profile = population.profile("E08000003")
    assert profile["ethnic_group"]["black_african"] == 40_000
    assert profile["ethnic_group_5"] == {"white": 300_000, "black": 40_000}


def test_it_rejects_a_census_label_it_does_not_know(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("area_code,category,count\nE08000003,Martians,12\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"row 2, column category: 'Martians' is not a Census 2021 category"):
        run("census", str(path))


def test_it_loads_deprivation_and_ward_boundaries(tmp_path):
    iod = tmp_path / "iod.csv"
    iod.write_text("lsoa21_code,IMD_decile,IMD_rank,ltla24_code\nE01033658,2,4000,E08000003\n", encoding="utf-8")
    run("deprivation", str(iod))
    geo = tmp_path / "wards.geojson"
    geo.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"WD25CD": "E05011368", "WD25NM": "Piccadilly", "LAD25CD": "E08000003"},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[-2.24, 53.48], [-2.23, 53.48], [-2.23, 53.49], [-2.24, 53.48]]],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    out, _ = run("boundaries", str(geo), "--format", "csv")
    assert out.splitlines()[0].startswith("id,kind,name")
    assert set(PlaceDataset.objects.values_list("kind", flat=True)) == {"deprivation", "boundaries"}


def test_it_says_when_the_file_is_missing():
    with pytest.raises(CommandError, match="no such file"):
        run("postcodes", "/nonexistent/file.csv")
