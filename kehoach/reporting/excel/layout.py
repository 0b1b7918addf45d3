"""The layout of a form in Excel, shared by the export and the import.

Sheet ``Bieu``: title rows, two header rows (labels, then column numbers), one row per template
row starting at ``FIRST_ROW``. Columns: STT, Chỉ tiêu, Đơn vị tính, then the template's columns,
then one “Giải trình” column per entered column. A hidden sheet ``_kehoach`` carries what the
import needs to recognise the file: template code and version, round, unit, a checksum of the row
layout, the merged ranges, and the version of every entered cell at the time of the export.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from kehoach.reporting.models import ColumnSource, Submission
from kehoach.reporting.selectors import GridColumn, template_columns

SHEET = "Bieu"
META_SHEET = "_kehoach"
FORMAT = "kehoach-form/1"
HEADER_ROW = 6
NUMBER_ROW = 7
FIRST_ROW = 8
FIXED = (_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"))


@dataclass(frozen=True)
class Layout:
    columns: list[GridColumn]
    letters: dict[str, str]  # column key → letter
    note_letters: dict[str, str]  # entered column key → letter of its note column
    last_letter: str

    @property
    def width(self) -> int:
        return len(FIXED) + len(self.columns) + len(self.note_letters)


def layout_for(submission: Submission) -> Layout:
    columns = template_columns(template=submission.template, round=submission.round)
    letters, notes = {}, {}
    index = len(FIXED)
    for gc in columns:
        index += 1
        letters[gc.column.key] = get_column_letter(index)
    for gc in columns:
        if gc.column.source == ColumnSource.ENTERED:
            index += 1
            notes[gc.column.key] = get_column_letter(index)
    return Layout(columns=columns, letters=letters, note_letters=notes,
                  last_letter=get_column_letter(index))


def layout_checksum(submission: Submission) -> str:
    """Changes when rows or columns of the template change (or are reordered)."""
    parts = [f"{r.pk}:{r.number}:{r.label}" for r in submission.template.rows.order_by("position")]
    parts += [f"{c.key}:{c.source}" for c in submission.template.columns.order_by("position")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]
