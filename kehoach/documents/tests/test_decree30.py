import datetime as dt
import io
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kehoach.documents.decree30 import (
    MOTTO,
    NATIONAL_TITLE,
    Decree30Document,
    Heading,
    Signature,
    date_line,
    number_symbol,
    vn_number,
)


def _sample() -> Document:
    doc = Decree30Document()
    doc.header(Heading(parent_body="Ủy ban nhân dân tỉnh Thái Nguyên", body="Sở Tài chính",
                       number=number_symbol(5, "BC-STC"), place="Thái Nguyên",
                       date=dt.date(2024, 1, 9)))
    doc.title("báo cáo", "Tình hình thực hiện kế hoạch năm 2024")
    doc.basis(["Căn cứ Luật Quy hoạch ngày 24/11/2017;", "Căn cứ Nghị quyết số 10/NQ-HĐND"])
    doc.heading("I. KẾT QUẢ")
    doc.paragraph("Tăng trưởng kinh tế đạt 7,5%.")
    doc.end_text()
    doc.signature(Signature(authority="TM. Ủy ban nhân dân", deputy="KT. Chủ tịch",
                            title="Phó Chủ tịch", name="Nguyễn Văn A"),
                  recipients=["Bộ Tài chính", "- TT Tỉnh ủy;", "Lưu: VT, TH."])
    doc.landscape_section()
    doc.table_title("Phụ lục I", "Biểu tổng hợp", unit_note="Đơn vị tính: tỷ đồng")
    doc.table(["STT", "Chỉ tiêu", "KH 2025"], [[1, "GRDP", Decimal("42000.5")], ["", "Ghi chú\ndòng 2", None]],
              widths_cm=[1.2, 10, 3], numeric={2}, decimals=1)
    return Document(io.BytesIO(doc.to_bytes()))


def test_numbers_and_dates_follow_decree_30():
    assert number_symbol(5, "KH-UBND") == "Số: 05/KH-UBND"
    assert number_symbol(56, "KH-UBND") == "Số: 56/KH-UBND"
    assert number_symbol(None, "KH-UBND").startswith("Số:") and number_symbol(None, "X").endswith("/X")
    assert date_line("Bắc Kạn", dt.date(2024, 1, 29)) == "Bắc Kạn, ngày 29 tháng 01 năm 2024"
    assert date_line("Bắc Kạn", dt.date(2024, 3, 5)) == "Bắc Kạn, ngày 05 tháng 3 năm 2024"
    assert date_line("Bắc Kạn", dt.date(2024, 12, 10)) == "Bắc Kạn, ngày 10 tháng 12 năm 2024"
    assert vn_number(Decimal("1791857")) == "1.791.857"
    assert vn_number(Decimal("12800.5")) == "12.800,5"
    assert vn_number(7.5, 2) == "7,50"
    assert vn_number(None) == ""


def test_page_font_and_margins():
    document = _sample()
    first, second = document.sections
    assert first.orientation == WD_ORIENT.PORTRAIT and round(first.page_width.mm) == 210
    margins = [round(m.mm) for m in (first.top_margin, first.bottom_margin, first.left_margin,
                                     first.right_margin)]
    assert margins == [20, 20, 30, 20]
    assert first.different_first_page_header_footer is True
    assert "PAGE" in first.header._element.xml
    assert not first.first_page_header.paragraphs[0].text
    assert second.orientation == WD_ORIENT.LANDSCAPE and round(second.page_width.mm) == 297
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)


def test_header_title_body_signature():
    document = _sample()
    header = document.tables[0]
    left = [p.text for p in header.cell(0, 0).paragraphs if p.text]
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert left == ["ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "SỞ TÀI CHÍNH", "Số: 05/BC-STC"]
    assert [p.text for p in right[:2]] == [NATIONAL_TITLE, MOTTO]
    assert right[0].runs[0].bold and right[1].runs[0].bold
    assert right[2].text == "Thái Nguyên, ngày 09 tháng 01 năm 2024" and right[2].runs[0].italic
    assert "w:pBdr" in header.cell(0, 1)._element.xml
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Căn cứ Luật Quy hoạch ngày 24/11/2017;" in texts
    assert "Căn cứ Nghị quyết số 10/NQ-HĐND." in texts
    body = next(p for p in document.paragraphs if p.text.startswith("Tăng trưởng"))
    assert body.text.endswith("7,5%./.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and body.paragraph_format.first_line_indent
    sign = document.tables[1]
    recipients = [p.text for p in sign.cell(0, 0).paragraphs if p.text]
    assert recipients == ["Nơi nhận:", "- Bộ Tài chính;", "- TT Tỉnh ủy;", "- Lưu: VT, TH."]
    assert [p.text for p in sign.cell(0, 1).paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]


def test_table_rows_and_numbers():
    table = _sample().tables[2]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Chỉ tiêu", "KH 2025"]
    assert [c.text for c in table.rows[1].cells] == ["1", "GRDP", "42.000,5"]
    assert table.rows[2].cells[1].text == "Ghi chú\ndòng 2"
    assert "w:tblHeader" in table.rows[0]._tr.xml


def test_end_text_on_a_paragraph_with_a_full_stop():
    doc = Decree30Document()
    doc.paragraph("Câu cuối.")
    doc.end_text()
    doc.end_text()
    document = Document(io.BytesIO(doc.to_bytes()))
    assert document.paragraphs[-1].text == "Câu cuối./."
