"""The report files: .docx (Decree 30 header, counts, one appendix row per target), .xlsx
(numbers as numbers, number formats), .pdf (LibreOffice; page 1 rendered by pdftoppm)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from kehoach.documents.reports import ConversionError, ReportOptions, report_render
from kehoach.documents.reports import pdf as pdf_module
from kehoach.documents.selectors import report_evaluation

DAY = dt.date(2025, 2, 5)
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _render(plan, fmt, unit=None, year=2024):
    evaluation = report_evaluation(plan=plan, year=year, unit=unit, user=None)
    return report_render(evaluation=evaluation, fmt=fmt, date=DAY)


def _docx(plan, **kwargs):
    return Document(io.BytesIO(_render(plan, "docx", **kwargs).content))


def _texts(cell):
    return [p.text for p in cell.paragraphs if p.text]


def _signature_table(document):
    return next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))


def _appendix_table(document):
    """Biểu số 01: the first appendix table."""
    return next(t for t in document.tables
                if [c.text for c in t.rows[0].cells[:2]] == ["STT", "Chỉ tiêu"])


def test_docx_header_in_the_decree_30_format(report_plan):
    document = _docx(report_plan["plan"])
    left, right = document.tables[0].rows[0].cells
    assert _texts(left) == ["ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM", "Số:      /BC-UBND"]
    assert _texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thử Nghiệm, ngày 05 tháng 02 năm 2025",
    ]
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "BÁO CÁO"
    assert texts[1] == (
        "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025 "
        "đến năm 2024 và nhiệm vụ năm 2025"
    )
    # A report opens with "Thực hiện …" (the plan it answers), not with "Căn cứ …" lines.
    assert texts[3] == (
        "Thực hiện Kế hoạch số 56/KH-UBND ngày 29/01/2024 của Ủy ban nhân dân tỉnh "
        "Thử Nghiệm về phát triển kinh tế - xã hội 5 năm 2021-2025; trên cơ sở báo "
        "cáo của các cơ quan, đơn vị, Ủy ban nhân dân tỉnh Thử Nghiệm báo cáo tình "
        "hình thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm 2021-2025 đến năm "
        "2024 và nhiệm vụ năm 2025 như sau:"
    )
    assert not any(t.startswith("Căn cứ") for t in texts)


def test_docx_body_counts_sentences_and_end(report_plan):
    texts = [p.text for p in _docx(report_plan["plan"]).paragraphs]
    body = "\n".join(texts)
    # GROWTH 2024 is not met as computed, adjusted to met by the planning office.
    # X/Y counts the plan's targets judged in 2024 (year_evaluate), the adjusted status included.
    assert (
        "Trong tổng số 8 chỉ tiêu chủ yếu của kế hoạch được đánh giá năm 2024, có 3/4 chỉ "
        "tiêu đạt và vượt kế hoạch; 1 chỉ tiêu không đạt; 1 chỉ tiêu chưa có số liệu."
    ) in body
    assert (
        "- Tốc độ tăng trưởng GRDP ước đạt 7,4% (kế hoạch trên 7,5%), không đạt kế hoạch; "
        "cơ quan kế hoạch điều chỉnh đánh giá là đạt (lý do: Số ước chưa đủ 12 tháng)."
    ) in texts
    assert (
        "- Thu ngân sách nhà nước đạt 5.200 tỷ đồng, bằng 104% kế hoạch (kế hoạch tối thiểu "
        "5.000 tỷ đồng), tăng 8,3% so với năm 2023, vượt kế hoạch."
    ) in texts
    assert any(
        t.startswith(
            "- Tốc độ tăng trưởng GRDP năm 2024 ước đạt 7,4%; bình quân giai "
            "đoạn 2021-2024 ước đạt 5,87%/năm"
        )
        and "để đạt mục tiêu cần tăng bình quân 14,27%/năm trong năm 2025." in t
        for t in texts
    )
    assert (
        "- Số trường đạt chuẩn quốc gia: chưa có số liệu năm 2024 (kế hoạch tối thiểu 100 trường)."
        in texts
    )
    assert "7. Khả năng hoàn thành các chỉ tiêu của kế hoạch nhiều năm" in texts
    risk = [t for t in texts if t.startswith("- Tỷ lệ che phủ rừng (mục tiêu")]
    assert risk == [
        "- Tỷ lệ che phủ rừng (mục tiêu đến năm 2025 tối thiểu 45%): năm 2024 đạt "
        "42%; tiến triển chậm, để đạt mục tiêu cần tăng thêm 3 điểm %/năm trong "
        "năm 2025."
    ]
    assert texts[texts.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") + 2].endswith(
        "Chi tiết kết quả thực hiện từng chỉ tiêu tại Phụ lục kèm theo./."
    )


def test_docx_signature_and_recipients(report_plan):
    sign = _signature_table(_docx(report_plan["plan"])).rows[0].cells
    assert _texts(sign[1]) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    recipients = _texts(sign[0])
    assert recipients[0] == "Nơi nhận:" and recipients[-1] == "- Lưu: VT, TH."
    assert all(r.startswith("- ") and r.endswith(";") for r in recipients[1:-1])


def test_docx_appendices_follow_the_signature_in_landscape(report_plan):
    """Biểu số 01 … (``appendices``) after the signed report, each on a landscape page, "kèm
    theo" this report (its number and date when set)."""
    options = ReportOptions(date=DAY, number="15")
    evaluation = report_evaluation(plan=report_plan["plan"], year=2024, unit=None, user=None)
    file = report_render(evaluation=evaluation, fmt="docx", date=DAY, options=options)
    document = Document(io.BytesIO(file.content))
    assert document.sections[0].page_width < document.sections[0].page_height
    assert all(s.page_width > s.page_height for s in document.sections[1:])
    texts = [p.text for p in document.paragraphs]
    labels = [t for t in texts if t.startswith("Biểu số 0")]
    assert labels[:2] == ["Biểu số 01", "Biểu số 02"]
    assert len(document.sections) == 1 + len(labels)
    note = "(Kèm theo Báo cáo số 15/BC-UBND ngày 05/02/2025 của Ủy ban nhân dân tỉnh Thử Nghiệm)"
    assert texts.count(note) == len(labels)
    body = document.element.body
    signature = _signature_table(document)._tbl
    appendix = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert appendix and all(body.index(t._tbl) > body.index(signature) for t in appendix)
    targets = _appendix_table(document)
    # one row per indicator of the province (Biểu 02 has the units' own targets)
    assert sum(1 for r in targets.rows if r.cells[0].text.isdigit()) == 6


