"""Fuzzing the draft reader of consultations (.docx and .txt) with random, cut-off, damaged and
oversized files: only its ``ValidationError`` escapes, memory stays bounded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from hypothesis import given

from kehoach.consultation.drafts import draft_read
from kehoach.consultation.tests.test_drafts import make_docx
from kehoach.core.tests.fuzz import FUZZ, MB, hostile, peak

DOCX = make_docx(with_table=True)
TXT = "I. Mục tiêu\n1. Kinh tế\nTăng trưởng trên 7,5%.\nII. Giải pháp\n".encode()


def _read(data: bytes, name: str) -> None:
    with peak() as measured:
        try:
            draft_read(name=name, data=data)
        except ValidationError as exc:
            assert exc.messages
    assert measured() < 40 * MB


@FUZZ
@given(data=hostile(DOCX))
def test_docx_draft(data):
    _read(data, "du-thao.docx")


@FUZZ
@given(data=hostile(TXT, text=True))
def test_txt_draft(data):
    _read(data, "du-thao.txt")
