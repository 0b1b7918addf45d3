"""Biểu số 01 (the main indicators of the year) and Biểu số 02 (the targets by unit).

Biểu 01, one row per indicator of the plan (numbered ``I`` per group, ``1`` per indicator)::

    TH N-1 | KH N | ƯTH N | KH N+1 | ƯTH N/KH N (%) | ƯTH N/TH N-1 (%) | KH N+1/ƯTH N (%)

``TH``/``ƯTH`` are the values of record of the year (actual, else preliminary, else estimate; the
unit's own, else consolidated); ``KH`` is the year's plan figure: the level target of that single
year (this plan's, an annual plan's of the same unit, the one that is being built for N+1), else a
value of kind *kế hoạch*. The plan's other targets of the indicator (a period average, a
cumulative total, a level for 2030) are sub-rows ``1.1`` with their wording and how far they are,
never mixed into the year's columns. Ratios come from the numbers shown in the row; for an
indicator in % the comparison is the difference in points (a rate is not divided by a rate).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.evaluation.services import PlanEvaluation, TargetResult
from kehoach.evaluation.services.series import UnitSeries, load_series
from kehoach.indicators.models import Group, Indicator
from kehoach.plans.models import Plan, PlanKind, PlanStatus, Target
from kehoach.units.models import Unit
from kehoach.values.models import Value, ValueKind

from . import sentences
from .appendix_model import (
    GROUP,
    ITEM,
    PERCENT_KINDS,
    SUB,
    AppendixRow,
    Cell,
    Number,
    cell_text,
    compare,
    number,
)
from .issuer import unit_valid_on

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def kind_note(kind: str) -> str:
    return {"actual": _("số thực hiện"), "preliminary": _("số sơ bộ"), "estimate": _("số ước")}.get(
        kind, kind
    )


def in_points(indicator: Indicator) -> bool:
    """Compared in percentage points: rates, shares, growth rates (unit %)."""
    return indicator.kind in PERCENT_KINDS or (indicator.unit or "").strip() == "%"


@dataclass
class IndicatorLine:
    """What Biểu 01 knows about one indicator of the unit."""

    indicator: Indicator
    results: list[TargetResult]


def group_lines(
    evaluation: PlanEvaluation, owner: Unit, extra: Iterable[Indicator] = ()
) -> list[tuple[str, list[IndicatorLine]]]:
    """Indicators of the owner's targets (and ``extra`` ones), by group in catalogue order."""
    lines: dict[int, IndicatorLine] = {}
    for result in evaluation.results:
        if result.unit.pk == owner.pk:
            indicator = result.target.indicator
            lines.setdefault(indicator.pk, IndicatorLine(indicator, [])).results.append(result)
    for indicator in extra:
        lines.setdefault(indicator.pk, IndicatorLine(indicator, []))
    by_group: dict[str, list[IndicatorLine]] = defaultdict(list)
    for line in lines.values():
        by_group[line.indicator.group].append(line)
    return [
        (str(group_label), by_group[key]) for key, group_label in Group.choices if by_group.get(key)
    ]


def annual_indicators(plan: Plan, year: int, owner: Unit) -> list[Indicator]:
    """Indicators of the annual plans of ``year`` under ``plan`` (a five-year plan's year)."""
    if plan.kind == PlanKind.ANNUAL:
        return []
    targets = (
        Target.objects.filter(
            plan__parent=plan, plan__kind=PlanKind.ANNUAL, plan__start_year=year, unit=owner
        )
        .select_related("indicator")
        .order_by("plan__code", "position", "id")
    )
    return [t.indicator for t in targets]


