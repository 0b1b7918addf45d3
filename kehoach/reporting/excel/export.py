"""A unit's form as an .xlsx in the official layout (entry cells unlocked, the rest protected)."""

from __future__ import annotations

import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from kehoach.core.xlsx import Formula
from kehoach.reporting.excel.layout import (
    FIRST_ROW,
    FIXED,
    FORMAT,
    HEADER_ROW,
    META_SHEET,
    NUMBER_ROW,
    SHEET,
    Layout,
    layout_checksum,
    layout_for,
)
from kehoach.reporting.models import ColumnSource, Submission
from kehoach.reporting.selectors import Grid, submission_grid

THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
ENTRY_FILL = PatternFill("solid", fgColor="FFF9E0")
READONLY_FILL = PatternFill("solid", fgColor="EEEEEE")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
EXCEL_FUNCTIONS = {"abs": "ABS", "min": "MIN", "max": "MAX", "round": "ROUND"}


def number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def title_rows(ws: Worksheet, submission: Submission, layout: Layout) -> list[str]:
    round = submission.round
    legal = " ".join(p for p in [
        round.legal_number,
        _("ngày %(d)s") % {"d": round.legal_date.strftime("%d/%m/%Y")} if round.legal_date else "",
        _("của %(i)s") % {"i": round.legal_issuer} if round.legal_issuer else ""] if p)
    lines = [
        submission.template.name.upper(),
        round.title + (_(" (kèm theo Công văn số %(l)s)") % {"l": legal} if legal else ""),
        _("Đơn vị báo cáo: %(u)s (%(c)s) — số liệu của: %(s)s") % {
            "u": submission.unit.name, "c": submission.unit.code, "s": submission.subject_unit.name},
        _("Hạn gửi: %(d)s") % {"d": submission.deadline.strftime("%d/%m/%Y")},
    ]
    merged = []
    for i, text in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=text).font = BOLD if i <= 2 else NORMAL
        ws.cell(row=i, column=1).alignment = Alignment(horizontal="center" if i <= 2 else "left")
        merged.append(f"A{i}:{layout.last_letter}{i}")
        ws.merge_cells(merged[-1])
    return merged


def header(ws: Worksheet, layout: Layout) -> None:
    labels = [str(f) for f in FIXED] + [gc.label for gc in layout.columns] + [
        _("Giải trình (%(c)s)") % {"c": gc.label} for gc in layout.columns
        if gc.column.key in layout.note_letters]
    for index, label in enumerate(labels, start=1):
        for row, value in ((HEADER_ROW, label), (NUMBER_ROW, f"({index})")):
            cell = ws.cell(row=row, column=index, value=value)
            cell.font, cell.border = BOLD, BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 48
    ws.column_dimensions["C"].width = 12
    for gc in layout.columns:
        ws.column_dimensions[layout.letters[gc.column.key]].width = 14
    for letter in layout.note_letters.values():
        ws.column_dimensions[letter].width = 30


def excel_formula(formula: str, layout: Layout, excel_row: int) -> str | None:
    """``UTH_Y / KH_Y * 100`` → ``=IF(OR(F8="",E8=""),"",IFERROR(F8/E8*100,""))``: empty while
    a cell it reads is empty (as on the page: an empty cell is not 0); None when it cannot be
    written."""
    unknown: list[str] = []
    cells: list[str] = []

    def ref(match: re.Match) -> str:
        name = match.group(0)
        if name in layout.letters:
            cell = f"{layout.letters[name]}{excel_row}"
            if cell not in cells:
                cells.append(cell)
            return cell
        if name.lower() in EXCEL_FUNCTIONS:
            return EXCEL_FUNCTIONS[name.lower()]
        unknown.append(name)
        return name

    body = _IDENT.sub(ref, formula).replace(" ", "")
    if unknown or any(op in formula for op in ("<", ">", "=", " and ", " or ", "not ")):
        return None
    if not cells:
        return Formula(f'=IFERROR({body},"")')
    blank = ",".join(f'{c}=""' for c in cells)
    return Formula(f'=IF(OR({blank}),"",IFERROR({body},""))')


