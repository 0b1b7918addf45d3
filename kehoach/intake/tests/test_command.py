"""``kehoach extract_targets FILE [--format json|table]``: output shapes and exit codes."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kehoach.intake.tests.conftest import TEXT
from kehoach.intake.tests.test_views import _docx_with_table

KEYS = ["indicator", "comparator", "value", "unit", "period", "sentence", "start", "end"]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("extract_targets", *args, stdout=out)
    return out.getvalue()


def test_json_is_the_interfaces_shape(tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(TEXT, encoding="utf-8")
    items = json.loads(_run(str(path), "--format", "json"))
    assert len(items) == 5
    assert all(list(item) == KEYS for item in items)
    first = items[0]
    assert (first["comparator"], first["value"], first["unit"], first["period"]) == (
        "above", 7.5, "%", "2021-2030")
    assert TEXT[first["start"]:first["end"]] == first["sentence"]
    assert json.loads(_run(str(path))) == items  # json is the default


def test_table_for_people(tmp_path):
    path = tmp_path / "kh.docx"
    path.write_bytes(_docx_with_table())
    out = _run(str(path), "--format", "table")
    lines = out.splitlines()
    assert lines[0].split() == ["kind", "indicator", "comparator", "value", "value_max", "unit",
                                "period", "target_type"]
    assert any("trên" not in line and "70" in line and "above" in line for line in lines[1:])
    assert lines[-1] == "2 items (2 targets, 0 results)"


def test_missing_file_and_bad_usage_exit_2(tmp_path):
    with pytest.raises(CommandError) as err:
        _run(str(tmp_path / "khong-co.txt"))
    assert err.value.returncode == 2
    pdf = tmp_path / "kh.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(CommandError) as err:
        _run(str(pdf))
    assert err.value.returncode == 2
    with pytest.raises(CommandError):
        _run(str(pdf), "--format", "csv")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("rong.txt", b"  \n", "rỗng"),
    ("nhi-phan.txt", bytes(range(128)) * 3, "nhị phân"),
    ("cp1258.txt", "Tỷ lệ".encode("utf-16-le")[1:] + b"\xff\xfe\xe9", "UTF-8"),
    ("hong.docx", b"not a zip file", ".docx"),
])
def test_unreadable_file_exits_1(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("extract_targets", str(path), stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 1
    assert message in err.getvalue() and name in err.getvalue()