def test_a_unit_report_is_issued_by_the_unit(report_plan, unit_a):
    document = _docx(report_plan["plan"], unit=unit_a)
    left = _texts(document.tables[0].rows[0].cells[0])
    assert left == ["ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", "SỞ A", "Số:      /BC-SA"]
    targets = [r for r in _appendix_table(document).rows[1:] if r.cells[0].text.isdigit()]
    assert [r.cells[1].text for r in targets] == ["Chỉ tiêu riêng của Sở A"]
    assert _texts(_signature_table(document).rows[0].cells[1]) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_xlsx_numbers_are_numbers_with_formats(report_plan):
    """The .xlsx holds Biểu số 01 … (``test_appendices``) and the counts by group."""
    workbook = load_workbook(io.BytesIO(_render(report_plan["plan"], "xlsx").content))
    assert workbook.sheetnames == ["Biểu 01", "Biểu 02", "Theo nhóm"]
    sheet = workbook["Biểu 01"]
    rows = {sheet.cell(r, 2).value: r for r in range(1, sheet.max_row + 1)}
    budget = rows["Thu ngân sách nhà nước"]
    assert [sheet.cell(budget, c).value for c in range(1, 10)] == [
        "2", "Thu ngân sách nhà nước", "tỷ đồng", 4800, 5000, 5200, None, 104, 108.3]
    assert sheet.cell(budget, 4).number_format == "[$-42A]#,##0.0"
    forest = rows["Tỷ lệ che phủ rừng"]
    assert sheet.cell(forest, 9).value == 0.5
    assert sheet.cell(forest, 9).number_format == (
        '[$-42A]+#,##0.0" điểm";[$-42A]-#,##0.0" điểm";[$-42A]0" điểm"')
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.cell(1, 1).value == "Biểu số 01"
    assert sheet.cell(2, 1).value == (
        "CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024")
    counts = workbook["Theo nhóm"]
    last = [counts.cell(counts.max_row, c).value for c in range(2, 10)]
    assert last == ["Tổng số", 8, 1, 2, 1, 1, 3, 3]


def test_pdf_without_libreoffice_is_a_clear_error(report_plan, settings, monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    settings.KEHOACH_LIBREOFFICE = ""
    with pytest.raises(ConversionError, match="chưa cài LibreOffice"):
        _render(report_plan["plan"], "pdf")


@pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftoppm") is None,
    reason="libreoffice or pdftoppm is not installed (apt-get install "
    "libreoffice-writer poppler-utils)",
)
def test_pdf_converted_by_libreoffice_and_page_one_renders(report_plan, tmp_path):
    data = _render(report_plan["plan"], "pdf").content
    assert data.startswith(b"%PDF")
    source = tmp_path / "report.pdf"
    source.write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "page1"),
        ],
        check=True,
        timeout=60,
    )
    picture = (tmp_path / "page1.png").read_bytes()
    assert picture.startswith(b"\x89PNG") and len(picture) > 10_000
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-page1.png").write_bytes(picture)
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, text=True, check=False)
    if info.returncode == 0:
        assert "595.3" in info.stdout or "595" in info.stdout  # A4 width in points
