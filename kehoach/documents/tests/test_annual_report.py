"""The annual report as provinces write it, read back from the .docx: the issuer valid on the
document's date, the options set before generating (number, signer, recipients, sections
II–IV), the sections' headings, the counts table, the charts, the reasons of the targets not
met, the signature block that cannot split, the document properties, fonts and margins."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import socket
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from kehoach.core.tests.factories import UnitFactory
from kehoach.documents.reports import ReportOptions, report_render
from kehoach.documents.selectors import report_evaluation
from kehoach.units.models import Succession
from kehoach.values.services import value_set

DAY = dt.date(2025, 2, 5)
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _docx(plan, options=None, year=2024):
    evaluation = report_evaluation(plan=plan, year=year, unit=None, user=None)
    file = report_render(
        evaluation=evaluation, fmt="docx", date=DAY, options=options or ReportOptions(date=DAY)
    )
    return Document(io.BytesIO(file.content))


def _texts(document):
    return [p.text for p in document.paragraphs]


def _signature_table(document):
    return next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))


def test_sections_of_the_genre_in_order(report_plan):
    texts = _texts(_docx(report_plan["plan"]))
    headings = [t for t in texts if t.split(".")[0] in ("I", "II", "III", "IV")]
    assert headings == [
        "I. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2024",
        "II. TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN VÀ BÀI HỌC KINH NGHIỆM",
        "III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU NĂM 2025",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    for sub in (
        "1. Đánh giá chung",
        "2. Về kinh tế",
        "6. Các chỉ tiêu không đạt kế hoạch và nguyên nhân",
        "1. Tồn tại, hạn chế",
        "2. Nguyên nhân",
        "3. Bài học kinh nghiệm",
    ):
        assert sub in texts


def test_counts_table_and_two_charts(report_plan):
    document = _docx(report_plan["plan"])
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nhóm chỉ tiêu")
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == [
        "Nhóm chỉ tiêu",
        "Tổng số",
        "Vượt",
        "Đạt",
        "Không đạt",
        "Chưa có số liệu",
        "Chưa đến kỳ",
    ]
    assert rows[-1] == ["Tổng số", "8", "1", "2", "1", "1", "3"]
    assert len(rows) == 2 + 4  # header, four groups, total
    assert len(document.inline_shapes) == 2
    texts = _texts(document)
    assert any(t.startswith("Hình 1. Số chỉ tiêu theo kết quả đánh giá") for t in texts)
    assert any(t.startswith("Hình 2. Mức thực hiện so với kế hoạch năm 2024") for t in texts)


def test_not_met_target_with_the_units_explanation(report_plan, unit_a):
    target = report_plan["targets"]["own_a"]
    value_set(
        indicator=target.indicator,
        unit=unit_a,
        period="2024",
        kind="actual",
        value=Decimal("4000"),
        reported_by=unit_a,
        note="Một số dự án chậm tiến độ do giải phóng mặt bằng.",
    )
    texts = _texts(_docx(report_plan["plan"]))
    start = texts.index("6. Các chỉ tiêu không đạt kế hoạch và nguyên nhân")
    part = texts[start : start + 4]
    assert part[1] == "Năm 2024 có 1 chỉ tiêu không đạt kế hoạch:"
    assert part[2].startswith("- Chỉ tiêu riêng của Sở A")
    assert part[3] == (
        "Nguyên nhân (theo giải trình): Một số dự án chậm tiến độ do giải phóng mặt bằng."
    )


def test_options_number_signer_recipients_and_sections(report_plan):
    options = ReportOptions(
        number="125",
        date=DAY,
        signer_name="Nguyễn Văn An",
        signer_title="PHÓ CHỦ TỊCH",
        recipients=("Bộ Tài chính (b/c)", "Lưu: VT, TH"),
        sections={
            "shortcomings": "Tăng trưởng chưa bền vững.\n- Thu hút đầu tư còn hạn chế.",
            "proposals": "Đề nghị Trung ương hỗ trợ vốn cho các công trình giao thông.",
        },
    )
    document = _docx(report_plan["plan"], options)
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left[-1] == "Số: 125/BC-UBND"
    sign = _signature_table(document).rows[0].cells
    assert [p.text for p in sign[1].paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ]
    assert [p.text for p in sign[0].paragraphs if p.text] == [
        "Nơi nhận:",
        "- Bộ Tài chính (b/c);",
        "- Lưu: VT, TH.",
    ]
    texts = _texts(document)
    start = texts.index("1. Tồn tại, hạn chế")
    assert texts[start + 1 : start + 3] == [
        "Tăng trưởng chưa bền vững.",
        "- Thu hút đầu tư còn hạn chế.",
    ]
    assert texts[texts.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") + 1] == (
        "Đề nghị Trung ương hỗ trợ vốn cho các công trình giao thông."
    )


def test_the_head_signs_himself(report_plan):
    options = ReportOptions(date=DAY, signer_deputy="", signer_name="Trần Văn B")
    sign = _signature_table(_docx(report_plan["plan"], options)).rows[0].cells[1]
    assert [p.text for p in sign.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Văn B",
    ]


def test_signature_block_cannot_split_and_follows_the_last_paragraph(report_plan):
    document = _docx(report_plan["plan"])
    table = _signature_table(document)
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    first_paragraphs = [cell.paragraphs[0] for cell in table.rows[0].cells]
    assert all(p.paragraph_format.keep_with_next for p in first_paragraphs)
    body = document.element.body
    previous = table._tbl.getprevious()
    assert (
        previous.tag == qn("w:p") and previous.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    )
    assert body.index(previous) + 1 == body.index(table._tbl)
    closing = "".join(t.text or "" for t in previous.iter(qn("w:t")))
    assert closing.startswith("Trên đây là báo cáo") and closing.endswith("./.")


def test_issuer_is_the_body_valid_on_the_date(report_plan, province):
    successor = UnitFactory(
        code="MOI", name="Tỉnh Hợp Nhất", type="province", valid_from=dt.date(2025, 7, 1)
    )
    province.valid_to = dt.date(2025, 6, 30)
    province.save()
    Succession.objects.create(predecessor=province, successor=successor, share=1)
    before = _docx(report_plan["plan"], ReportOptions(date=dt.date(2025, 6, 30)))
    after = _docx(report_plan["plan"], ReportOptions(date=dt.date(2025, 7, 15)))

    def header(document):
        cells = document.tables[0].rows[0].cells
        return (
            [p.text for p in cells[0].paragraphs if p.text],
            [p.text for p in cells[1].paragraphs if p.text][-1],
        )

    assert header(before) == (
        ["ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM", "Số:      /BC-UBND"],
        "Thử Nghiệm, ngày 30 tháng 6 năm 2025",
    )
    assert header(after) == (
        ["ỦY BAN NHÂN DÂN\nTỈNH HỢP NHẤT", "Số:      /BC-UBND"],
        "Hợp Nhất, ngày 15 tháng 7 năm 2025",
    )
    assert "Ủy ban nhân dân tỉnh Hợp Nhất báo cáo" in _texts(after)[3]


def test_no_date_leaves_the_date_to_fill_by_hand(report_plan):
    document = _docx(report_plan["plan"], ReportOptions())
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text]
    assert right[-1] == "Thử Nghiệm, ngày      tháng      năm"


def test_document_properties_are_true(report_plan):
    before = timezone.now().replace(microsecond=0) - dt.timedelta(seconds=1)
    props = _docx(report_plan["plan"]).core_properties
    assert props.author == "Ủy ban nhân dân tỉnh Thử Nghiệm"
    assert props.title == (
        "Báo cáo Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm "
        "2021-2025 đến năm 2024 và nhiệm vụ năm 2025"
    )
    assert props.created >= before and props.modified >= before
    assert props.language == "vi-VN"


def test_fonts_sizes_and_margins(report_plan):
    document = _docx(report_plan["plan"])
    first = document.sections[0]
    margins = (first.top_margin, first.bottom_margin, first.left_margin, first.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 20]
    body = [p for p in document.paragraphs if p.text.startswith("Trên đây là báo cáo")][0]
    assert body.runs[0].font.name == "Times New Roman" and body.runs[0].font.size == Pt(14)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_command_sets_number_signer_and_sections(report_plan, tmp_path):
    text = tmp_path / "ii.txt"
    text.write_text("Giải ngân vốn đầu tư công còn chậm.\n\n", encoding="utf-8")
    out = tmp_path / "bc.docx"
    call_command(
        "report",
        "--plan",
        "KH-BC",
        "--year",
        "2024",
        "--out",
        str(out),
        "--number",
        "7",
        "--date",
        "2025-02-05",
        "--signer-name",
        "Lê Thị C",
        "--recipient",
        "Bộ Tài chính (b/c)",
        "--recipient",
        "Lưu: VT",
        "--section",
        f"shortcomings={text}",
        stdout=io.StringIO(),
    )
    document = Document(str(out))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    assert left[-1] == "Số: 07/BC-UBND"
    texts = _texts(document)
    assert texts[texts.index("1. Tồn tại, hạn chế") + 1] == "Giải ngân vốn đầu tư công còn chậm."
    sign = _signature_table(document).rows[0].cells
    assert [p.text for p in sign[0].paragraphs if p.text] == [
        "Nơi nhận:",
        "- Bộ Tài chính (b/c);",
        "- Lưu: VT.",
    ]
    assert "Lê Thị C" in [p.text for p in sign[1].paragraphs]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--section", "bogus=x.txt"], "KEY là một trong"),
        (["--section", "proposals=/nonexistent/x.txt"], "Không đọc được tệp"),
        (["--date", "05/02/2025"], "Ngày không hợp lệ"),
    ],
)
def test_command_bad_options_exit_2(report_plan, tmp_path, args, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command(
            "report", "--plan", "KH-BC", "--year", "2024", "--out", str(tmp_path / "bc.docx"), *args
        )
    assert error.value.returncode == 2
    assert not (tmp_path / "bc.docx").exists()


NEEDS_LIBREOFFICE = pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftoppm") is None,
    reason="libreoffice or poppler-utils is not installed (apt-get install "
           "libreoffice-writer-nogui poppler-utils)")


def _pdf_pages(data: bytes, folder: Path) -> list[str]:
    source = folder / "report.pdf"
    source.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, text=True, check=True)
    count = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(source), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


@NEEDS_LIBREOFFICE
def test_pdf_keeps_signature_and_recipients_on_one_page(report_plan, tmp_path, settings):
    """LibreOffice lays the document out: the page with "Nơi nhận" also has the whole
    signature block and the last recipient; the first and last pages are kept as pictures."""
    settings.KEHOACH_UNOSERVER = ""
    options = ReportOptions(date=DAY, number="15", signer_name="Nguyễn Văn An",
                            sections={"shortcomings": "\n".join(f"Hạn chế thứ {i}: " + "nội dung "
                                                                 * 40 for i in range(12))})
    evaluation = report_evaluation(plan=report_plan["plan"], year=2024, unit=None, user=None)
    data = report_render(evaluation=evaluation, fmt="pdf", date=DAY, options=options).content
    pages = _pdf_pages(data, tmp_path)
    signed = [n for n, text in enumerate(pages) if "Nơi nhận:" in text]
    assert len(signed) == 1
    page = pages[signed[0]]
    for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An",
                 "- Lưu: VT, TH."):
        assert line in page
    assert "Số: 15/BC-UBND" in pages[0] and "BÁO CÁO" in pages[0]
    ARTIFACTS.mkdir(exist_ok=True)
    for name, number in (("first", 1), ("signature", signed[0] + 1), ("last", len(pages))):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number),
                        "-singlefile", str(tmp_path / "report.pdf"),
                        str(ARTIFACTS / f"annual-report-{name}")], check=True, timeout=60)
        assert (ARTIFACTS / f"annual-report-{name}.png").stat().st_size > 5_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
@NEEDS_LIBREOFFICE
def test_warm_libreoffice_converts_through_pdf_server(tmp_path, settings, caplog):
    """``kehoach pdf_server`` (unoserver) keeps LibreOffice running; docx_to_pdf uses it."""
    from kehoach.documents.management.commands.pdf_server import pdf_server_argv
    from kehoach.documents.reports.pdf import docx_to_pdf

    port = _free_port()
    settings.KEHOACH_UNOSERVER = f"127.0.0.1:{port}"
    argv = pdf_server_argv()
    if argv is None:
        pytest.skip("python3-uno is not installed")
    server = subprocess.Popen([*argv[:-1], str(tmp_path / "profile")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.5)
        from kehoach.documents.decree30 import Decree30Document

        doc = Decree30Document()
        doc.title("BÁO CÁO", "Thử chuyển PDF")
        caplog.set_level("INFO", logger="kehoach.documents.reports.pdf")
        for _attempt in range(2):
            data = docx_to_pdf(doc.to_bytes())
            assert data.startswith(b"%PDF")
        warm = [r for r in caplog.records if "warm LibreOffice" in r.getMessage()]
        assert len(warm) == 2, [r.getMessage() for r in caplog.records]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_pdf_server_without_libreoffice_exits_2(settings, monkeypatch):
    from kehoach.documents.reports import pdf as pdf_module

    settings.KEHOACH_LIBREOFFICE = ""
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="libreoffice-writer-nogui") as error:
        call_command("pdf_server", "--check")
    assert error.value.returncode == 2


def test_sections_come_from_the_offices_compiled_texts(report_plan, planner, unit_a):
    """Section II–IV take the office's compilation of the units' written sections in the
    year's rounds (``reporting.selectors.round_compiled_sections``)."""
    from kehoach.reporting import services as reporting

    round_ = reporting.round_create(
        actor=planner, code="bc-2024", title="Báo cáo năm 2024", kind="year_end_report",
        legal_number="12/UBND-TH", legal_date=dt.date(2024, 11, 1), legal_issuer="UBND tỉnh",
        base_year=2024, period_start=2024, period_end=2024, milestones=[])
    sections = {s.key: s for s in reporting.round_sections_set(
        round=round_, sections=[{"key": "shortcomings"}, {"key": "recommendations"}],
        actor=planner)}
    reporting.compiled_section_save(section=sections["shortcomings"], actor=planner, passages=[
        {"text": "Giải ngân vốn đầu tư công còn chậm.", "sources": [unit_a]}])
    reporting.compiled_section_save(section=sections["recommendations"], actor=planner, passages=[
        {"text": "Đề nghị bổ sung vốn cho các dự án giao thông.", "sources": []}])
    texts = _texts(_docx(report_plan["plan"]))
    assert texts[texts.index("1. Tồn tại, hạn chế") + 1] == "Giải ngân vốn đầu tư công còn chậm."
    assert texts[texts.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") + 1] == (
        "Đề nghị bổ sung vốn cho các dự án giao thông.")
