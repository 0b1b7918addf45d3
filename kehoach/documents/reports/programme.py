"""The action programme's task table and the priority project list, as the attachments provinces
issue: a Decree 30 appendix (.docx, landscape) and an .xlsx whose first sheet is the exchange
layout itself (header on row 1: ``kehoach import_tasks`` / ``import_projects`` read it back).
The projects workbook adds a second sheet with the capital plan and disbursement by month."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.documents import xlsx
from kehoach.documents.decree30 import Decree30Document, Heading, number_symbol
from kehoach.plans.models import Plan
from kehoach.projects.money_sheet import MONEY_HEADER
from kehoach.projects.selectors import project_list, project_totals, project_years, rate
from kehoach.tasks.models import TaskGroup
from kehoach.tasks.selectors import task_list

from . import template
from .issuer import committee_name, issuer_for

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
TASK_HEADER = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành",
               "Sản phẩm", "Tình trạng")
PROJECT_HEADER = ("STT", "Tên dự án", "Lĩnh vực", "Địa điểm", "Nguồn vốn",
                  "Tổng mức đầu tư (tỷ đồng)", "Giai đoạn", "Tình trạng")
# The .xlsx adds, after the document's columns, what the import reads back so that exporting and
# importing into an empty database gives the same programme (issue 12).
TASK_EXTRA = ("Ghi chú", "Tiến độ (%)", "Ngày hoàn thành")
PROJECT_EXTRA = ("Chủ đầu tư", "Đơn vị báo cáo giải ngân", "Nhóm dự án", "Nhiệm vụ liên quan",
                 "Ghi chú")


def task_table(plan: Plan, *, extra: bool = False) -> tuple[list[list[Any]], list[int]]:
    """Rows grouped as the documents group them (``I. NHIỆM VỤ TRỌNG TÂM`` then its tasks);
    ``extra``: with the columns of ``TASK_EXTRA``."""
    tasks = list(task_list(user=None, plan=plan))
    rows: list[list[Any]] = []
    bold: list[int] = []
    groups = [g for g in TaskGroup.values if any(t.group == g for t in tasks)]
    for index, group in enumerate(groups):
        bold.append(len(rows))
        rows.append([ROMAN[index], str(TaskGroup(group).label).upper(), "", "", "", "", "",
                     *(["", "", ""] if extra else [])])
        for task in (t for t in tasks if t.group == group):
            more = [task.note, task.percent, task.completed_on] if extra else []
            rows.append([task.number, task.text, task.lead_unit.name,
                         "; ".join(u.name for u in task.coordinating_units.all()),
                         task.deadline_text, task.product, task.get_status_display(), *more])
    return rows, bold


def project_table(plan: Plan, *, extra: bool = False) -> list[list[Any]]:
    """``extra``: with the columns of ``PROJECT_EXTRA``."""
    rows: list[list[Any]] = []
    projects = project_list(user=None, plan=plan)
    if extra:  # the related tasks' numbers: one query, not one a project
        projects = projects.prefetch_related("tasks")
    for project in projects:
        more = [project.investor, project.investor_unit.code if project.investor_unit else "",
                project.group, "; ".join(t.number for t in project.tasks.all()),
                project.note] if extra else []
        rows.append([project.number or str(len(rows) + 1), project.name, project.sector,
                     project.location.name if project.location else "",
                     project.get_funding_source_display(), project.total_investment,
                     project.phase, project.get_status_display(), *more])
    return rows


def programme_context(plan: Plan, title: str) -> dict[str, Any]:
    """The values of the attachment template's fields (``reports.template``)."""
    issuer = issuer_for(plan.unit, date=None)
    heading = Heading(body=issuer.heading.body, parent_body=issuer.heading.parent_body,
                      number=number_symbol(None, "KH-UBND"), place=issuer.heading.place,
                      date=None)
    return {
        **template.letterhead(heading),
        "ten_phu_luc": title.upper(),
        "ke_hoach_thuong": plan.name[:1].lower() + plan.name[1:],
        "so_van_ban": plan.document,
        "co_quan": committee_name(plan.unit),
    }


