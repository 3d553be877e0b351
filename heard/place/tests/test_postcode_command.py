from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("postcode", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_one_key_and_value_per_line():
    out, _ = run("n1 0aa")
    lines = out.splitlines()
    assert lines[0] == "postcode: N1 0AA"
    assert "ward_name: Caledonian" in lines
    assert "lsoa21_code: E01002715" in lines
    assert [line.split(":")[0] for line in lines] == [
        "postcode",
        "status",
        "precision",
        "lad_code",
        "lad_name",
        "ward_code",
        "ward_name",
        "lsoa11_code",
        "lsoa21_code",
        "imd2019_decile",
        "iod2025_decile",
        "lat",
        "long",
    ]


def test_it_prints_a_json_list_with_one_object_and_nulls_where_not_known():
    out, err = run("N7", "--format", "json")
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["precision"] == "district"
    assert data[0]["ward_code"] is None
    assert "district only" in err


def test_it_writes_the_result_to_a_file(tmp_path):
    path = tmp_path / "out.json"
    out, _ = run("E1 0AB", "--format", "json", "--output", str(path))
    assert out == ""
    assert json.loads(path.read_text())[0]["status"] == "terminated"


@pytest.mark.parametrize("postcode", ["ZZ9 9ZZ", "nonsense"])
def test_it_exits_1_for_an_unknown_postcode(postcode):
    with pytest.raises(CommandError) as error:
        run(postcode)
    assert error.value.returncode == 1
