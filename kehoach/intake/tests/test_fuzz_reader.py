"""Fuzzing the text extractor's reader (.txt and .docx) and the extraction with random, cut-off,
damaged and oversized files: only its ``ValueError`` message escapes, memory stays bounded."""

from __future__ import annotations

import io

from docx import Document
from hypothesis import given

from kehoach.core.tests.fuzz import FUZZ, MB, hostile, peak
from kehoach.intake.extraction import extract_targets
from kehoach.intake.extraction.reader import read_text_file

TEXT = "Tốc độ tăng trưởng GRDP bình quân đạt trên 7,5%/năm.\nTỷ lệ hộ nghèo giảm 1,5%/năm."


def _docx() -> bytes:
    document = Document()
    for line in TEXT.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Tỷ lệ che phủ rừng"
    table.cell(0, 1).text = "trên 70%"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DOCX = _docx()


def _read(data: bytes, name: str) -> None:
    with peak() as measured:
        try:
            text = read_text_file(data, name)
        except ValueError as exc:
            assert str(exc)
        else:
            extract_targets(text)
    assert measured() < 40 * MB


@FUZZ
@given(data=hostile(DOCX))
def test_docx(data):
    _read(data, "kh.docx")


@FUZZ
@given(data=hostile(TEXT.encode(), text=True))
def test_txt(data):
    _read(data, "kh.txt")