def _compose(plan: Plan, title: str, body: Decree30Document) -> bytes:
    return template.compose("programme", programme_context(plan, title), body).to_bytes()


def tasks_docx(*, plan: Plan) -> bytes:
    """The task table in the province's attachment template (landscape)."""
    body = Decree30Document(landscape=True)
    rows, bold = task_table(plan)
    body.table(TASK_HEADER, rows, widths_cm=(1.2, 8.0, 3.6, 4.2, 3.0, 3.0, 2.7), bold_rows=bold,
               size=11)
    return _compose(plan, _("Danh mục nhiệm vụ triển khai thực hiện kế hoạch"), body)


def tasks_xlsx(*, plan: Plan) -> bytes:
    workbook, sheet = xlsx.new_workbook(_("Nhiệm vụ"))
    rows, bold = task_table(plan, extra=True)
    xlsx.write_table(sheet, title="", header_rows=[TASK_HEADER + TASK_EXTRA], rows=rows,
                     bold_rows=bold, widths=(7, 60, 30, 36, 22, 22, 18, 24, 10, 14),
                     landscape=True)
    return xlsx.to_bytes(workbook)


def projects_docx(*, plan: Plan, year: int) -> bytes:
    """The priority projects and the year's capital plan by source, in the province's
    attachment template (landscape)."""
    doc = Decree30Document(landscape=True)
    rows = project_table(plan)
    doc.table(PROJECT_HEADER, rows, widths_cm=(1.2, 7.0, 3.0, 3.4, 3.0, 2.6, 2.2, 3.3),
              numeric={5}, decimals=1, size=11)
    projects = list(project_list(user=None, plan=plan, year=year))
    totals = project_totals(projects=projects, year=year)
    doc.paragraph("")
    doc.table_title("", _("Kế hoạch vốn và giải ngân năm %(y)s") % {"y": year},
                    unit_note=_("Đơn vị tính: tỷ đồng"))
    body = [[str(i), t.label, t.capital_plan, t.disbursed, _pct(t.rate)]
            for i, t in enumerate(totals.by_source, start=1)]
    body.append(["", _("Tổng cộng"), totals.all.capital_plan, totals.all.disbursed,
                 _pct(totals.all.rate)])
    doc.table(("STT", _("Nguồn vốn"), _("Kế hoạch vốn"), _("Đã giải ngân"), _("Tỷ lệ (%)")),
              body, widths_cm=(1.2, 8, 4, 4, 3), numeric={2, 3}, decimals=1, right={4},
              bold_rows=[len(body) - 1], size=11)
    return _compose(plan, _("Danh mục dự án ưu tiên đầu tư"), doc)


def _pct(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def projects_xlsx(*, plan: Plan) -> bytes:
    workbook, sheet = xlsx.new_workbook(_("Dự án"))
    xlsx.write_table(sheet, title="", header_rows=[PROJECT_HEADER + PROJECT_EXTRA],
                     rows=project_table(plan, extra=True),
                     widths=(7, 50, 18, 26, 20, 16, 12, 22, 30, 16, 8, 14, 24), decimals={5: 1},
                     landscape=True)
    money = workbook.create_sheet(_("Vốn và giải ngân"))
    rows = []
    for project in project_list(user=None, plan=plan):
        for year in project_years(project=project):
            rows.append([project.name, year["year"], year["plan"],
                         *[year["months"].get(m) for m in range(1, 13)], year["disbursed"],
                         rate(year["disbursed"], year["plan"])])
    # header on row 1, as on the first sheet: ``import_projects`` reads it back (money_sheet)
    xlsx.write_table(money, title="", header_rows=[MONEY_HEADER], rows=rows,
                     widths=(64, 7, 12, *[8] * 12, 12, 9), plain={1}, centre_first=False,
                     landscape=True)
    return xlsx.to_bytes(workbook)
