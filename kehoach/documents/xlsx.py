"""Excel tables in the layout of the province's appendix tables (Phụ lục / Biểu số …), openpyxl.

Usage::

    from kehoach.documents.xlsx import MERGE_LEFT, MERGE_UP, new_workbook, write_table, to_bytes

    wb, ws = new_workbook("Biểu 01")
    write_table(
        ws,
        title="BIỂU TỔNG HỢP CHỈ TIÊU KINH TẾ - XÃ HỘI",
        subtitle="(Kèm theo Báo cáo số …)",
        unit_note="Đơn vị tính: tỷ đồng",
        header_rows=[["STT", "Chỉ tiêu", "Năm 2025", MERGE_LEFT],
                     [MERGE_UP, MERGE_UP, "KH", "ƯTH"]],
        rows=[["I", "Kinh tế", None, None], [1, "GRDP", Decimal("42000"), 41850.5]],
        widths=[6, 40, 14, 14],
        decimals={2: 0, 3: 1},
        landscape=True,
    )
    data = to_bytes(wb)

Numbers stay numbers (``Decimal`` is written as ``float``); their number format is ``#,##0`` or
``#,##0.0…``, which Excel and LibreOffice show with the reader's separators: ``1.234,5`` on a
Vietnamese system. Text cells wrap. The sheet prints on A4, fitted to the page width, with the
header rows repeated on every page.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Times New Roman"
MERGE_LEFT = object()
"""In ``header_rows``: this cell is merged with the cell on its left."""
MERGE_UP = object()
"""In ``header_rows``: this cell is merged with the cell above it."""

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def number_format(decimals: int) -> str:
    """``0`` → ``#,##0``; ``2`` → ``#,##0.00`` (shown ``1.234,56`` in Vietnamese)."""
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * decimals


@dataclass(frozen=True)
class TableArea:
    """Where :func:`write_table` put things (1-based rows)."""

    header_first: int
    header_last: int
    first_row: int
    last_row: int


def new_workbook(sheet_title: str) -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    return workbook, sheet


