"""``plan_evaluate``: every target of a plan for a year, with the numbers behind each status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from kehoach.core.models import AnyUser
from kehoach.evaluation.models import StatusOverride
from kehoach.evaluation.rules import (
    Comparator,
    Direction,
    IndicatorKind,
    TargetEvaluation,
    TargetSpec,
    TargetType,
    evaluate_target,
    to_json,
)
from kehoach.evaluation.selectors import evaluation_targets, override_active_map
from kehoach.evaluation.services.series import UnitSeries, load_series
from kehoach.plans.models import Phrasing, Plan, Target
from kehoach.units.models import Unit

STATUSES = ("exceeded", "met", "not_met", "no_data", "not_due")


@dataclass
class TargetResult:
    target: Target
    unit: Unit
    series: UnitSeries
    evaluation: TargetEvaluation | None
    item: dict[str, Any]
    override: StatusOverride | None = None
    applied: bool = False
    error: str = ""

    @property
    def status(self) -> str:
        return self.item["status"]

    @property
    def effective_status(self) -> str:
        return self.override.status if self.override else self.status

    @property
    def sources(self) -> set[str]:
        return set(self.series.sources.values())


@dataclass
class PlanEvaluation:
    plan: Plan
    year: int
    unit: Unit | None
    results: list[TargetResult]
    counts: dict[str, Any] = field(default_factory=dict)
    counts_with_overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def items(self) -> list[dict[str, Any]]:
        return [r.item for r in self.results]


def target_spec(target: Target, plan: Plan, year: int | None = None) -> TargetSpec:
    """The rules' view of ``target``; a target the document says to maintain ("duy trì trên
    70%") is judged in every year of its plan on that year's value (with ``year``)."""
    ind = target.indicator
    end_year = target.end_year
    if year is not None and target.phrasing == Phrasing.MAINTAIN \
            and target.target_type == "level" and plan.start_year <= year < target.end_year:
        end_year = year  # judged on the year's own value
    return TargetSpec(
        comparator=Comparator(target.comparator), value=target.value,
        start_year=min(target.start_year, end_year), end_year=end_year,
        target_type=TargetType(target.target_type), value_max=target.value_max,
        tolerance=target.tolerance, direction=Direction(ind.direction),
        indicator_kind=IndicatorKind(ind.kind),
        decimals=ind.decimals, plan_start_year=min(plan.start_year, target.start_year),
    )


def _empty_item(plan: Plan, target: Target, unit: Unit) -> dict[str, Any]:
    progress = dict.fromkeys(
        ("base_year", "base_value", "latest_year", "latest_value", "average_to_date",
         "required_rate", "projected_value"))
    return {
        "plan": plan.code, "indicator": target.indicator.code, "unit": unit.code,
        "period": target.period, "comparator": target.comparator, "target": float(target.value),
        "target_type": target.target_type, "value": None, "value_kind": None,
        "value_period": None, "status": "no_data", "percent_of_target": None,
        "previous_value": None, "change_vs_previous": None,
        "progress": {**progress, "progress_class": "not_available"},
    }


def override_json(override: StatusOverride) -> dict[str, Any]:
    return {
        "status": override.status, "reason": override.reason,
        "by": override.by.username if override.by else None,
        "at": override.at.isoformat(),
    }


def _qualitative(plan: Plan, target: Target, unit: Unit, series: UnitSeries) -> TargetResult:
    """A target without a figure: no computed status; the planning office's judgement (its
    status override for the year, with history) is the status, "chưa có" until it is given."""
    item = _with_responsible(_empty_item(plan, target, unit), target)
    item.update(target=None, judged_by="planning_office")
    return TargetResult(target, unit, series, None, item)


def _evaluate_one(plan, target, unit, series, year, today) -> TargetResult:
    if target.target_type == "qualitative":
        return _qualitative(plan, target, unit, series)
    try:
        spec = target_spec(target, plan, year)
        evaluation = evaluate_target(
            target=spec, series=series.observations, year=year, today=today
        )
    except ValueError as exc:
        return TargetResult(target, unit, series, None,
                            _with_responsible(_empty_item(plan, target, unit), target),
                            error=str(exc))
    item = to_json(evaluation, plan=plan.code, indicator=target.indicator.code, unit=unit.code)
    return TargetResult(target, unit, series, evaluation, _with_responsible(item, target))


def _with_responsible(item: dict[str, Any], target: Target) -> dict[str, Any]:
    """The item with ``responsible_unit`` (a code or None) after ``period``, as interfaces.md
    shows it."""
    responsible = target.responsible_unit.code if target.responsible_unit else None
    ordered: dict[str, Any] = {}
    for key, value in item.items():
        ordered[key] = value
        if key == "period":
            ordered["responsible_unit"] = responsible
    return ordered


def count_statuses(statuses: list[tuple[str, str]]) -> dict[str, Any]:
    """Counts of (group, status) pairs, overall and by group, and "X/Y đạt và vượt"."""

    def block(values: list[str]) -> dict[str, int]:
        counter = Counter(values)
        counts = {s: counter.get(s, 0) for s in STATUSES}
        counts["total"] = len(values)
        counts["met_or_exceeded"] = counts["met"] + counts["exceeded"]
        counts["judged"] = counts["met_or_exceeded"] + counts["not_met"]
        return counts

    groups: dict[str, list[str]] = {}
    for group, status in statuses:
        groups.setdefault(group, []).append(status)
    return {**block([s for _g, s in statuses]),
            "by_group": {g: block(v) for g, v in groups.items()}}


def plan_evaluate(*, plan: Plan, year: int, unit: Unit | None = None,
                  user: AnyUser | None) -> PlanEvaluation:
    """The evaluation of every target of ``plan`` the user may see, for ``year``.

    With ``unit``: that unit's targets; if the plan has none for it, the plan unit's targets
    applied to the unit (drill-down; additive totals are left out, see
    docs/evaluation-decisions.md). Values: the unit's own, else consolidated ones.
    """
    rows = evaluation_targets(plan=plan, unit=unit, user=user, year=year)
    first = min((min(plan.start_year, t.start_year) - 1 for t, _u, _a in rows), default=year)
    series = load_series(
        pairs={(t.indicator_id, u.pk) for t, u, _a in rows}, first_year=first, last_year=year
    )
    overrides = override_active_map(targets=[t for t, _u, a in rows if not a], year=year)
    today = timezone.localdate()
    results = []
    for target, target_unit, applied in rows:
        result = _evaluate_one(plan, target, target_unit,
                               series[(target.indicator_id, target_unit.pk)], year, today)
        result.applied = applied
        result.override = None if applied else overrides.get(target.pk)
        if result.override:
            result.item["override"] = override_json(result.override)
            if result.item.get("judged_by") == "planning_office":  # its only status
                result.item["status"] = result.override.status
        results.append(result)
    evaluation = PlanEvaluation(plan, year, unit, results)
    evaluation.counts = count_statuses([(r.target.indicator.group, r.status) for r in results])
    evaluation.counts_with_overrides = count_statuses(
        [(r.target.indicator.group, r.effective_status) for r in results]
    )
    return evaluation
