"""Reading uploaded drafts into sections; bad uploads are refused with a clear message."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from kehoach.consultation.drafts import draft_read, heading_of


def make_docx(with_table: bool = False) -> bytes:
    doc = Document()
    doc.add_paragraph("DỰ THẢO KẾ HOẠCH 5 NĂM", style="Title")
    doc.add_paragraph("Lời mở đầu của dự thảo.")
    doc.add_paragraph("I. ĐÁNH GIÁ GIAI ĐOẠN 2021-2025")
    doc.add_paragraph("1. Kết quả đạt được")
    doc.add_paragraph("Tăng trưởng bình quân 7,5%.")
    doc.add_paragraph("a) Về kinh tế")
    doc.add_paragraph("Thu ngân sách đạt 2.000 tỷ đồng.")
    if with_table:
        table = doc.add_table(rows=2, cols=3)
        for i, text in enumerate(["Chỉ tiêu", "Đơn vị", "KH 2030"]):
            table.cell(0, i).text = text
        for i, text in enumerate(["GRDP", "%", "10"]):
            table.cell(1, i).text = text
    doc.add_paragraph("2. Hạn chế")
    doc.add_heading("Mục tiêu chung", level=1)
    doc.add_paragraph("II. MỤC TIÊU")
    doc.add_paragraph("1.1. Chỉ tiêu kinh tế")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_heading_patterns():
    assert heading_of("II. Mục tiêu") == (1, "II", "Mục tiêu")
    assert heading_of("3. Giải pháp") == (2, "3", "Giải pháp")
    assert heading_of("b) Về xã hội") == (3, "b)", "Về xã hội")
    assert heading_of("đ) Về môi trường") == (3, "đ)", "Về môi trường")
    assert heading_of("1.2. Chỉ tiêu") == (3, "1.2", "Chỉ tiêu")
    assert heading_of("2.000 tỷ đồng là mức thu") is None
    assert heading_of("Tăng trưởng 7,5%") is None


def test_docx_split_into_sections_and_items():
    parts = draft_read(name="du-thao.docx", data=make_docx())
    assert [p.title for p in parts] == ["DỰ THẢO KẾ HOẠCH 5 NĂM", "ĐÁNH GIÁ GIAI ĐOẠN 2021-2025",
                                        "Mục tiêu chung", "MỤC TIÊU"]
    assert parts[0].text == "Lời mở đầu của dự thảo."
    evaluation = parts[1]
    assert [(c.number, c.title) for c in evaluation.children] == [("1", "Kết quả đạt được"),
                                                                  ("2", "Hạn chế")]
    result = evaluation.children[0]
    assert result.text == "Tăng trưởng bình quân 7,5%."
    assert [(c.number, c.title, c.text) for c in result.children] == [
        ("a)", "Về kinh tế", "Thu ngân sách đạt 2.000 tỷ đồng.")]
    assert parts[3].children[0].number == "1.1"


def test_docx_tables_kept_as_text():
    parts = draft_read(name="du-thao.docx", data=make_docx(with_table=True))
    item = parts[1].children[0].children[0]
    assert item.text.splitlines() == ["Thu ngân sách đạt 2.000 tỷ đồng.",
                                      "Chỉ tiêu | Đơn vị | KH 2030", "GRDP | % | 10"]


def test_text_file_in_utf8_and_nfd_is_normalised():
    data = "I. Mục tiêu\n1. Tăng trưởng\nĐạt trên 10%.\n".encode()
    nfd = "I. Mu\u0323c tiêu\n".encode()
    assert draft_read(name="du-thao.txt", data=data)[0].children[0].text == "Đạt trên 10%."
    assert draft_read(name="a.txt", data=nfd)[0].title == "Mục tiêu"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("rong.docx", b"", "Tệp tải lên rỗng"),
    ("hong.docx", b"PK\x03\x04 not really a zip", "Không đọc được tệp Word"),
    ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "Tệp không phải văn bản"),
    ("latin1.txt", "I. Mục tiêu".encode("cp1258", errors="ignore") + b"\xff\xfe\xfa",
     "không mã hóa UTF-8"),
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Chỉ nhận tệp Word (.docx)"),
    ("trang.txt", b"   \n\n  ", "không có nội dung"),
])
def test_bad_uploads_refused(name, data, message):
    with pytest.raises(ValidationError) as info:
        draft_read(name=name, data=data)
    assert message in " ".join(info.value.messages)


def test_huge_upload_refused(settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError) as info:
        draft_read(name="lon.txt", data=b"a" * 1001)
    assert "Tệp quá lớn" in info.value.messages[0]