def planned_values(
    *, plan: Plan, unit: Unit, indicators: list[Indicator], years: Iterable[int]
) -> dict[tuple[int, int], Decimal]:
    """(indicator id, year) → the year's plan figure for ``unit``.

    In order of preference: the level target of that single year in ``plan``, in an annual plan
    under ``plan``, in any annual plan of the unit not superseded (the plan for N+1 may still be a
    draft); then a value of kind *kế hoạch*."""
    years = list(years)
    ids = [i.pk for i in indicators]
    found: dict[tuple[int, int], tuple[int, Decimal]] = {}
    targets = (
        Target.objects.filter(
            indicator_id__in=ids,
            unit=unit,
            start_year__in=years,
            end_year__in=years,
            target_type="level",
            superseded_from__isnull=True,
        )
        .filter(Q(plan=plan) | Q(plan__kind=PlanKind.ANNUAL))
        .exclude(plan__status=PlanStatus.SUPERSEDED)
        .select_related("plan")
    )
    for target in targets:
        if target.start_year != target.end_year:
            continue
        rank = 0 if target.plan_id == plan.pk else 1 if target.plan.parent_id == plan.pk else 2
        key = (target.indicator_id, target.start_year)
        if key not in found or rank < found[key][0]:
            found[key] = (rank, target.value)
    for ind, period, value in Value.objects.filter(
        indicator_id__in=ids, unit=unit, kind=ValueKind.PLAN, period__in=[str(y) for y in years]
    ).values_list("indicator_id", "period", "value"):
        found.setdefault((ind, int(period)), (3, value))
    return {key: value for key, (_rank, value) in found.items()}


def _observed(series: UnitSeries | None, year: int, decimals: int) -> tuple[Number | None, str]:
    if series is None or year not in series.observations:
        return None, ""
    observation = series.observations[year]
    return number(observation.value, decimals), str(observation.kind)


def _kind_notes(year: int, previous_kind: str, current_kind: str) -> list[str]:
    notes = []
    if previous_kind and previous_kind != "actual":
        notes.append(_("TH %(y)s là %(k)s") % {"y": year - 1, "k": kind_note(previous_kind)})
    if current_kind and current_kind != "estimate":
        notes.append(_("năm %(y)s đã có %(k)s") % {"y": year, "k": kind_note(current_kind)})
    return notes


def indicator_row(
    number_text: str,
    line: IndicatorLine,
    *,
    year: int,
    series: UnitSeries | None,
    plans: dict[tuple[int, int], Decimal],
) -> AppendixRow:
    """The main row of one indicator in Biểu 01 (11 cells)."""
    indicator = line.indicator
    decimals = indicator.decimals
    previous, previous_kind = _observed(series, year - 1, decimals)
    current, current_kind = _observed(series, year, decimals)
    plan_now = number(plans.get((indicator.pk, year)), decimals)
    plan_next = number(plans.get((indicator.pk, year + 1)), decimals)
    pts = in_points(indicator)
    notes = _kind_notes(year, previous_kind, current_kind)
    cells: list[Cell] = [
        number_text,
        indicator.name_vi,
        indicator.unit,
        previous,
        plan_now,
        current,
        plan_next,
        compare(current, plan_now, in_points=pts),
        compare(current, previous, in_points=pts),
        compare(plan_next, current, in_points=pts),
        "; ".join(notes),
    ]
    return AppendixRow(cells, ITEM)


def _is_year_column(result: TargetResult, year: int) -> bool:
    target = result.target
    return target.target_type == "level" and target.start_year == target.end_year == year


def sub_rows(number_text: str, line: IndicatorLine, year: int) -> list[AppendixRow]:
    """The plan's other targets of the indicator (``1.1``): wording and assessment."""
    rows: list[AppendixRow] = []
    for result in line.results:
        if _is_year_column(result, year) or _is_year_column(result, year + 1):
            continue  # shown in the KH N (or KH N+1) column
        wording = _("Mục tiêu: %(t)s") % {"t": sentences.plan_text(result.target, year)}
        note = sentences.assessment(result, year).replace("\n", "; ")
        cells: list[Cell] = [
            f"{number_text}.{len(rows) + 1}",
            wording,
            result.target.indicator.unit,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            note,
        ]
        rows.append(AppendixRow(cells, SUB))
    return rows


