"""The report's .xlsx: the appendix tables Biểu số 01 … 04 in the official layout (numbers stored
as numbers, A4 landscape; see ``appendices``) and a sheet with the counts by group."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from openpyxl.workbook import Workbook

from kehoach.core.models import AnyUser
from kehoach.documents import xlsx
from kehoach.evaluation.services import PlanEvaluation

from .appendices import appendices_sheets, appendix_tables
from .content import PlanReport
from .word import appendix_note, report_issuer

STATUS_COLUMNS = ("exceeded", "met", "not_met", "no_data", "not_due")


def _counts_sheet(workbook: Workbook, report: PlanReport, first: bool = False) -> None:
    sheet = workbook.active if first else workbook.create_sheet(_("Theo nhóm"))
    sheet.title = _("Theo nhóm")
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


def report_xlsx(report: PlanReport, user: AnyUser | None = None) -> bytes:
    """Biểu số 01 … 04 (``appendices``) and the counts by group.

    The old single appendix put the evaluated value of a multi-year target (a period average,
    a cumulative total) in the "% so kế hoạch" column beside the year's own value: "78,1%" next
    to "7,4 (ước)" was 5,86/7,5, and "42,8%" stood beside an empty cell. Every comparison is now
    computed from the numbers shown in its row."""
    evaluation = PlanEvaluation(report.plan, report.year, report.unit,
                                [row.result for row in report.rows])
    tables = appendix_tables(plan=report.plan, year=report.year, issuer_date=report.date,
                             unit=report.unit, evaluation=evaluation, user=user,
                             subtitle=appendix_note(report_issuer(report)))

    workbook = Workbook()
    appendices_sheets(workbook, tables, first=True)
    _counts_sheet(workbook, report, first=not tables)
    return xlsx.to_bytes(workbook)
