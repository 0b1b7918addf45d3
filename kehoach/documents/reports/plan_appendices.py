"""The appendices of the plan document: Phụ lục I the targets (an annual plan's Biểu 01 seen from
the year before; a multi-year plan's targets with their period and responsible unit), Phụ lục II
the projects under way and the year's capital plan, by funding source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.documents.decree30 import Heading
from kehoach.indicators.models import Group
from kehoach.plans.models import Plan
from kehoach.plans.wording import target_wording
from kehoach.projects.models import FundingSource, ProjectStatus

from .appendices import appendix_tables
from .appendix_model import GROUP, ITEM, TOTAL, AppendixRow, AppendixTable, Number, number
from .issuer import Issuer

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def attached(plan: Plan, issuer: Issuer, heading: Heading) -> str:
    number = heading.number.removeprefix("Số:").rstrip()
    return _("(Kèm theo Kế hoạch số%(n)s ngày      tháng      năm %(y)s của %(b)s)") % {
        "n": number,
        "y": heading.date.year if heading.date else "",
        "b": issuer.name,
    }


def targets_table(plan: Plan, note: str) -> AppendixTable:
    """A multi-year plan's targets: wording, period, the unit that answers for each."""
    rows: list[AppendixRow] = []
    targets = list(
        plan.targets.filter(superseded_from__isnull=True)
        .select_related("indicator", "unit", "responsible_unit")
        .order_by("position", "id")
    )
    for key, label in Group.choices:
        members = [t for t in targets if t.indicator.group == key]
        if not members:
            continue
        rows.append(
            AppendixRow(
                [
                    ROMAN[len([r for r in rows if r.kind == GROUP])],
                    str(label).upper(),
                    None,
                    None,
                    None,
                    None,
                ],
                GROUP,
            )
        )
        for index, target in enumerate(members, start=1):
            name = target.indicator.name_vi
            if target.unit_id != plan.unit_id:
                name += f" ({target.unit.name})"
            unit = target.responsible_unit
            rows.append(
                AppendixRow(
                    [
                        str(index),
                        name,
                        target.indicator.unit,
                        target_wording(target),
                        target.period,
                        unit.name if unit else "",
                    ],
                    ITEM,
                )
            )
    header = [
        [
            _("STT"),
            _("Chỉ tiêu"),
            _("Đơn vị tính"),
            _("Chỉ tiêu kế hoạch"),
            _("Kỳ"),
            _("Cơ quan chủ trì theo dõi"),
        ],
        ["A", "B", "C", "1", "2", "D"],
    ]
    return AppendixTable(
        key="I",
        label=_("Phụ lục I"),
        title=_("Các chỉ tiêu chủ yếu"),
        subtitle=note,
        header=header,
        rows=rows,
        widths=[6, 44, 12, 34, 12, 28],
        text_columns=(1, 3, 5),
    )


def indicator_table(
    plan: Plan, year: int, note: str, date: dt.date | None
) -> AppendixTable | None:
    """An annual plan's Biểu 01 seen from the year before: TH N-2 … KH N and comparisons; None
    when the plan has no indicator to show (a new plan without targets yet)."""
    table = next(
        (t for t in appendix_tables(plan=plan, year=year - 1, issuer_date=date, subtitle=note)
         if t.key == "01"),
        None,
    )
    if table is None:
        return None
    table.label = _("Phụ lục I")
    table.title = _("Các chỉ tiêu chủ yếu kế hoạch phát triển kinh tế - xã hội năm %(y)s") % {
        "y": year
    }
    return table


def _project_cells(position: int, project: Any) -> list[Any]:
    return [
        str(position),
        project.name,
        project.location.name if project.location else "",
        project.phase,
        number(project.total_investment, 2),
        number(project.capital_plan, 2),
        str(ProjectStatus(project.status).label),
    ]


def _sum(cells: list[list[Any]], column: int) -> Number:
    total = sum((c[column].value for c in cells if c[column] is not None), Decimal(0))
    return Number(total, 2)


def projects_table(projects: list[Any], year: int, note: str) -> AppendixTable:
    blocks = []
    for key, label in FundingSource.choices:
        members = [p for p in projects if p.funding_source == key]
        if members:
            blocks.append(
                (str(label), [_project_cells(n, p) for n, p in enumerate(members, start=1)])
            )
    every = [cells for _label, block in blocks for cells in block]
    rows = [
        AppendixRow(["", _("TỔNG CỘNG"), None, None, _sum(every, 4), _sum(every, 5), None], TOTAL)
    ]
    for index, (heading, block) in enumerate(blocks):
        rows.append(
            AppendixRow(
                [ROMAN[index], heading.upper(), None, None, _sum(block, 4), _sum(block, 5), None],
                GROUP,
            )
        )
        rows.extend(AppendixRow(cells, ITEM) for cells in block)
    header = [
        [
            _("STT"),
            _("Tên dự án"),
            _("Địa điểm"),
            _("Giai đoạn"),
            _("Tổng mức đầu tư"),
            _("Kế hoạch vốn năm %(y)s") % {"y": year},
            _("Tình trạng"),
        ],
        ["A", "B", "C", "D", "1", "2", "E"],
    ]
    return AppendixTable(
        key="II",
        label=_("Phụ lục II"),
        title=_("Danh mục dự án đầu tư trọng điểm và kế hoạch vốn năm %(y)s") % {"y": year},
        subtitle=note,
        unit_note=_("Đơn vị tính: tỷ đồng"),
        header=header,
        rows=rows,
        widths=[6, 46, 22, 12, 15, 15, 18],
        text_columns=(1, 2, 6),
        footnotes=[
            _(
                "Dòng tổng cộng và dòng nguồn vốn là tổng các số ghi trong biểu; ô kế "
                "hoạch vốn bằng 0 khi dự án chưa được giao vốn năm %(y)s."
            )
            % {"y": year}
        ],
    )
