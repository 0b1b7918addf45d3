"""Word templates (docxtpl) edited the way a person does in Word, for the template tests of
each document kind, and the text of a generated document read back with python-docx."""

from __future__ import annotations

import io
from typing import Any

from docx import Document

from kehoach.documents.reports.template import default_template


def _paragraphs(document: Any) -> list[Any]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for cell in table._cells:
            paragraphs.extend(cell.paragraphs)
    return paragraphs


def edited_template(replace: dict[str, str], kind: str = "report") -> bytes:
    """The built-in template of ``kind`` with some paragraphs' text changed."""
    document = Document(io.BytesIO(default_template(kind)))
    for paragraph in _paragraphs(document):
        for old, new in replace.items():
            if old in paragraph.text:
                text = paragraph.text.replace(old, new)
                for run in paragraph.runs[1:]:
                    run._r.getparent().remove(run._r)
                paragraph.runs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph's text, in the body and in the tables (one cell after the other)."""
    return [p.text for p in _paragraphs(Document(io.BytesIO(data)))]
