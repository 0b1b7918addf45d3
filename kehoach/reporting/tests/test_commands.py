"""``kehoach rounds``, ``round_status``, ``export_form``, ``import_form``, ``install_forms``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from kehoach.reporting import services
from kehoach.reporting.excel.layout import SHEET
from kehoach.reporting.models import Cell
from kehoach.reporting.tests.conftest import full_changes

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rounds_json_csv_table(round_):
    rows = json.loads(run("rounds", "--format", "json")[0])
    assert rows == [{"code": "kh-2026", "title": "Xây dựng kế hoạch năm 2026",
                     "kind": "annual_plan", "status": "open", "deadline": "2025-07-15"}]
    csv_text = run("rounds", "--format", "csv")[0]
    assert csv_text.splitlines()[0] == "code,title,kind,status,deadline"
    assert "kh-2026" in run("rounds")[0]


def test_round_status_keys(round_, sub_a, reporter_a):
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    services.submission_submit(submission=sub_a, actor=reporter_a)
    rows = json.loads(run("round_status", "kh-2026", "--format", "json")[0])
    assert [set(r) for r in rows] == [{"unit", "form", "status", "submitted_at", "deadline",
                                       "filled_percent", "late"}] * 2
    a, b = rows
    assert (a["unit"], a["form"], a["status"], a["filled_percent"]) == ("SO-A", "PL1-NAM",
                                                                        "submitted", 100.0)
    assert a["late"] is True  # submitted today, deadline 15/07/2025
    assert (b["status"], b["submitted_at"], b["deadline"], b["filled_percent"], b["late"]) == (
        "not_started", None, "2025-07-15", 0.0, True)


def test_round_status_unknown_round_is_usage_error(db):
    with pytest.raises(CommandError) as exc:
        run("round_status", "khong-co")
    assert exc.value.returncode == 2


def test_export_then_import(round_, sub_a, reporter_a, planner, tmp_path):
    path = tmp_path / "a.xlsx"
    out, _err = run("export_form", "--round", "kh-2026", "--unit", "SO-A", "--out", str(path))
    assert "PL1-NAM" in out
    wb = load_workbook(path)
    ws = wb[SHEET]
    ws["F10"] = "2.000"  # GRDP_CUR, ƯTH
    wb.save(path)
    out, _err = run("import_form", str(path))
    assert "1 ô đã cập nhật" in out
    cell = Cell.objects.get(submission=sub_a)
    assert cell.value == 2000 and cell.updated_by == planner
    out, _err = run("import_form", str(path), "--user", reporter_a.username)
    assert "không thay đổi gì" in out


def test_import_bad_file_exit_1_lists_cells(round_, sub_a, planner, tmp_path):
    path = tmp_path / "a.xlsx"
    run("export_form", "--round", "kh-2026", "--unit", "SO-A", "--out", str(path))
    wb = load_workbook(path)
    wb[SHEET]["F10"] = "abc"
    wb[SHEET]["G10"] = "=F10*2"
    wb.save(path)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_form", str(path), stdout=io.StringIO(), stderr=err)
    assert exc.value.code == 1
    lines = err.getvalue().splitlines()
    assert lines[0] == f"sheet {SHEET}, row 10, column F: “abc” không phải là số."
    assert lines[1].startswith(f"sheet {SHEET}, row 10, column G:")
    assert "không có dữ liệu nào được lưu" in lines[2]
    assert not Cell.objects.exists()


def test_export_usage_errors(round_, tmp_path):
    for args in (["--unit", "KHONG"], ["--unit", "SO-A", "--form", "PL3"]):
        with pytest.raises(CommandError) as exc:
            run("export_form", "--round", "kh-2026", "--out", str(tmp_path / "x.xlsx"), *args)
        assert exc.value.returncode == 2
    with pytest.raises(CommandError):
        run("export_form", "--round", "kh-2026", "--unit", "SO-A", "--out", "x.csv")
    with pytest.raises(CommandError) as exc:
        run("import_form", str(tmp_path / "missing.xlsx"))
    assert exc.value.returncode == 2


def test_install_forms_is_idempotent(indicators):
    first, warnings = run("install_forms")
    assert "PL1-NAM v1" in first and "DOCTORS_PER_10K" in warnings
    again, _ = run("install_forms")
    assert again == first
