"""The appendix of the "Quyết định giao chỉ tiêu": each unit's targets of a plan, as a Decree 30
Word document (the decision's header, its short body, the appendix table in landscape) and as an
.xlsx sheet with the same table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kehoach.documents import xlsx
from kehoach.documents.decree30 import Heading, number_symbol
from kehoach.plans.models import Plan
from kehoach.plans.selectors import targets_by_responsible
from kehoach.plans.wording import target_wording

from . import template
from .issuer import committee_name, issuer_for

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII", "XVIII", "XIX", "XX")

HEADER = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ", "Chỉ tiêu giao", "Ghi chú")
WIDTHS_CM = (1.4, 9.5, 2.8, 2.4, 6.5, 4.1)
WIDTHS_XLSX = (7, 50, 14, 12, 34, 22)


def appendix_rows(plan: Plan) -> tuple[list[list[Any]], list[int]]:
    """Rows (a unit's heading row ``I``, ``II`` … then its targets ``1``, ``2`` …) and the
    indexes of the heading rows."""
    rows: list[list[Any]] = []
    bold: list[int] = []
    for number, (unit, targets) in enumerate(targets_by_responsible(plan=plan)):
        bold.append(len(rows))
        label = unit.name if unit else _("Chỉ tiêu chưa giao cho đơn vị nào")
        rows.append([ROMAN[number] if number < len(ROMAN) else str(number + 1),
                     label.upper(), "", "", "", ""])
        for index, target in enumerate(targets, start=1):
            rows.append([str(index), target.indicator.name_vi, target.indicator.unit,
                         target.period, target_wording(target), ""])
    return rows, bold


def _subject(plan: Plan) -> str:
    return _("Về việc giao chỉ tiêu %(p)s") % {"p": plan.name[:1].lower() + plan.name[1:]}


def assignment_context(plan: Plan) -> dict[str, Any]:
    """The values of the decision template's fields (``reports.template``)."""
    issuer = issuer_for(plan.unit, date=None)
    heading = issuer.heading
    basis = [_("Căn cứ Luật Tổ chức chính quyền địa phương")]
    if plan.document:
        basis.append(_("Căn cứ văn bản số %(d)s về %(p)s") % {"d": plan.document, "p": plan.name})
    letterhead = Heading(body=heading.body, parent_body=heading.parent_body,
                         number=number_symbol(None, "QĐ-UBND"), place=heading.place, date=None)
    return {
        **template.letterhead(letterhead, issuer.signature, [_("Như Điều 2"), *issuer.recipients]),
        "ten_loai": _("QUYẾT ĐỊNH"),
        "trich_yeu": _subject(plan),
        "co_quan": committee_name(plan.unit),
        "ke_hoach": plan.name,
        "ke_hoach_thuong": plan.name[:1].lower() + plan.name[1:],
        "can_cu": basis,
    }


def assignment_docx(*, plan: Plan) -> bytes:
    """The decision (the province's template) and its appendix table on a landscape page."""
    doc = template.compose("assignment", assignment_context(plan))
    doc.landscape_section()
    rows, bold = appendix_rows(plan)
    doc.table_title(_("Phụ lục"), _("Chỉ tiêu giao cho các cơ quan, đơn vị, địa phương"),
                    subtitle=_("(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm "
                               "của %(b)s)") % {"b": committee_name(plan.unit)})
    doc.table(HEADER, rows, widths_cm=WIDTHS_CM, bold_rows=bold, centred=(0, 2, 3))
    return doc.to_bytes()


def assignment_xlsx(*, plan: Plan) -> bytes:
    workbook, sheet = xlsx.new_workbook(_("Giao chỉ tiêu"))
    rows, bold = appendix_rows(plan)
    xlsx.write_table(sheet, label=_("Phụ lục"),
                     title=_("Chỉ tiêu giao cho các cơ quan, đơn vị, địa phương").upper(),
                     subtitle=plan.name, header_rows=[HEADER], rows=rows, widths=WIDTHS_XLSX,
                     bold_rows=bold, landscape=True)
    return xlsx.to_bytes(workbook)
