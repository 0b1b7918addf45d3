"""The appendix table as .xlsx (official layout, numbers stored as numbers, A4 landscape), and
a sheet with the counts by group."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl.workbook import Workbook

from kehoach.documents import xlsx

from .content import PlanReport
from .issuer import issuer_for
from .word import appendix_header, appendix_note, appendix_title

WIDTHS = (6, 42, 12, 26, 14, 16, 11, 13, 24)
STATUS_COLUMNS = ("exceeded", "met", "not_met", "no_data", "not_due")
#: Column numbers under the header, as the province's forms print them.
COLUMN_NUMBERS = ("A", "B", "C", "1", "2", "3", "4", "5", "6")


def points_format(decimals: int) -> str:
    """``+0,5 điểm`` / ``-1,2 điểm``: a change of a rate, still a number."""
    body = xlsx.number_format(decimals)
    return f'+{body}" điểm";-{body}" điểm";0" điểm"'


def _rows(report: PlanReport) -> tuple[list[list[Any]], list[int], list[Any]]:
    """Table rows, group row indexes and, per row, the report row (None for a group row)."""
    rows: list[list[Any]] = []
    bold: list[int] = []
    sources: list[Any] = []
    for group in report.groups:
        bold.append(len(rows))
        rows.append([group.number, group.label.upper()] + [None] * 7)
        sources.append(None)
        for row in group.rows:
            rows.append([int(row.number), row.name, row.measure, row.plan_text, row.previous,
                         row.current, row.percent, row.change, row.assessment])
            sources.append(row)
    return rows, bold, sources


def _formats(sheet: Any, first_row: int, sources: list[Any]) -> None:
    """Per-row number formats: the indicator's decimals, percent to 1 place, points."""
    for offset, row in enumerate(sources):
        if row is None:
            continue
        line = first_row + offset
        for column in (5, 6):
            sheet.cell(row=line, column=column).number_format = xlsx.number_format(row.decimals)
        sheet.cell(row=line, column=7).number_format = xlsx.number_format(1)
        sheet.cell(row=line, column=8).number_format = (
            points_format(2) if row.change_in_points else xlsx.number_format(1))
        if row.current_estimate and row.current is not None:
            sheet.cell(row=line, column=6).number_format += '" (ước)"'


def _counts_sheet(workbook: Workbook, report: PlanReport) -> None:
    sheet = workbook.create_sheet(_("Theo nhóm"))
    counts = report.counts
    rows: list[list[Any]] = []
    for group in report.groups:
        block = counts["by_group"][group.key]
        rows.append([group.number, group.label, block["total"],
                     *[block[s] for s in STATUS_COLUMNS], block["met_or_exceeded"]])
    rows.append(["", _("Tổng số"), counts["total"], *[counts[s] for s in STATUS_COLUMNS],
                 counts["met_or_exceeded"]])
    header = [_("STT"), _("Nhóm chỉ tiêu"), _("Tổng số chỉ tiêu"), _("Vượt"), _("Đạt"),
              _("Không đạt"), _("Chưa có số liệu"), _("Chưa đến kỳ"), _("Đạt và vượt")]
    xlsx.write_table(sheet, title=_("SỐ CHỈ TIÊU THEO KẾT QUẢ ĐÁNH GIÁ NĂM %(y)s") % {
        "y": report.year}, subtitle=report.plan.name, unit_note=_("Đơn vị tính: chỉ tiêu"),
        header_rows=[header], rows=rows, widths=[6, 34, 12, 9, 9, 11, 12, 12, 11],
        decimals=dict.fromkeys(range(2, 9), 0), bold_rows=[len(rows) - 1], landscape=True)


def report_xlsx(report: PlanReport) -> bytes:
    issuer = issuer_for(report.reporting_unit, date=report.date)
    workbook, sheet = xlsx.new_workbook(_("Phụ lục"))
    rows, bold, sources = _rows(report)
    area = xlsx.write_table(
        sheet, label=_("Phụ lục"), title=appendix_title(report.year).upper(),
        subtitle=appendix_note(issuer), header_rows=[appendix_header(report.year),
                                                     list(COLUMN_NUMBERS)],
        rows=rows, widths=WIDTHS, decimals={0: 0}, bold_rows=bold, landscape=True)
    _formats(sheet, area.first_row, sources)
    sheet.freeze_panes = sheet.cell(row=area.first_row, column=3)
    _counts_sheet(workbook, report)
    return xlsx.to_bytes(workbook)
