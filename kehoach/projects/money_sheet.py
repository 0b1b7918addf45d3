"""The second sheet of the projects workbook: each project's capital plan and monthly
disbursement by year (tỷ đồng), ``Dự án | Năm | Kế hoạch vốn | T1 … T12 | Đã giải ngân | Tỷ lệ (%)``.

``export_projects`` writes it and ``import_projects`` reads it back in the same transaction as the
project list (interfaces.md extended compatibly: a CSV, or a workbook without that sheet, has no
money and changes none). The projects are named as on the first sheet; a blank cell changes
nothing; ``Đã giải ngân`` and ``Tỷ lệ (%)`` are computed and not read.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kehoach.core.exchange.importer import CREATED, UNCHANGED, UPDATED, ImportResult
from kehoach.core.exchange.reader import (
    ExchangeError,
    FileSpec,
    Row,
    RowError,
    RowProblem,
    raw_rows,
    read_table,
    xlsx_sheet_count,
)
from kehoach.core.files import is_zip
from kehoach.projects import services
from kehoach.projects.models import CapitalPlan, Disbursement, Project

MONTHS = tuple(range(1, 13))
MONEY_HEADER = ("Dự án", "Năm", "Kế hoạch vốn", *[f"T{m}" for m in MONTHS], "Đã giải ngân",
                "Tỷ lệ (%)")
MONEY_SHEET = 1  # the second sheet
MONEY_SPEC = FileSpec(
    name="capital",
    required=("project", "year"),
    optional=("capital_plan", *[f"m{m}" for m in MONTHS], "disbursed", "rate"),
    aliases={"dự án": "project", "tên dự án": "project", "năm": "year",
             "kế hoạch vốn": "capital_plan", "đã giải ngân": "disbursed", "tỷ lệ (%)": "rate",
             **{f"t{m}": f"m{m}" for m in MONTHS}, **{f"tháng {m}": f"m{m}" for m in MONTHS}},
    number_columns=("year", "capital_plan", *[f"m{m}" for m in MONTHS], "disbursed", "rate"),
)
_LABELS = {"project": "Dự án", "year": "Năm", "capital_plan": "Kế hoạch vốn",
           **{f"m{m}": f"T{m}" for m in MONTHS}}


def has_money_sheet(data: bytes, filename: str) -> bool:
    """A workbook with a second sheet that has more than a header row."""
    if not (filename.lower().endswith((".xlsx", ".xlsm")) or is_zip(data)) or \
            xlsx_sheet_count(data) <= MONEY_SHEET:
        return False
    filled = (row for row in raw_rows(data, filename, MONEY_SHEET) if any(c.strip() for c in row))
    return sum(1 for _row in itertools.islice(filled, 2)) > 1


def _error(line: int, column: str, message: str) -> RowError:
    return RowError(line, _LABELS.get(column, column),
                    _("trang “Vốn và giải ngân”: %(m)s") % {"m": message})


def _year(row: Row) -> int:
    year = row.number("year")
    if year is None or year != year.to_integral_value():
        raise RowProblem("year", _("năm phải là một số như 2024."))
    return int(year)


def _amounts(row: Row) -> tuple[Decimal | None, dict[int, Decimal]]:
    months = {m: amount for m in MONTHS if (amount := row.number(f"m{m}")) is not None}
    return row.number("capital_plan"), months


def _store(row: Row, project: Project, actor: Any) -> str:
    year = _year(row)
    planned, months = _amounts(row)
    before = (set(CapitalPlan.objects.filter(project=project, year=year).values_list("amount")),
              set(Disbursement.objects.filter(project=project, year=year)
                  .values_list("month", "amount")))
    if planned is not None:
        services.capital_plan_set(project=project, actor=actor, year=year, amount=planned)
    for month, amount in months.items():
        if (month, amount) not in before[1]:
            services.disbursement_set(project=project, actor=actor, year=year, month=month,
                                      amount=amount)
    after = (set(CapitalPlan.objects.filter(project=project, year=year).values_list("amount")),
             set(Disbursement.objects.filter(project=project, year=year)
                 .values_list("month", "amount")))
    if after == before:
        return UNCHANGED
    return UPDATED if before[0] or before[1] else CREATED


def _project(row: Row, projects: dict[str, Project]) -> Project:
    name = " ".join(row.get("project").split())
    project = projects.get(name)
    if project is None:
        raise RowProblem("project", _("không có dự án “%(n)s” trong danh mục của kế hoạch (trang "
                                      "đầu của tệp).") % {"n": name})
    return project


def money_import(*, data: bytes, filename: str, locale: str, ctx: dict[str, Any],
                 result: ImportResult) -> None:
    """Read the money sheet of ``data`` (if any) and store it; errors and counts go to
    ``result`` (the caller's transaction rolls everything back on an error)."""
    if not has_money_sheet(data, filename):
        return
    try:
        rows = read_table(data, filename, spec=MONEY_SPEC, locale=locale, sheet=MONEY_SHEET)
    except ExchangeError as exc:
        result.errors.extend(_error(e.line, e.column, e.message) for e in exc.errors)
        return
    seen: dict[tuple[str, str], int] = {}
    # the plan's projects read once (the first sheet's rows are stored by now), not one per row
    projects = {p.name: p for p in Project.objects.filter(plan=ctx["plan"])}
    for row in rows:
        key = (" ".join(row.get("project").split()), row.get("year"))
        if key in seen:
            result.errors.append(_error(row.line, "", _("trùng với dòng %(l)s.") % {"l": seen[key]}))
            continue
        seen[key] = row.line
        try:
            outcome = _store(row, _project(row, projects), ctx.get("actor"))
        except RowProblem as problem:
            result.errors.append(_error(row.line, problem.column, problem.message))
            continue
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                result.errors.append(_error(row.line, column if column != "amount" else "",
                                            "; ".join(messages)))
            continue
        result.created += outcome == CREATED
        result.updated += outcome == UPDATED
        result.unchanged += outcome == UNCHANGED