def year_status_note(line: IndicatorLine, year: int) -> str:
    """The status of this year's target (``Vượt``, ``Không đạt (theo số ước)``)."""
    for result in line.results:
        if _is_year_column(result, year):
            return sentences.assessment(result, year).split("\n")[0]
    return ""


def bieu01_rows(
    *, evaluation: PlanEvaluation, owner: Unit, extra: Iterable[Indicator] = ()
) -> list[AppendixRow]:
    plan, year = evaluation.plan, evaluation.year
    groups = group_lines(evaluation, owner, extra)
    indicators = [line.indicator for _g, lines in groups for line in lines]
    series = load_series(
        pairs={(i.pk, owner.pk) for i in indicators}, first_year=year - 1, last_year=year
    )
    plans = planned_values(plan=plan, unit=owner, indicators=indicators, years=(year, year + 1))
    rows: list[AppendixRow] = []
    for index, (group_label, lines) in enumerate(groups):
        rows.append(
            AppendixRow([ROMAN[index % len(ROMAN)], group_label.upper()] + [None] * 9, GROUP)
        )
        for position, line in enumerate(lines, start=1):
            row = indicator_row(
                str(position),
                line,
                year=year,
                series=series.get((line.indicator.pk, owner.pk)),
                plans=plans,
            )
            status = year_status_note(line, year)
            if status:
                row.cells[10] = "; ".join(t for t in (status, cell_text(row.cells[10])) if t)
            rows.append(row)
            rows.extend(sub_rows(str(position), line, year))
    return rows


def _responsible(
    result: TargetResult, owner: Unit, day: dt.date, known: dict[int, Unit]
) -> Unit | None:
    """The target's own unit (a commune's, a department's target), else the department that
    answers for it as it is on ``day`` (a merged department: its successor)."""
    if result.unit.pk != owner.pk:
        return result.unit
    unit = result.target.responsible_unit
    if unit is None:
        return None
    if unit.pk not in known:
        known[unit.pk] = unit_valid_on(unit, day)
    return known[unit.pk]


def bieu02_rows(
    *, evaluation: PlanEvaluation, owner: Unit, day: dt.date | None = None
) -> list[AppendixRow]:
    """Targets by the unit that carries them out: a unit's own targets (a commune's, a
    department's), and the plan unit's targets under the department that answers for them on
    ``day`` (the document's date; today without one)."""
    year = evaluation.year
    day = day or timezone.localdate()
    known: dict[int, Unit] = {}
    by_unit: dict[int | None, list[TargetResult]] = defaultdict(list)
    units: dict[int | None, Unit | None] = {}
    for result in evaluation.results:
        unit = _responsible(result, owner, day, known)
        key = unit.pk if unit else None
        units[key] = unit
        by_unit[key].append(result)
    order = sorted(by_unit, key=lambda k: (k is None, getattr(units[k], "name", "")))
    rows: list[AppendixRow] = []
    for index, key in enumerate(order):
        unit = units[key]
        name = unit.name if unit else _("Chưa giao đơn vị chịu trách nhiệm")
        rows.append(
            AppendixRow(
                [ROMAN[index] if index < len(ROMAN) else str(index + 1), name.upper()] + [None] * 7,
                GROUP,
            )
        )
        for position, result in enumerate(by_unit[key], start=1):
            rows.append(_unit_row(position, result, year, owner))
    return rows


def _unit_row(position: int, result: TargetResult, year: int, owner: Unit) -> AppendixRow:
    indicator = result.target.indicator
    decimals = indicator.decimals
    current, _kind = _observed(result.series, year, decimals)
    target_value = number(result.target.value, decimals) if _is_year_column(result, year) else None
    place = result.unit.name if result.unit.pk != owner.pk else _("Toàn địa bàn")
    status = sentences.assessment(result, year).replace("\n", "; ")
    cells: list[Cell] = [
        str(position),
        indicator.name_vi,
        indicator.unit,
        place,
        sentences.plan_text(result.target, year),
        target_value,
        current,
        compare(current, target_value, in_points=in_points(indicator)),
        status,
    ]
    return AppendixRow(cells, ITEM)
