"""The Excel round trip: the official layout out, every bad file refused, nothing half-stored."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kehoach.reporting import services
from kehoach.reporting.excel import FormRejected, export_form, import_form
from kehoach.reporting.excel.layout import FIRST_ROW, META_SHEET, SHEET
from kehoach.reporting.models import Cell, FormTemplate
from kehoach.reporting.tests.conftest import full_changes, row

pytestmark = pytest.mark.django_db


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _excel_row(submission, code: str) -> int:
    rows = list(submission.template.rows.order_by("position"))
    return FIRST_ROW + [r.indicator.code if r.indicator_id else None for r in rows].index(code)


def _fill(sub, values: dict[str, tuple]) -> bytes:
    """Export ``sub`` and type ``values`` (code → (ƯTH, KH next)) into columns F and G."""
    wb = _book(export_form(submission=sub))
    ws = wb[SHEET]
    for code, (uth, kh) in values.items():
        r = _excel_row(sub, code)
        ws[f"F{r}"], ws[f"G{r}"] = uth, kh
    return _save(wb)


VALID = {"GRDP_GROWTH": (7.5, "8"), "GRDP_CUR": ("2.000", 2200), "SHARE_AGRI": ("30", 29),
         "SHARE_INDUSTRY_CONSTR": (30, 31), "SHARE_SERVICES": (35, 35), "SHARE_TAX": (5, 5),
         "BUDGET_REVENUE": ("1.000,5", 1100), "POPULATION": (320, 322),
         "POVERTY_RATE": ("12,5", 10)}


def test_export_layout(sub_a, reporter_a, last_year_values):
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    wb = _book(export_form(submission=sub_a))
    ws = wb[SHEET]
    assert ws["A1"].value.startswith("PHỤ LỤC I")
    assert "1234/UBND-TH" in ws["A2"].value and "SO-A" in ws["A3"].value
    assert [ws.cell(row=6, column=c).value for c in range(1, 10)] == [
        "STT", "Chỉ tiêu", "Đơn vị tính", "TH 2024", "KH 2025", "ƯTH 2025", "KH 2026",
        "ƯTH 2025/KH 2025 (%)", "ƯTH 2025/TH 2024 (%)"]
    assert ws.cell(row=7, column=1).value == "(1)"
    r = _excel_row(sub_a, "GRDP_CUR")
    assert ws[f"A{FIRST_ROW}"].value == "I" and ws[f"A{r}"].value == "2"
    assert ws[f"C{r}"].value == "tỷ đồng"
    assert ws[f"D{r}"].value == 1900 and ws[f"F{r}"].value == 2000
    assert ws[f"H{r}"].value == f'=IF(OR(F{r}="",E{r}=""),"",IFERROR(F{r}/E{r}*100,""))'
    assert ws[f"F{r}"].number_format == "#,##0.0"
    assert ws.protection.sheet
    assert ws[f"F{r}"].protection.locked is False and ws[f"G{r}"].protection.locked is False
    assert ws[f"J{r}"].protection.locked is False  # note of ƯTH
    assert ws[f"D{r}"].protection.locked and ws[f"H{r}"].protection.locked
    assert ws[f"B{r}"].protection.locked
    assert wb[META_SHEET].sheet_state == "hidden"
    meta = {a: b for a, b in wb[META_SHEET].iter_rows(max_col=2, values_only=True)}
    assert meta["template_code"] == "PL1-NAM" and meta["round_code"] == "kh-2026"
    assert meta["unit_code"] == "SO-A" and meta["template_version"] == 1


def test_round_trip_reads_numbers_both_ways(sub_a, reporter_a):
    data = _fill(sub_a, VALID)
    wb = _book(data)
    wb[SHEET][f"J{_excel_row(sub_a, 'BUDGET_REVENUE')}"] = "Thu tiền sử dụng đất tăng"
    result = import_form(data=_save(wb), actor=reporter_a)
    assert result["changed"] == 18
    cells = {(c.row.indicator.code, c.column.key): c for c in
             Cell.objects.filter(submission=sub_a).select_related("row__indicator", "column")}
    assert cells[("GRDP_GROWTH", "UTH_Y")].value == Decimal("7.5")
    assert cells[("GRDP_CUR", "UTH_Y")].value == Decimal("2000")
    assert cells[("BUDGET_REVENUE", "UTH_Y")].value == Decimal("1000.5")
    assert cells[("BUDGET_REVENUE", "UTH_Y")].note == "Thu tiền sử dụng đất tăng"
    assert cells[("POVERTY_RATE", "UTH_Y")].value == Decimal("12.5")
    # the same file again changes nothing
    assert import_form(data=_save(wb), actor=reporter_a)["changed"] == 0
    services.submission_submit(submission=sub_a, actor=reporter_a)


def _rejected(data: bytes, actor, **kwargs) -> list[str]:
    before = Cell.objects.count()
    with pytest.raises(FormRejected) as exc:
        import_form(data=data, actor=actor, **kwargs)
    assert Cell.objects.count() == before
    return [str(e) for e in exc.value.errors]


def test_every_bad_cell_is_listed(sub_a, reporter_a):
    wb = _book(_fill(sub_a, VALID))
    ws = wb[SHEET]
    r1, r2 = _excel_row(sub_a, "GRDP_CUR"), _excel_row(sub_a, "POPULATION")
    ws[f"F{r1}"] = "hai nghìn"
    ws[f"G{r2}"] = "=F20*2"
    errors = _rejected(_save(wb), reporter_a)
    assert errors == [
        f"sheet {SHEET}, row {r1}, column F: “hai nghìn” không phải là số.",
        f"sheet {SHEET}, row {r2}, column G: Ô nhập liệu không được chứa công thức; hãy nhập số.",
    ]


def test_file_of_another_unit_or_round(sub_a, sub_b, reporter_a, planner):
    data_b = export_form(submission=sub_b)
    errors = _rejected(data_b, planner, submission=sub_a)
    assert "SO-B" in errors[0] and "không phải biểu đang nhập" in errors[0]
    with pytest.raises(Exception) as exc:  # reporter A may not fill B's form
        import_form(data=data_b, actor=reporter_a)
    assert exc.type.__name__ == "PermissionDenied"
    wb = _book(export_form(submission=sub_a))
    for r in wb[META_SHEET].iter_rows(max_col=2):
        if r[0].value == "round_code":
            r[1].value = "kh-1999"
    assert "kh-1999" in _rejected(_save(wb), planner)[0]


def test_another_template_version(sub_a, reporter_a, pl1):
    data = export_form(submission=sub_a)
    FormTemplate.objects.filter(pk=pl1.pk).update(version=2)
    assert "phiên bản 1" in _rejected(data, reporter_a)[0]


def test_rows_moved_or_deleted(sub_a, reporter_a):
    wb = _book(_fill(sub_a, VALID))
    ws = wb[SHEET]
    r = _excel_row(sub_a, "GRDP_CUR")
    ws.delete_rows(r)
    errors = _rejected(_save(wb), reporter_a)
    assert any(f"row {r}, column A" in e and "di chuyển hoặc xoá" in e for e in errors)
    wb = _book(_fill(sub_a, VALID))
    ws = wb[SHEET]
    a, b = _excel_row(sub_a, "POPULATION"), _excel_row(sub_a, "POVERTY_RATE")
    for col in "ABC":
        ws[f"{col}{a}"].value, ws[f"{col}{b}"].value = ws[f"{col}{b}"].value, ws[f"{col}{a}"].value
    errors = _rejected(_save(wb), reporter_a)
    assert len(errors) == 2 and f"row {a}" in errors[0] and f"row {b}" in errors[1]


def test_merged_cells_changed(sub_a, reporter_a):
    wb = _book(_fill(sub_a, VALID))
    ws = wb[SHEET]
    ws.unmerge_cells("A1:K1")
    assert "gộp" in _rejected(_save(wb), reporter_a)[0]
    wb = _book(_fill(sub_a, VALID))
    wb[SHEET].merge_cells(f"F{FIRST_ROW + 1}:G{FIRST_ROW + 1}")
    assert any("gộp" in e for e in _rejected(_save(wb), reporter_a))


def test_empty_corrupt_and_too_big_files(sub_a, reporter_a, settings):
    assert _rejected(b"", reporter_a) == ["Tệp rỗng."]
    assert "không đọc được" in _rejected(b"PK\x03\x04 not really a zip", reporter_a)[0]
    assert "không đọc được" in _rejected("STT,Chỉ tiêu\n1,2\n".encode(), reporter_a)[0]
    data = export_form(submission=sub_a)
    settings.KEHOACH_MAX_UPLOAD_BYTES = len(data) - 1
    assert "quá lớn" in _rejected(data, reporter_a)[0]


def test_a_workbook_not_made_by_the_system(reporter_a):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "STT"
    assert "không phải biểu xuất từ hệ thống" in _rejected(_save(wb), reporter_a)[0]


def test_accepted_submission_is_refused(sub_a, reporter_a, planner):
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    data = _fill(sub_a, {"GRDP_CUR": (5000, 5000)})
    assert "tiếp nhận" in _rejected(data, planner)[0]
    assert Cell.objects.get(submission=sub_a, row__indicator__code="GRDP_CUR",
                            column__key="UTH_Y").value == Decimal("2000")


def test_a_cell_changed_since_the_export_is_a_conflict(sub_a, reporter_a, planner):
    data = _fill(sub_a, VALID)
    r = row(sub_a, "GRDP_CUR")
    services.cell_save(submission=sub_a, actor=planner,
                       changes=[{"row": r.pk, "column": "UTH_Y", "value": "2.050", "version": 0}])
    errors = _rejected(data, reporter_a)
    assert len(errors) == 1 and "đã sửa ô này" in errors[0] and "2.050" in errors[0]
    assert f"row {_excel_row(sub_a, 'GRDP_CUR')}, column F" in errors[0]


@pytest.mark.skipif(shutil.which("libreoffice") is None,
                    reason="libreoffice is not installed (apt-get install libreoffice-calc)")
def test_a_file_saved_by_libreoffice(sub_a, reporter_a, tmp_path):
    source = tmp_path / "in" / "form.xlsx"
    source.parent.mkdir()
    source.write_bytes(_fill(sub_a, VALID))
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"  # not shared
    subprocess.run(["libreoffice", profile, "--headless", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path), str(source)], check=True, timeout=120, capture_output=True)
    result = import_form(data=(tmp_path / "form.xlsx").read_bytes(), actor=reporter_a)
    assert result["changed"] == 18
    assert Cell.objects.get(submission=sub_a, row__indicator__code="GRDP_GROWTH",
                            column__key="UTH_Y").value == Decimal("7.5")
