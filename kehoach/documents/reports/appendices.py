"""The appendices of a plan report in the official layout: Biểu số 01 … 04.

- **Biểu số 01** the main indicators: ``TH N-1 | KH N | ƯTH N | KH N+1 | ƯTH N/KH N (%) |
  ƯTH N/TH N-1 (%) | KH N+1/ƯTH N (%)``, with the unit of measure, rows ``I``, ``1``, ``1.1``;
- **Biểu số 02** the targets by the unit that carries them out;
- **Biểu số 03** the tasks of the year (action programme);
- **Biểu số 04** priority projects: the year's capital plan and disbursement by funding source.

Usage (the report writer)::

    from kehoach.documents.reports.appendices import (
        appendices_add_to_docx, appendices_xlsx, appendix_tables)

    tables = appendix_tables(plan=plan, year=2024, issuer_date=date)   # list[AppendixTable]
    appendices_add_to_docx(doc, tables)      # doc: Decree30Document; one landscape section each
    data = appendices_xlsx(tables)           # .xlsx bytes, one sheet per Biểu

Every ratio is computed from the numbers shown in its own row (rounded first); for an indicator
in % (rate, share, growth rate) the comparison columns hold the difference in percentage points
("+0,3 điểm"), never a rate divided by a rate: each table says so in its footnote. A table with no
row (no task, no project) is left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.models import AnyUser
from kehoach.documents.xlsx import MERGE_LEFT, MERGE_UP
from kehoach.evaluation.services import PlanEvaluation, plan_evaluate
from kehoach.plans.models import Plan
from kehoach.units.models import Unit

from .appendix_docx import appendices_add_to_docx
from .appendix_model import AppendixRow, AppendixTable, Number, cell_text
from .appendix_programme import bieu03_rows, bieu04_rows
from .appendix_targets import annual_indicators, bieu01_rows, bieu02_rows
from .appendix_xlsx import appendices_sheets, appendices_xlsx
from .issuer import issuer_for


def points_note() -> str:
    """The footnote of the tables that compare rates."""
    return _(
        "Đối với chỉ tiêu tính bằng tỷ lệ phần trăm (tỷ lệ, tỷ trọng, tốc độ tăng), các cột "
        "so sánh ghi mức chênh lệch theo điểm phần trăm (điểm), không lấy tỷ lệ chia cho "
        "tỷ lệ."
    )


def attached_note(plan: Plan, issuer_date: dt.date | None, unit: Unit | None = None) -> str:
    """``(Kèm theo Báo cáo số      /BC-UBND ngày      của Ủy ban nhân dân tỉnh …)``."""
    issuer = issuer_for(unit or plan.unit, date=issuer_date)
    number = issuer.heading.number.removeprefix("Số:").rstrip()
    return _("(Kèm theo Báo cáo số%(n)s ngày      tháng      năm %(y)s của %(b)s)") % {
        "n": number,
        "y": issuer_date.year if issuer_date else "",
        "b": issuer.name,
    }


def _bieu01(evaluation: PlanEvaluation, owner: Unit, subtitle: str) -> AppendixTable:
    n = evaluation.year
    header: list[list[Any]] = [
        [
            _("STT"),
            _("Chỉ tiêu"),
            _("Đơn vị tính"),
            _("TH %(y)s") % {"y": n - 1},
            _("KH %(y)s") % {"y": n},
            _("ƯTH %(y)s") % {"y": n},
            _("KH %(y)s") % {"y": n + 1},
            _("So sánh"),
            MERGE_LEFT,
            MERGE_LEFT,
            _("Ghi chú"),
        ],
        [MERGE_UP] * 7
        + [
            _("ƯTH %(a)s/KH %(a)s (%%)") % {"a": n},
            _("ƯTH %(a)s/TH %(b)s (%%)") % {"a": n, "b": n - 1},
            _("KH %(c)s/ƯTH %(a)s (%%)") % {"a": n, "c": n + 1},
            MERGE_UP,
        ],
        ["A", "B", "C", "1", "2", "3", "4", "5=3/2", "6=3/1", "7=4/3", "D"],
    ]
    rows = bieu01_rows(
        evaluation=evaluation, owner=owner, extra=annual_indicators(evaluation.plan, n, owner)
    )
    return AppendixTable(
        key="01",
        label=_("Biểu số 01"),
        title=_("Các chỉ tiêu chủ yếu kế hoạch phát triển kinh tế - xã hội năm %(y)s") % {"y": n},
        subtitle=subtitle,
        header=header,
        rows=rows,
        widths=[6, 30, 9, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5, 18],
        text_columns=(1, 10),
        footnotes=[
            _(
                "TH: thực hiện; KH: kế hoạch; ƯTH: ước thực hiện (số liệu của năm tại ngày lập "
                "biểu: thực hiện, sơ bộ hoặc ước, ghi tại cột Ghi chú)."
            ),
            _(
                "Các cột so sánh được tính từ các số liệu ghi trên cùng dòng; ô để trống khi thiếu "
                "một trong hai số liệu."
            ),
            points_note(),
            _(
                "Dòng 1.1, 1.2…: các mục tiêu khác của chỉ tiêu trong kế hoạch (bình quân, lũy kế "
                "giai đoạn, mục tiêu đến cuối kỳ) và mức độ thực hiện đến nay."
            ),
        ],
    )


def _bieu02(evaluation: PlanEvaluation, owner: Unit, subtitle: str, day: dt.date) -> AppendixTable:
    n = evaluation.year
    header = [
        [
            _("STT"),
            _("Chỉ tiêu"),
            _("Đơn vị tính"),
            _("Địa bàn"),
            _("Chỉ tiêu kế hoạch"),
            _("KH %(y)s") % {"y": n},
            _("ƯTH %(y)s") % {"y": n},
            _("ƯTH %(a)s/KH %(a)s (%%)") % {"a": n},
            _("Đánh giá"),
        ],
        ["A", "B", "C", "D", "E", "1", "2", "3=2/1", "F"],
    ]
    return AppendixTable(
        key="02",
        label=_("Biểu số 02"),
        title=_("Kết quả thực hiện chỉ tiêu năm %(y)s theo đơn vị thực hiện") % {"y": n},
        subtitle=subtitle,
        header=header,
        rows=bieu02_rows(evaluation=evaluation, owner=owner, day=day),
        widths=[6, 30, 9, 15, 25, 10, 10, 10, 23],
        text_columns=(1, 3, 4, 8),
        footnotes=[
            _(
                "Chỉ tiêu của toàn địa bàn được xếp theo cơ quan chịu trách nhiệm theo dõi (cơ "
                "quan đã sáp nhập: cơ quan kế thừa tại ngày lập biểu); chỉ tiêu giao riêng cho "
                "đơn vị (xã, phường, sở, ngành) xếp theo đơn vị đó."
            ),
            _(
                "Cột 1 chỉ ghi số khi chỉ tiêu là mức của riêng năm %(y)s; cột 3 tính từ cột 2 và "
                "cột 1 trên cùng dòng."
            )
            % {"y": n},
            points_note(),
        ],
    )


def _bieu03(
    plan: Plan, year: int, today: dt.date, subtitle: str, unit: Unit | None, user: AnyUser | None
) -> AppendixTable:
    header = [
        [
            _("STT"),
            _("Nhiệm vụ"),
            _("Cơ quan chủ trì"),
            _("Thời gian hoàn thành"),
            _("Sản phẩm"),
            _("Tình trạng"),
            _("Tiến độ (%)"),
            _("Kết quả thực hiện"),
        ],
        ["A", "B", "C", "D", "E", "F", "1", "G"],
    ]
    return AppendixTable(
        key="03",
        label=_("Biểu số 03"),
        title=_("Tình hình thực hiện các nhiệm vụ năm %(y)s") % {"y": year},
        subtitle=subtitle,
        header=header,
        rows=bieu03_rows(plan=plan, year=year, today=today, unit=unit, user=user),
        widths=[6, 40, 18, 13, 12, 13, 8, 28],
        text_columns=(1, 2, 3, 4, 5, 7),
        footnotes=[
            _("Tình trạng, tiến độ và kết quả theo báo cáo của các cơ quan chủ trì đến ngày %(d)s.")
            % {"d": min(today, dt.date(year, 12, 31)).strftime("%d/%m/%Y")}
        ],
    )


def _bieu04(plan: Plan, year: int, subtitle: str, unit: Unit | None) -> AppendixTable:
    header = [
        [
            _("STT"),
            _("Tên dự án"),
            _("Địa điểm"),
            _("Giai đoạn"),
            _("Tổng mức đầu tư"),
            _("Kế hoạch vốn năm %(y)s") % {"y": year},
            _("Giải ngân năm %(y)s") % {"y": year},
            _("Tỷ lệ giải ngân (%)"),
            _("Tình trạng"),
        ],
        ["A", "B", "C", "D", "1", "2", "3", "4=3/2", "E"],
    ]
    return AppendixTable(
        key="04",
        label=_("Biểu số 04"),
        title=_("Tình hình thực hiện và giải ngân các dự án đầu tư năm %(y)s") % {"y": year},
        subtitle=subtitle,
        unit_note=_("Đơn vị tính: tỷ đồng"),
        header=header,
        rows=bieu04_rows(plan=plan, year=year, unit=unit),
        widths=[6, 37, 17, 11, 12, 12, 12, 10, 15],
        text_columns=(1, 2, 8),
        footnotes=[
            _(
                "Dòng tổng cộng và dòng nguồn vốn là tổng các số ghi trong biểu; tỷ lệ "
                "giải ngân = giải ngân / kế hoạch vốn của cùng dòng."
            )
        ],
    )


def appendix_tables(
    *,
    plan: Plan,
    year: int,
    issuer_date: dt.date | None,
    unit: Unit | None = None,
    evaluation: PlanEvaluation | None = None,
    subtitle: str | None = None,
    user: AnyUser | None = None,
) -> list[AppendixTable]:
    """Biểu số 01 … 04 of ``plan`` for ``year`` (tables without rows are left out).

    ``unit``: the figures of that unit instead of the plan's; ``evaluation``: reuse one already
    made (``plan_evaluate(plan=plan, year=year, unit=unit, user=None)``); ``subtitle``: the line
    under each title, by default ``(Kèm theo Báo cáo số … của <the issuer on issuer_date>)``.
    ``user``: whose report it is (None: the planning office or the command line, everything);
    a reporter's Biểu 03 lists only the tasks it may see — pass its ``evaluation`` too, made
    with ``user``. Tasks stand as on 31/12 of ``year`` (or ``issuer_date`` if earlier)."""
    if evaluation is None:
        evaluation = plan_evaluate(plan=plan, year=year, unit=unit, user=None)
    owner = unit or plan.unit
    scope = unit if unit is not None and unit.pk != plan.unit_id else None
    note = attached_note(plan, issuer_date, unit) if subtitle is None else subtitle
    today = issuer_date or timezone.localdate()
    tables = [
        _bieu01(evaluation, owner, note),
        _bieu02(evaluation, owner, note, today),
        _bieu03(plan, year, today, note, scope, user),
        _bieu04(plan, year, note, scope),
    ]
    return [table for table in tables if table.rows]


__all__ = [
    "AppendixRow",
    "AppendixTable",
    "Number",
    "appendices_add_to_docx",
    "appendices_sheets",
    "appendices_xlsx",
    "appendix_tables",
    "attached_note",
    "cell_text",
]
