"""Evaluate one target for one year: status, value, comparisons, progress and explanation.

What "the evaluation for year Y" means (see DECISIONS.md):

* Only values of years ≤ Y are seen: the evaluation for 2024 is what could be said in 2024.
* Period ended by Y (end_year ≤ Y): the target is judged on its whole period: a level target on
  the end year's value, average_growth / cumulative on every year of the period, annual_change on
  the base year and the end year. Without that value the status is ``not_due`` while the period
  has not ended on ``today`` (31 December of the end year not yet past), else ``no_data``.
* Period not ended by Y (end_year > Y): status ``not_due``; the value shown is the value to date
  (a level target: the latest year ≤ Y; the other types: from the first year of the period to the
  latest year ≤ Y), with percent_of_target and the progress block (§4).
* A value built from several years has the least firm kind used (estimate > preliminary >
  actual); ``from_estimate`` is true when that kind is ``estimate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from .calc import exact, round_half_up
from .forecast import change_progress, cumulative_progress, growth_progress, level_progress
from .specs import (
    Comparator,
    Observation,
    Progress,
    Series,
    Status,
    Step,
    TargetEvaluation,
    TargetSpec,
    TargetType,
    ValueKind,
    format_period,
    to_decimal,
)
from .status import (
    change_vs_previous,
    effective_tolerance,
    judge,
    met_bounds,
    percent_of_target,
)
from .target_types import PeriodValue, latest_year, period_value

SeriesInput = Mapping[int, Observation | tuple[Decimal, ValueKind | str]]


def normalize_series(series: SeriesInput, year: int) -> dict[int, Observation]:
    """Observations of the years ≤ ``year``, as Observation(Decimal, ValueKind)."""
    result: dict[int, Observation] = {}
    for obs_year, (value, kind) in series.items():
        if obs_year <= year:
            result[obs_year] = Observation(to_decimal(value), ValueKind(kind))
    return result


def _base(target: TargetSpec, series: Series, base_value: Decimal | None) -> Observation | None:
    """The base-year value given by the caller (counted as actual), else the series' own."""
    if base_value is not None:
        return Observation(to_decimal(base_value), ValueKind.ACTUAL)
    return series.get(target.base_year)


def judge_direction(target: TargetSpec) -> int:
    """annual_change values are oriented (positive = the good way), so they are judged as up."""
    if target.target_type is TargetType.ANNUAL_CHANGE and target.sign:
        return 1
    return target.sign


def _status(target: TargetSpec, pv: PeriodValue | None, ended: bool, today: date) -> Status:
    if not ended:
        return Status.NOT_DUE
    if pv is None or pv.value is None:
        return Status.NOT_DUE if today.year <= target.end_year else Status.NO_DATA
    return judge(
        comparator=target.comparator, value=pv.value, target=target.value,
        value_max=target.value_max, tolerance=target.tolerance,
        direction=judge_direction(target), decimals=target.decimals,
    )


def target_steps(target: TargetSpec) -> list[Step]:
    """The target's own numbers and the bounds a value must lie within to be met."""
    low, high = met_bounds(
        comparator=target.comparator, target=target.value, value_max=target.value_max,
        tolerance=target.tolerance, direction=judge_direction(target),
    )
    steps = [Step("target", target.value, target.end_year)]
    if target.value_max is not None:
        steps.append(Step("target_max", target.value_max, target.end_year))
    if target.comparator in (Comparator.ABOUT, Comparator.EXACTLY):
        steps.append(Step("tolerance", effective_tolerance(target.value, target.tolerance)))
    steps.append(Step("direction_d", target.sign))
    if low is not None:
        steps.append(Step("met_if_at_least", low))
    if high is not None:
        steps.append(Step("met_if_at_most", high))
    return steps


def _previous(
    target: TargetSpec, series: Series, base: Observation | None, pv: PeriodValue
) -> tuple[Decimal | None, Decimal | None, list[Step]]:
    """Previous year's value and the change (level targets only: other values span years)."""
    if target.target_type is not TargetType.LEVEL or pv.value is None or pv.last_year is None:
        return None, None, []
    year = pv.last_year - 1
    obs = series.get(year) or (base if year == target.base_year else None)
    if obs is None:
        return None, None, []
    change = change_vs_previous(target.indicator_kind, pv.value, obs.value)
    return obs.value, change, [Step("previous_value", obs.value, year),
                               Step("change_vs_previous", change)]


def _progress(
    target: TargetSpec, series: Series, base: Observation | None, latest: int | None
) -> tuple[Progress, list[Step]]:
    pv = None if latest is None else period_value(
        target=target, series=series, base=base, last=latest
    )
    if target.target_type is TargetType.AVERAGE_GROWTH:
        return growth_progress(target, series, base, pv)
    if target.target_type is TargetType.CUMULATIVE:
        return cumulative_progress(target, series, base, pv)
    if target.target_type is TargetType.ANNUAL_CHANGE:
        return change_progress(target, series, base, pv, latest)
    return level_progress(target, series, base, latest)


@exact
def evaluate_target(
    *,
    target: TargetSpec,
    series: SeriesInput,
    base_value: Decimal | None = None,
    year: int,
    today: date,
) -> TargetEvaluation:
    """The evaluation of ``target`` for year ``year`` (see the module docstring)."""
    obs = normalize_series(series, year)
    base = _base(target, obs, base_value)
    ended = target.end_year <= year
    latest = latest_year(obs, target.base_year + 1, min(year, target.end_year))
    judged_last = target.end_year if ended else latest
    pv = None if judged_last is None else period_value(
        target=target, series=obs, base=base, last=judged_last
    )
    status = _status(target, pv, ended, today)
    progress = _progress(target, obs, base, latest)
    if pv is None:
        steps = [*target_steps(target), Step("no_value_in_period", None), *progress[1]]
        return TargetEvaluation(
            target, year, status, progress=progress[0], reason="no_value_in_period",
            explanation=tuple(steps),
        )
    return _with_value(target, year, status, pv, obs, base, progress)


def _with_value(
    target: TargetSpec, year: int, status: Status, pv: PeriodValue, obs: Series,
    base: Observation | None, progress: tuple[Progress, list[Step]],
) -> TargetEvaluation:
    """The evaluation when there is a period value (possibly not computable: see pv.reason)."""
    steps = [*target_steps(target), *pv.steps]
    percent = value_period = None
    previous, change, prev_steps = _previous(target, obs, base, pv)
    if pv.value is not None and pv.first_year is not None and pv.last_year is not None:
        if target.comparator is not Comparator.BETWEEN:
            percent = percent_of_target(pv.value, target.value)
        value_period = format_period(pv.first_year, pv.last_year)
        steps += [
            Step("value_judged", pv.value, pv.last_year),
            Step("value_rounded", round_half_up(pv.value, target.decimals)),
            Step("percent_of_target", percent),
        ]
    return TargetEvaluation(
        target=target, year=year, status=status, value=pv.value,
        value_kind=pv.kind if pv.value is not None else None, value_period=value_period,
        percent_of_target=percent, previous_value=previous, change_vs_previous=change,
        progress=progress[0], reason=pv.reason,
        explanation=(*steps, *prev_steps, *progress[1]),
    )
