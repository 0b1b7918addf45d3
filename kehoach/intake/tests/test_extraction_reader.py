"""Reading uploaded plan documents (.txt, .docx) into NFC text."""

from __future__ import annotations

import codecs
import io
import unicodedata
from pathlib import Path

import pytest

from kehoach.intake.extraction import extract_targets, read_text_file

SAMPLE = "Tỷ lệ che phủ rừng đạt trên 60%.\nSố xã đạt chuẩn nông thôn mới: 80 xã."


def test_utf8_text() -> None:
    assert read_text_file(SAMPLE.encode("utf-8"), "kehoach.txt") == SAMPLE


def test_utf8_with_bom() -> None:
    assert read_text_file(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "kh.TXT") == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    assert read_text_file(bom + SAMPLE.encode(encoding), "kh.txt") == SAMPLE


def test_windows_line_endings_become_newlines() -> None:
    assert read_text_file(b"Dong 1\r\nDong 2\r\n", "a.txt") == "Dong 1\nDong 2\n"


def test_nfd_text_is_returned_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", SAMPLE)
    assert read_text_file(nfd.encode("utf-8"), "a.txt") == unicodedata.normalize("NFC", SAMPLE)


def test_legacy_encoding_is_refused_in_vietnamese() -> None:
    data = "\u0110\u01a1n vi\u0323 ha\u0300nh chi\u0301nh".encode("cp1258")  # Windows-1258
    with pytest.raises(ValueError, match="Tệp không phải văn bản UTF-8"):
        read_text_file(data, "cu.txt")


def test_binary_data_is_refused() -> None:
    with pytest.raises(ValueError, match="Tệp không phải văn bản"):
        read_text_file(b"\x00\x01\x02\x03 binary \x00\x00", "anh.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t "])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="Tệp rỗng"):
        read_text_file(data, "rong.txt")


def test_too_large_file_is_refused() -> None:
    with pytest.raises(ValueError, match="Tệp quá lớn"):
        read_text_file(b"a" * 2048, "lon.txt", max_bytes=1024)


def test_too_large_file_on_disk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(ValueError, match="Tệp quá lớn"):
        read_text_file(path, max_bytes=1024)


def test_unsupported_extension_is_refused() -> None:
    with pytest.raises(ValueError, match="Chỉ nhận tệp .txt hoặc .docx"):
        read_text_file(b"%PDF-1.7", "kehoach.pdf")


def test_path_and_file_object(tmp_path: Path) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert read_text_file(path) == SAMPLE
    assert read_text_file(str(path)) == SAMPLE
    assert read_text_file(io.BytesIO(SAMPLE.encode("utf-8")), "kh.txt") == SAMPLE


def _docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("KẾ HOẠCH THỜI KỲ 2026 - 2035")
    document.add_paragraph("Tỷ lệ đô thị hóa đạt 40%.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Ghi chú"
    table.cell(1, 0).text = "Tỷ lệ hộ nghèo dưới 2%."
    table.cell(1, 1).text = "Theo chuẩn mới"
    document.add_paragraph("Tỷ lệ che phủ rừng trên 62%.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_table_cells_in_document_order() -> None:
    text = read_text_file(_docx_bytes(), "kehoach.docx")
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == [
        "KẾ HOẠCH THỜI KỲ 2026 - 2035", "Tỷ lệ đô thị hóa đạt 40%.", "Chỉ tiêu", "Ghi chú",
        "Tỷ lệ hộ nghèo dưới 2%.", "Theo chuẩn mới", "Tỷ lệ che phủ rừng trên 62%.",
    ]
    assert [t.value for t in extract_targets(text)] == [40, 2, 62]


def test_damaged_docx_is_refused() -> None:
    with pytest.raises(ValueError, match="Tệp .docx bị hỏng"):
        read_text_file(b"PK\x03\x04 not really a zip", "hong.docx")
