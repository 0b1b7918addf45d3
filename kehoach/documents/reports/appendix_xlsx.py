"""The appendix tables as an .xlsx workbook: one sheet per Biểu, numbers stored as numbers with
Vietnamese number formats (the locale tag ``[$-42A]`` makes LibreOffice print ``1.234,5``
whatever the machine's language), row heights fitted to the wrapped text, print area, header rows
repeated on every page, A4 landscape fitted to one page wide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook

from kehoach.documents import xlsx

from .appendix_model import AppendixTable, Number

VIETNAMESE = "[$-42A]"
TEXT_ALIGN = Alignment(horizontal="left", vertical="top", wrap_text=True)
CENTRE_ALIGN = Alignment(horizontal="center", vertical="top", wrap_text=True)
NUMBER_ALIGN = Alignment(horizontal="right", vertical="top")
BODY_PT = 11


def vn_format(number: Number) -> str:
    """``[$-42A]#,##0.0`` (and the ``điểm`` sections of a difference in points)."""
    return ";".join(VIETNAMESE + part for part in number.excel_format().split(";"))


def _values(table: AppendixTable) -> list[list[Any]]:
    return [
        [cell.value if isinstance(cell, Number) else cell for cell in row.cells]
        for row in table.rows
    ]


def _style_rows(ws: Any, table: AppendixTable, first: int) -> None:
    for offset, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells, start=1):
            target = ws.cell(row=first + offset, column=column)
            target.font = Font(name=xlsx.FONT_NAME, size=BODY_PT, bold=row.bold)
            if isinstance(cell, Number):
                target.number_format = vn_format(cell)
                target.alignment = NUMBER_ALIGN
            elif column - 1 in table.text_columns:
                target.alignment = TEXT_ALIGN
            else:
                target.alignment = CENTRE_ALIGN


def _footnotes(ws: Any, table: AppendixTable, after: int) -> int:
    """``Ghi chú:`` and one merged, wrapped line per footnote under the table."""
    row = after + 1
    if not table.footnotes:
        return after
    for index, text in enumerate([_("Ghi chú:"), *(f"- {t}" for t in table.footnotes)]):
        row += 1
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(name=xlsx.FONT_NAME, size=BODY_PT, italic=True, bold=index == 0)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=table.width)
    return row


def add_sheet(workbook: Workbook, table: AppendixTable, *, first: bool = False) -> Any:
    """Write ``table`` on a new sheet (or the workbook's first, empty one)."""
    title = table.label.replace("Biểu số", "Biểu")[:31]
    ws = workbook.active if first else workbook.create_sheet(title)
    ws.title = title
    area = xlsx.write_table(
        ws,
        label=table.label,
        title=table.title.upper(),
        subtitle=table.subtitle,
        unit_note=table.unit_note,
        header_rows=table.header,
        rows=_values(table),
        widths=table.widths,
        bold_rows=[i for i, r in enumerate(table.rows) if r.bold],
        landscape=True,
    )
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="right")
    _style_rows(ws, table, area.first_row)
    for cell in ws[area.header_last]:  # the column numbering: italic, not bold
        cell.font = Font(name=xlsx.FONT_NAME, size=BODY_PT, italic=True)
    last = _footnotes(ws, table, area.last_row)
    xlsx.fit_row_heights(ws, 1, last)
    ws.print_area = f"A1:{ws.cell(row=last, column=table.width).coordinate}"
    ws.freeze_panes = ws.cell(row=area.first_row, column=3)
    return ws


def appendices_sheets(
    workbook: Workbook, tables: Sequence[AppendixTable], *, first: bool = False
) -> None:
    """Add one sheet per table to ``workbook`` (``first``: use its empty first sheet)."""
    for index, table in enumerate(tables):
        add_sheet(workbook, table, first=first and index == 0)


def appendices_xlsx(tables: Sequence[AppendixTable]) -> bytes:
    """The tables as an .xlsx file."""
    workbook = Workbook()
    appendices_sheets(workbook, tables, first=True)
    return xlsx.to_bytes(workbook)
