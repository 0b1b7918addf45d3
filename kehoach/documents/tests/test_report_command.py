"""``kehoach report --plan CODE --year Y [--unit CODE] --out FILE``: files and exit codes."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from openpyxl import load_workbook

from kehoach.documents.reports import ConversionError
from kehoach.documents.reports import pdf as pdf_module


def _run(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_writes_docx_and_says_what(report_plan, tmp_path):
    target = tmp_path / "bc.docx"
    output = _run("--plan", "KH-BC", "--year", "2024", "--out", str(target), "--date", "2025-01-09")
    assert f"wrote {target}" in output and "8 targets, 3/4 met or exceeded, 1 not met" in output
    document = Document(str(target))
    right = document.tables[0].rows[0].cells[1]
    assert "Thử Nghiệm, ngày 09 tháng 01 năm 2025" in [p.text for p in right.paragraphs]


def test_writes_xlsx_for_a_unit(report_plan, unit_a, tmp_path):
    target = tmp_path / "bc.xlsx"
    output = _run("--plan", "KH-BC", "--year", "2024", "--unit", "SO-A", "--out", str(target))
    assert "unit SO-A, 1 targets" in output
    sheet = load_workbook(target)["Biểu 01"]
    names = [sheet.cell(r, 2).value for r in range(8, sheet.max_row + 1)
             if str(sheet.cell(r, 1).value or "").isdigit()]
    assert names == ["Chỉ tiêu riêng của Sở A"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--plan", "KHONG-CO", "--year", "2024"], "Không có kế hoạch mã KHONG-CO"),
        (
            ["--plan", "KH-BC", "--year", "2024", "--unit", "KHONG-CO"],
            "Không có đơn vị mã KHONG-CO",
        ),
        (["--plan", "KH-BC", "--year", "2030"], r"nằm ngoài kỳ của kế hoạch \(2021-2025\)"),
        (["--plan", "KH-BC", "--year", "2024", "--date", "05/02/2025"], "Ngày không hợp lệ"),
    ],
)
def test_bad_usage_exits_2(report_plan, tmp_path, args, message):
    target = tmp_path / "bc.docx"
    with pytest.raises(CommandError, match=message) as error:
        _run(*args, "--out", str(target))
    assert error.value.returncode == 2
    assert not target.exists()


def test_unknown_extension_exits_2(report_plan, tmp_path):
    with pytest.raises(CommandError, match="Đuôi tệp không được hỗ trợ") as error:
        _run("--plan", "KH-BC", "--year", "2024", "--out", str(tmp_path / "bc.odt"))
    assert error.value.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_a_conversion_failure_exits_1(report_plan, tmp_path, monkeypatch):
    def fail(data, **kwargs):
        raise ConversionError("LibreOffice không chuyển được tệp sang PDF (mã 77): hỏng")

    monkeypatch.setattr("kehoach.documents.reports.docx_to_pdf", fail)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "report",
            "--plan",
            "KH-BC",
            "--year",
            "2024",
            "--out",
            str(tmp_path / "bc.pdf"),
            stderr=err,
        )
    assert exit_.value.code == 1
    assert "mã 77" in err.getvalue()
    assert not (tmp_path / "bc.pdf").exists()


def test_libreoffice_missing_exits_2_and_names_the_package(
    report_plan, tmp_path, monkeypatch, settings
):
    """Not "bad data" (1): the server lacks LibreOffice; nothing is written."""
    settings.KEHOACH_LIBREOFFICE = ""
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(CommandError) as error:
        call_command(
            "report", "--plan", "KH-BC", "--year", "2024", "--out", str(tmp_path / "bc.pdf")
        )
    assert error.value.returncode == 2
    assert "chưa cài LibreOffice" in str(error.value) and "libreoffice-writer-nogui" in str(
        error.value
    )
    assert not (tmp_path / "bc.pdf").exists()
