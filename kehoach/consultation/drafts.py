"""Reading an uploaded draft (.docx or UTF-8 .txt) into sections and items.

Headings and numbered paragraphs start a new part: ``I.`` (a section), ``1.`` (an item of it),
``a)`` or ``1.1.`` (an item of the item). Other paragraphs, and tables (one line per row, cells
separated by `` | ``), are the text of the current part. Text before the first heading becomes a
part without a number. Word's automatic list numbering is not text and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from kehoach.core import files
from kehoach.core.text import clean_text

TITLE_MAX = 300
PATTERNS = [
    (1, re.compile(r"^(?P<n>[IVXLC]{1,6})[.)]\s+(?P<t>\S.*)$")),
    (3, re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<t>\S.*)$")),
    (2, re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<t>\S.*)$")),
    (3, re.compile(r"^(?P<n>[a-zđ]\))\s+(?P<t>\S.*)$")),
]


@dataclass
class DraftPart:
    number: str
    title: str
    level: int
    lines: list[str] = field(default_factory=list)
    children: list[DraftPart] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def heading_of(line: str) -> tuple[int, str, str] | None:
    """``"II. Mục tiêu"`` → ``(1, "II", "Mục tiêu")``; not a heading → ``None``."""
    for level, pattern in PATTERNS:
        match = pattern.match(line)
        if match:
            return level, match["n"], match["t"].strip()
    return None


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or cells[-1] != text:  # merged cells repeat their text
                cells.append(text)
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


def _docx_blocks(document: Any) -> Iterator[tuple[str, str]]:
    """("heading" | "para" | "table", text) in reading order."""
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = " ".join(paragraph.text.split())
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if text:
                yield ("heading" if style.startswith(("Heading", "Title")) else "para"), text
        elif tag == "tbl":
            for line in _table_lines(Table(element, document)):
                yield "table", line


class _Builder:
    def __init__(self) -> None:
        self.parts: list[DraftPart] = []
        self.stack: list[DraftPart] = []

    def start(self, level: int, number: str, title: str) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if len(title) > TITLE_MAX:
            part = DraftPart(number, "", level, [title])
        else:
            part = DraftPart(number, title, level)
        (self.stack[-1].children if self.stack else self.parts).append(part)
        self.stack.append(part)

    def add_text(self, line: str) -> None:
        if not self.stack:
            self.start(1, "", "")
        self.stack[-1].lines.append(line)


def parts_from_blocks(blocks: Iterator[tuple[str, str]]) -> list[DraftPart]:
    builder = _Builder()
    for kind, text in blocks:
        text = clean_text(text)
        found = heading_of(text) if kind != "table" else None
        if found:
            builder.start(*found)
        elif kind == "heading":
            builder.start(1, "", text[:TITLE_MAX])
        else:
            builder.add_text(text)
    return builder.parts


def _check_size(data: bytes) -> None:
    limit = settings.KEHOACH_MAX_UPLOAD_BYTES
    if not data:
        raise ValidationError(_("Tệp tải lên rỗng. Hãy chọn tệp dự thảo (.docx hoặc .txt)."))
    if len(data) > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": round(len(data) / 1048576, 1), "limit": round(limit / 1048576, 1)}
        )


def _read_docx(data: bytes) -> list[DraftPart]:
    import io

    damaged = _("Không đọc được tệp Word: tệp hỏng hoặc không phải định dạng .docx.")
    try:  # zip bombs: refused before any XML is parsed
        files.check_ooxml(data, kind=".docx", damaged=damaged)
    except files.FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    try:
        document = Document(io.BytesIO(data))
        return parts_from_blocks(_docx_blocks(document))
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds for a damaged file
        raise ValidationError(damaged) from exc


def _read_text(data: bytes) -> list[DraftPart]:
    if b"\x00" in data:
        raise ValidationError(_("Tệp không phải văn bản: chỉ nhận tệp .docx hoặc .txt (UTF-8)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("Tệp văn bản không mã hóa UTF-8 (dòng có lỗi gần byte %(pos)s). Hãy lưu lại tệp "
              "với bảng mã UTF-8 rồi tải lên lại.") % {"pos": exc.start}
        ) from exc
    lines = (" ".join(line.split()) for line in text.splitlines())
    return parts_from_blocks(("para", line) for line in lines if line)


def draft_read(*, name: str, data: bytes) -> list[DraftPart]:
    """The parts of an uploaded draft; a clear ``ValidationError`` for a file it cannot use."""
    _check_size(data)
    lower = name.lower()
    if data[:2] == b"PK" or lower.endswith(".docx"):
        parts = _read_docx(data)
    elif lower.endswith((".txt", ".text")) or not lower.rpartition(".")[1]:
        parts = _read_text(data)
    else:
        raise ValidationError(_("Chỉ nhận tệp Word (.docx) hoặc văn bản (.txt, UTF-8)."))
    if not parts:
        raise ValidationError(_("Tệp không có nội dung văn bản nào để đưa lên lấy ý kiến."))
    return parts
