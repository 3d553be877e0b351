"""`heard redact --input FILE.csv --text-column COLUMN --output OUT.csv`: same rows, that column redacted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROWS = [
    ["id", "comment", "language"],
    ["1", "Dr Okafor rang me on 07700 900123, thank you.", "en"],
    ["2", "I waited 3 hours at the Whittington.", "en"],
    ["3", "My son Yusuf; postcode N7 6PA.", "so"],
    ["4", "", "en"],
]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("redact", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_the_same_rows_with_the_column_redacted(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS)
    target = tmp_path / "out.csv"
    out, err = run("--input", str(source), "--text-column", "comment", "--output", str(target))
    assert out == ""
    assert "2 of 4 rows" in err
    written = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert written == [
        ["id", "comment", "language"],
        ["1", "Dr [name] rang me on [phone], thank you.", "en"],
        ["2", "I waited 3 hours at the Whittington.", "en"],
        ["3", "My son [name]; postcode [postcode].", "so"],
        ["4", "", "en"],
    ]


def test_it_writes_to_stdout_without_output(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS)
    out, _ = run("--input", str(source), "--text-column", "comment")
    assert out.splitlines()[1] == '1,"Dr [name] rang me on [phone], thank you.",en'


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_it_reads_common_encodings_and_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    rows = [["naam", "comment"], ["Zoë", "Nurse Siobhán was kind, café on ward 12 – £5."]]
    source = write_csv(tmp_path / "in.csv", rows, encoding=encoding)
    out, _ = run("--input", str(source), "--text-column", "comment")
    assert out.lstrip("\ufeff").splitlines() == ["naam,comment", 'Zoë,"Nurse [name] was kind, café on ward 12 – £5."']


def test_it_keeps_a_semicolon_delimiter(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS, delimiter=";")
    out, _ = run("--input", str(source), "--text-column", "comment")
    assert out.splitlines()[0] == "id;comment;language"
    assert out.splitlines()[3] == '3;"My son [name]; postcode [postcode].";so'


def test_it_finds_the_column_whatever_its_case(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS, delimiter=";")
    out, _ = run("--input", str(source), "--text-column", "Comment")
    assert out.splitlines()[1] == "1;Dr [name] rang me on [phone], thank you.;en"


def test_it_names_the_existing_columns_when_the_column_is_missing(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", ROWS)
    with pytest.raises(CommandError, match=r"no column 'text'\. The columns are: 'id', 'comment', 'language'") as e:
        run("--input", str(source), "--text-column", "text")
    assert e.value.returncode == 1
    semicolons = write_csv(tmp_path / "semi.csv", ROWS, delimiter=";")
    with pytest.raises(CommandError, match=r"The columns are: 'id', 'comment', 'language'"):
        run("--input", str(semicolons), "--text-column", "text")


def test_it_fails_clearly_on_a_missing_or_empty_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.csv") as e:
        run("--input", str(tmp_path / "missing.csv"), "--text-column", "comment")
    assert e.value.returncode == 1
    (tmp_path / "empty.csv").write_text("  \n")
    with pytest.raises(CommandError, match="empty"):
        run("--input", str(tmp_path / "empty.csv"), "--text-column", "comment")
    with pytest.raises(CommandError, match="is a folder"):
        run("--input", str(tmp_path), "--text-column", "comment")