def _font(size: float = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _title_lines(ws: Worksheet, width: int, lines: Sequence[tuple[str, Font, str]]) -> int:
    row = 1
    for text, font, horizontal in lines:
        if not text:
            continue
        ws.cell(row=row, column=1, value=text).font = font
        ws.cell(row=row, column=1).alignment = Alignment(horizontal=horizontal, wrap_text=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    return row


def _write_header(ws: Worksheet, start: int, header_rows: Sequence[Sequence[Any]]) -> int:
    """Header cells (bold, centred, boxed) with their merges; returns the last header row."""
    for r, values in enumerate(header_rows):
        for c, value in enumerate(values):
            cell = ws.cell(row=start + r, column=c + 1)
            cell.border, cell.alignment, cell.font = BOX, CENTRE, _font(bold=True)
            if value is not MERGE_LEFT and value is not MERGE_UP:
                cell.value = value
                _merge_from(ws, start + r, c, header_rows, r)
    return start + len(header_rows) - 1


def _merge_from(ws: Worksheet, row: int, col: int, grid: Sequence[Sequence[Any]], r: int) -> None:
    right = col
    while right + 1 < len(grid[r]) and grid[r][right + 1] is MERGE_LEFT:
        right += 1
    down = r
    while down + 1 < len(grid) and grid[down + 1][col] is MERGE_UP:
        down += 1
    if right != col or down != r:
        ws.merge_cells(start_row=row, start_column=col + 1, end_row=row + down - r,
                       end_column=right + 1)


def _write_rows(ws: Worksheet, first: int, rows: Sequence[Sequence[Any]],
                decimals: Mapping[int, int], bold_rows: set[int], plain: Collection[int] = (),
                centre_first: bool = True) -> int:
    row = first - 1
    for index, values in enumerate(rows):
        row = first + index
        for c, value in enumerate(values):
            cell = ws.cell(row=row, column=c + 1)
            cell.border, cell.font = BOX, _font(bold=index in bold_rows)
            if isinstance(value, Decimal):
                value = float(value)
            cell.value = value
            if c in plain:
                cell.number_format, cell.alignment = "0", CENTRE  # a year: 2024, not 2.024
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = number_format(decimals.get(c, 0 if isinstance(value, int)
                                                                else 1))
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:
                cell.alignment = CENTRE if c == 0 and centre_first else WRAP
    return row


def write_table(
    ws: Worksheet,
    *,
    title: str,
    header_rows: Sequence[Sequence[Any]],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] = (),
    subtitle: str = "",
    label: str = "",
    unit_note: str = "",
    decimals: Mapping[int, int] | None = None,
    bold_rows: Sequence[int] = (),
    landscape: bool = False,
    plain: Collection[int] = (),
    centre_first: bool = True,
) -> TableArea:
    """Write a titled table on ``ws``: label, title, subtitle, unit note, header rows, rows.

    ``header_rows`` may hold :data:`MERGE_LEFT` / :data:`MERGE_UP` to merge header cells.
    ``decimals`` maps a 0-based column to its number of decimals (default 0 for ``int``, 1 for
    other numbers). ``bold_rows`` are 0-based indexes into ``rows`` (group rows such as ``I``).
    ``plain`` columns hold numbers that are no amounts (years): no thousands separator, centred.
    The first column is centred (the STT column) unless ``centre_first`` is false (a name). The
    print setup is done (A4, fit to width)."""
    width = max(len(r) for r in header_rows)
    start = _title_lines(ws, width, [
        (label, _font(12, bold=True), "left"),
        (title, _font(14, bold=True), "center"),
        (subtitle, _font(12, italic=True), "center"),
        (unit_note, _font(11, italic=True), "right"),
    ])
    header_last = _write_header(ws, start, header_rows)
    last = _write_rows(ws, header_last + 1, rows, decimals or {}, set(bold_rows), plain,
                       centre_first)
    for index, size in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = size
    area = TableArea(start, header_last, header_last + 1, last)
    setup_print(ws, landscape=landscape, repeat_rows=(start, header_last))
    return area


def setup_print(ws: Worksheet, *, landscape: bool = False,
                repeat_rows: tuple[int, int] | None = None) -> None:
    """A4, fitted to one page wide, margins as in Decree 30, header rows on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top = ws.page_margins.bottom = 20 / 25.4
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&P/&N"
    if repeat_rows:
        ws.print_title_rows = f"{repeat_rows[0]}:{repeat_rows[1]}"


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


#: Width of an average character of Times New Roman in em, a little generous so that a fitted
#: row is never too short (a short row overprints the next when LibreOffice prints the sheet).
_EM = 0.46
_PX_PER_WIDTH = 7  # an Excel width unit: the width of a digit of the default font, in pixels


def _chars_per_line(width: float, size: float) -> int:
    pixels = width * _PX_PER_WIDTH
    return max(1, int(pixels / (size * _EM * 96 / 72)))


def _lines(text: str, width: float, size: float) -> int:
    per_line = _chars_per_line(width, size)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def fit_row_heights(ws: Worksheet, first: int, last: int, *, minimum: float = 15.75) -> None:
    """Set each row's height from its wrapped text (merged cells: the merged width), so that a
    printed sheet shows every line; numbers count by their shown length."""
    spans: dict[tuple[int, int], float] = {}
    for merged in ws.merged_cells.ranges:
        width = sum(ws.column_dimensions[get_column_letter(c)].width or 8.43
                    for c in range(merged.min_col, merged.max_col + 1))
        if merged.min_row == merged.max_row:
            spans[(merged.min_row, merged.min_col)] = width
    for row in range(first, last + 1):
        height = minimum
        for cell in ws[row]:
            if cell.value is None or isinstance(cell.value, bool):
                continue
            text = cell.value if isinstance(cell.value, str) else f"{cell.value:,.2f}"
            width = spans.get((row, cell.column)) or (
                ws.column_dimensions[get_column_letter(cell.column)].width or 8.43)
            size = float(cell.font.sz or 11) if cell.font else 11.0
            height = max(height, _lines(text, width, size) * size * 1.3 + 4)
        ws.row_dimensions[row].height = round(height, 2)
