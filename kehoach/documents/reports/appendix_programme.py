"""Biểu số 03 (the tasks of the year, from the action programme) and Biểu số 04 (priority
projects: the year's capital plan and disbursement, by funding source).

Both read the plans of the reporting unit (and of the units merged into it) that cover the year:
an annual plan's tasks and projects usually live in the five-year plan or the master plan's
implementation plan of the same province."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from kehoach.core.models import AnyUser
from kehoach.plans.models import Plan, PlanStatus
from kehoach.projects.models import FundingSource, Project, ProjectStatus
from kehoach.projects.selectors import with_year
from kehoach.tasks.models import ProgressReport, Task, TaskGroup, TaskStatus
from kehoach.tasks.selectors import tasks_visible
from kehoach.units.models import Succession, Unit

from .appendix_model import GROUP, ITEM, TOTAL, AppendixRow, Cell, Number, number, ratio
from .appendix_targets import ROMAN

MONEY_DECIMALS = 2


def unit_family(unit: Unit) -> set[int]:
    """The unit and the units merged into it (two levels: communes → districts → province)."""
    ids, frontier = {unit.pk}, {unit.pk}
    for _level in range(2):
        frontier = (
            set(
                Succession.objects.filter(successor_id__in=frontier).values_list(
                    "predecessor_id", flat=True
                )
            )
            - ids
        )
        ids |= frontier
    return ids


def related_plans(plan: Plan, year: int) -> list[Plan]:
    """``plan`` and the plans of its unit (or merged units) that cover ``year``."""
    others = (
        Plan.objects.filter(
            unit_id__in=unit_family(plan.unit), start_year__lte=year, end_year__gte=year
        )
        .exclude(status=PlanStatus.SUPERSEDED)
        .exclude(pk=plan.pk)
        .order_by("code")
    )
    return [plan, *others]


def _task_in_year(task: Any, year: int) -> bool:
    if task.start_date and task.start_date.year > year:
        return False
    if task.completed_on:
        return task.completed_on.year >= year
    return (
        task.due_date is None
        or task.due_date.year >= year
        or task.status in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
    )


def _latest_reports(tasks: list[Any], until: dt.date) -> dict[int, ProgressReport]:
    latest: dict[int, ProgressReport] = {}
    for report in ProgressReport.objects.filter(task__in=tasks, date__lte=until).order_by(
        "task_id", "date", "id"
    ):
        latest[report.task_id] = report
    return latest


def task_state(task: Any, report: ProgressReport | None, cutoff: dt.date) -> tuple[str, Any]:
    """(status text, percent) of ``task`` as it stood on ``cutoff``: done when completed by
    then, else in progress with its last report's percent, else not started; "quá hạn" when its
    deadline had passed."""
    if task.status == TaskStatus.STOPPED:
        return str(TaskStatus.STOPPED.label), task.percent
    if task.completed_on and task.completed_on <= cutoff:
        status = (
            task.status
            if task.status in (TaskStatus.DONE, TaskStatus.DONE_LATE)
            else TaskStatus.DONE
        )
        return str(TaskStatus(status).label), Decimal(100)
    status = TaskStatus.IN_PROGRESS if report else TaskStatus.NOT_STARTED
    text = str(status.label)
    if task.due_date and task.due_date < cutoff:
        text = _("%(s)s (quá hạn)") % {"s": text}
    return text, report.percent if report else Decimal(0)


def bieu03_rows(
    *, plan: Plan, year: int, today: dt.date, unit: Unit | None = None, user: AnyUser | None = None
) -> list[AppendixRow]:
    """Tasks of the year grouped as the programme groups them (``I. NHIỆM VỤ TRỌNG TÂM``), as
    they stood at the end of the year (or ``today`` during the year)."""
    cutoff = min(today, dt.date(year, 12, 31))
    plans = related_plans(plan, year)
    qs = Task.objects.filter(plan__in=plans).select_related("lead_unit")
    if unit is not None:  # a unit's report: the tasks it leads or takes part in
        qs = qs.filter(Q(lead_unit=unit) | Q(coordinating_units=unit)).distinct()
    if user is not None:  # a reporter: only the tasks its units lead or coordinate
        qs = qs.filter(pk__in=tasks_visible(user=user).values("pk"))
    tasks = [t for t in qs.order_by("plan__code", "position", "id") if _task_in_year(t, year)]
    reports = _latest_reports(tasks, cutoff)
    rows: list[AppendixRow] = []
    for key, group_label in TaskGroup.choices:
        members = [t for t in tasks if t.group == key]
        if not members:
            continue
        rows.append(
            AppendixRow(
                [ROMAN[len([r for r in rows if r.kind == GROUP])], str(group_label).upper()]
                + [None] * 6,
                GROUP,
            )
        )
        for position, task in enumerate(members, start=1):
            report = reports.get(task.pk)
            status, percent = task_state(task, report, cutoff)
            result = f"{report.text} ({report.date.strftime('%d/%m/%Y')})" if report else ""
            rows.append(
                AppendixRow(
                    [
                        str(position),
                        task.text,
                        task.lead_unit.name,
                        task.deadline_text,
                        task.product,
                        status,
                        number(percent, 0),
                        result,
                    ],
                    ITEM,
                )
            )
    return rows


def _money(value: Any) -> Number | None:
    return number(value, MONEY_DECIMALS)


def _sum(values: list[Number | None]) -> Number:
    total = sum((v.value for v in values if v is not None), Decimal(0))
    return Number(total, MONEY_DECIMALS)


def _project_cells(position: str, project: Any) -> list[Cell]:
    planned, disbursed = _money(project.capital_plan), _money(project.disbursed)
    return [
        position,
        project.name,
        project.location.name if project.location else "",
        project.phase,
        _money(project.total_investment),
        planned,
        disbursed,
        ratio(disbursed, planned),
        str(ProjectStatus(project.status).label),
    ]


def _totals(label_text: str, number_text: str, cells: list[list[Cell]], kind: str) -> AppendixRow:
    investment = _sum([c[4] for c in cells])  # type: ignore[misc]
    planned = _sum([c[5] for c in cells])  # type: ignore[misc]
    disbursed = _sum([c[6] for c in cells])  # type: ignore[misc]
    return AppendixRow(
        [
            number_text,
            label_text,
            None,
            None,
            investment,
            planned,
            disbursed,
            ratio(disbursed, planned),
            None,
        ],
        kind,
    )


def bieu04_rows(*, plan: Plan, year: int, unit: Unit | None = None) -> list[AppendixRow]:
    """Projects of the year by funding source, each source's and the overall totals (the sums
    of the figures shown)."""
    plans = related_plans(plan, year)
    qs = with_year(Project.objects.filter(plan__in=plans), year).select_related("location")
    if unit is not None:  # a unit's report: the projects it invests in
        qs = qs.filter(investor_unit=unit)
    ordered: list[Any] = list(qs.order_by("plan__code", "position", "id"))
    projects = [
        p for p in ordered if (p.start_year <= year <= p.end_year) or p.capital_plan or p.disbursed
    ]
    blocks: list[tuple[str, list[list[Cell]]]] = []
    for key, source_label in FundingSource.choices:
        members = [p for p in projects if p.funding_source == key]
        if members:
            blocks.append(
                (
                    str(source_label),
                    [_project_cells(str(n), p) for n, p in enumerate(members, start=1)],
                )
            )
    if not blocks:
        return []
    every = [cells for _label, block in blocks for cells in block]
    rows: list[AppendixRow] = [_totals(str(_("TỔNG CỘNG")), "", every, TOTAL)]
    for index, (heading, block) in enumerate(blocks):
        rows.append(_totals(heading.upper(), ROMAN[index], block, GROUP))
        rows.extend(AppendixRow(cells, ITEM) for cells in block)
    return rows


def project_count(rows: list[AppendixRow]) -> int:
    return sum(1 for row in rows if row.kind == ITEM)


__all__ = ["bieu03_rows", "bieu04_rows", "project_count", "related_plans", "unit_family"]