def data_rows(ws: Worksheet, grid: Grid, layout: Layout) -> None:
    for offset, row in enumerate(grid.rows):
        r = FIRST_ROW + offset
        unit = row.indicator.unit if row.indicator else ""
        label = row.label
        if not grid.answers(row) and grid.duty is not None:
            owners = ", ".join(str(u) for u in grid.duty.owners_of(row))
            ws.cell(row=r, column=2).comment = Comment(
                _("Chỉ xem — %(o)s chịu trách nhiệm chỉ tiêu này.") % {"o": owners}, "kehoach")
        for index, value in enumerate((row.number, label, unit), start=1):
            cell = ws.cell(row=r, column=index, value=value)
            cell.border, cell.font = BOX, BOLD if row.is_heading else NORMAL
            if index == 2:
                cell.alignment = Alignment(indent=row.indent, wrap_text=True)
        decimals = row.indicator.decimals if row.indicator else 0
        for gc in layout.columns:
            _value_cell(ws, grid, layout, gc, row, r, decimals)
        for key, letter in layout.note_letters.items():
            cell = ws[f"{letter}{r}"]
            cell.border, cell.font = BOX, NORMAL
            if not row.is_heading:
                found = grid.get(row, key)
                cell.value = (found.note or None) if found else None
                cell.alignment = Alignment(wrap_text=True)
                if grid.answers(row):
                    cell.protection, cell.fill = Protection(locked=False), ENTRY_FILL
                else:  # another unit answers for the row: context, protected
                    cell.fill = READONLY_FILL


def _value_cell(ws: Worksheet, grid: Grid, layout: Layout, gc, row, r: int, decimals: int) -> None:
    cell = ws[f"{layout.letters[gc.column.key]}{r}"]
    cell.border, cell.font = BOX, NORMAL
    if row.is_heading:
        return
    found = grid.get(row, gc.column.key)
    value = found.value if found else None
    source = gc.column.source
    if source == ColumnSource.COMPUTED:
        cell.value = excel_formula(gc.column.formula_for(row), layout, r) or (
            float(value) if value is not None else None)
        cell.number_format, cell.fill = number_format(1), READONLY_FILL
        return
    cell.value = float(value) if value is not None else None
    cell.number_format = number_format(decimals)
    if found is not None and found.editable:
        cell.protection, cell.fill = Protection(locked=False), ENTRY_FILL
    else:
        cell.fill = READONLY_FILL


def meta_sheet(wb: Workbook, submission: Submission, grid: Grid, merged: list[str]) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    rows = [
        ("format", FORMAT), ("template_code", submission.template.code),
        ("template_version", submission.template.version), ("round_code", submission.round.code),
        ("unit_code", submission.unit.code), ("submission", submission.pk),
        ("layout_checksum", layout_checksum(submission)), ("merged", " ".join(sorted(merged))),
        ("exported_at", timezone.now().isoformat()), ("cells", "row_id column version"),
    ]
    for key, value in rows:
        ws.append([key, value])
    for (row_id, key), cell in sorted(grid.cells.items()):
        if cell.editable:
            ws.append([row_id, key, cell.version])
    ws.protection.sheet = True


def export_form(*, submission: Submission) -> bytes:
    """The .xlsx of ``submission`` (the caller has checked that the user may read it)."""
    grid = submission_grid(submission=submission)
    layout = layout_for(submission)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    merged = title_rows(ws, submission, layout)
    header(ws, layout)
    data_rows(ws, grid, layout)
    ws.freeze_panes = f"D{FIRST_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{NUMBER_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    meta_sheet(wb, submission, grid, merged)
    wb.properties.title = submission.template.name
    wb.properties.subject = f"{submission.round.code}/{submission.unit.code}"
    wb.properties.keywords = f"{submission.template.code} v{submission.template.version}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
