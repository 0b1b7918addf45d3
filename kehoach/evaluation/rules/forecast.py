"""The progress block of each target type (evaluation.md §4), with the numbers it used."""

from __future__ import annotations

from decimal import Decimal

from .calc import exact, nonzero
from .progress import (
    best,
    cagr,
    class_from_ratio,
    class_from_required_rate,
    progress_ratio,
    project,
    required_per_year,
    required_rate_average_growth,
    required_rate_level,
)
from .specs import Comparator, Observation, Progress, ProgressClass, Series, Step, TargetSpec
from .status import effective_tolerance, is_met
from .target_types import PeriodValue

Origin = tuple[int, Decimal]


def origin(target: TargetSpec, series: Series, base: Observation | None, latest: int) -> Origin | None:
    """y_0: the base year (the year before the period), else the first year with data."""
    if base is not None:
        return target.base_year, base.value
    years = sorted(year for year in series if target.base_year < year < latest)
    return (years[0], series[years[0]].value) if years else None


def progress_direction(target: TargetSpec) -> int:
    """The indicator's direction; for a band indicator the comparator's (+1 unless below)."""
    if target.sign:
        return target.sign
    return -1 if target.comparator in (Comparator.BELOW, Comparator.AT_MOST) else 1


def level_goal(target: TargetSpec, latest: Decimal) -> tuple[int, Decimal | None, bool]:
    """(direction of progress, value to reach, already reached?) for a level target.

    ``between`` and band targets are reached inside their band and move towards the nearer edge.
    """
    t = target.value
    if target.comparator is Comparator.BETWEEN:
        high = target.value_max if target.value_max is not None else t
        if latest < t:
            return 1, t, False
        if latest > high:
            return -1, high, False
        return 0, None, True
    d = progress_direction(target)
    if target.sign == 0 and target.comparator in (Comparator.ABOUT, Comparator.EXACTLY):
        if abs(latest - t) <= effective_tolerance(t, target.tolerance):
            return 0, t, True
        d = 1 if latest < t else -1
    return d, t, d * (latest - t) >= 0


def _empty(target: TargetSpec, base: Observation | None) -> Progress:
    return Progress(target.base_year, base.value if base else None)


@exact
def _trajectory(
    target: TargetSpec, start: Origin | None, latest: Origin, goal: Decimal | None, d: int
) -> tuple[Decimal | None, Decimal | None, list[Step]]:
    """Projection at the observed CAGR and R towards ``goal``; returns (projected, R, steps)."""
    if start is None or start[0] >= latest[0]:
        return None, None, [Step("fewer_than_two_years", None)]
    (t0, y0), (ti, yi) = start, latest
    years_left = target.end_year - ti
    steps = [Step("progress_origin", y0, t0), Step("latest_value", yi, ti)]
    observed = cagr(start_value=nonzero(y0), end_value=yi, years=ti - t0)
    projected = None
    if observed is not None:
        steps.append(Step("cagr_observed", observed))
        if years_left > 0:
            projected = project(latest_value=yi, rate=observed, years=years_left)
            steps.append(Step("projected_value", projected, target.end_year))
    if goal is None:
        return projected, None, steps
    found = progress_ratio(
        base_value=y0, latest_value=yi, target=goal, years_observed=ti - t0,
        years_to_target=target.end_year - t0, direction=d,
    )
    if found is None:
        return projected, None, [*steps, Step("different_signs", None)]
    ratio, _, needed = found
    steps += [
        Step("goal_value", goal, target.end_year), Step("cagr_target", needed), Step("sign_s", -1 if nonzero(y0) < 0 else 1),
        Step("direction_d", d), Step("ratio_r", ratio),
    ]
    return projected, ratio, steps


def _ratio_class(achieved: bool, ratio: Decimal | None) -> ProgressClass:
    if achieved:
        return ProgressClass.TARGET_ACHIEVED
    return ProgressClass.NOT_AVAILABLE if ratio is None else class_from_ratio(ratio)


@exact
def level_progress(
    target: TargetSpec, series: Series, base: Observation | None, latest: int | None
) -> tuple[Progress, list[Step]]:
    """Level target: required rate (T/y_i)^(1/(t_T − t_i)) − 1, projection, class by R."""
    if latest is None:
        return _empty(target, base), [Step("no_value_in_period", None)]
    yi = series[latest].value
    d, goal, achieved = level_goal(target, yi)
    years_left = target.end_year - latest
    required = None
    if goal is not None:
        required = required_rate_level(target=goal, latest_value=yi, years_left=years_left)
    start = origin(target, series, base, latest)
    projected, ratio, steps = _trajectory(target, start, (latest, yi), None if achieved else goal, d)
    steps += [Step("years_left", years_left), Step("required_rate", required)]
    progress = Progress(
        target.base_year, base.value if base else None, latest, yi, None, required, projected,
        _ratio_class(achieved, ratio),
    )
    return progress, steps


@exact
def change_progress(
    target: TargetSpec, series: Series, base: Observation | None, pv: PeriodValue | None,
    latest: int | None,
) -> tuple[Progress, list[Step]]:
    """annual_change: the implied end level y_0 ± T·(t_T − t_0) is tracked like a level target;
    the required rate is the change per year still needed (in the good direction)."""
    start = origin(target, series, base, latest) if latest is not None else None
    if latest is None or start is None:
        return _empty(target, base), [Step("fewer_than_two_years", None)]
    yi = series[latest].value
    orient = target.sign or 1
    goal = start[1] + orient * target.value * (target.end_year - start[0])
    d = target.sign or (1 if target.value >= 0 else -1)
    achieved = d * (yi - goal) >= 0
    years_left = target.end_year - latest
    required = required_per_year(remaining=orient * (goal - yi), years_left=years_left)
    projected, ratio, steps = _trajectory(target, start, (latest, yi), None if achieved else goal, d)
    steps += [Step("years_left", years_left), Step("required_change", required)]
    progress = Progress(
        target.base_year, base.value if base else None, latest, yi,
        pv.value if pv else None, required, projected, _ratio_class(achieved, ratio),
    )
    return progress, steps


@exact
def growth_progress(
    target: TargetSpec, series: Series, base: Observation | None, pv: PeriodValue | None,
) -> tuple[Progress, list[Step]]:
    """average_growth: compare the required rate r with the average and the best year so far;
    target_achieved (or limited_progress) only once every year of the period is known."""
    if pv is None or pv.value is None or pv.last_year is None:
        return _empty(target, base), [Step("average_not_computable", None)]
    rates = pv.yearly
    required = required_rate_average_growth(
        target=target.value, rates=rates, total_years=target.years
    )
    top = best(rates, progress_direction(target))
    steps = [
        Step("years_total", target.years), Step("years_counted", len(rates)),
        Step("average_to_date", pv.value), Step("best_year_so_far", top),
        Step("required_rate", required),
    ]
    ended = len(rates) >= target.years
    cls = _end_or_rate_class(target, pv.value, pv.value, required, ended, top)
    latest = series[pv.last_year].value
    progress = Progress(
        target.base_year, base.value if base else None, pv.last_year, latest, pv.value,
        required, None, cls,
    )
    return progress, steps


def _end_or_rate_class(
    target: TargetSpec, value: Decimal, average: Decimal, required: Decimal | None, ended: bool,
    top: Decimal,
) -> ProgressClass:
    """At the end: target_achieved or limited_progress; before: the required-rate comparison.

    ``value`` is judged against the target; ``average`` and ``top`` are the average and the best
    year so far, in the same unit as ``required``.
    """
    met = is_met(
        comparator=target.comparator, value=value, target=target.value,
        value_max=target.value_max, tolerance=target.tolerance, direction=target.sign,
    )
    if ended:
        return ProgressClass.TARGET_ACHIEVED if met else ProgressClass.LIMITED_PROGRESS
    if required is None:
        return ProgressClass.NOT_AVAILABLE
    return class_from_required_rate(
        required=required, average=average, best=top, direction=progress_direction(target)
    )


@exact
def _flow_projection(
    target: TargetSpec, series: Series, base: Observation | None, total: Decimal, latest: int
) -> tuple[Decimal | None, list[Step]]:
    """The sum so far plus the yearly flow projected at its observed CAGR for the years left."""
    start = origin(target, series, base, latest)
    years_left = target.end_year - latest
    if start is None or years_left <= 0:
        return None, []
    yi = series[latest].value
    observed = cagr(start_value=nonzero(start[1]), end_value=yi, years=latest - start[0])
    if observed is None:
        return None, [Step("different_signs", None)]
    future = [project(latest_value=yi, rate=observed, years=k) for k in range(1, years_left + 1)]
    projected = total + sum(future, Decimal(0))
    steps = [
        Step("progress_origin", start[1], start[0]), Step("latest_value", yi, latest),
        Step("cagr_observed", observed), Step("projected_value", projected, target.end_year),
    ]
    return projected, steps


@exact
def cumulative_progress(
    target: TargetSpec, series: Series, base: Observation | None, pv: PeriodValue | None,
) -> tuple[Progress, list[Step]]:
    """cumulative: required = (T − sum so far) / years left a year, compared with the average
    and the best year's flow; target_achieved as soon as the sum meets a higher-is-better target."""
    if pv is None or pv.value is None or pv.last_year is None:
        return _empty(target, base), [Step("sum_not_computable", None)]
    flows, total, last = pv.yearly, pv.value, pv.last_year
    average = total / len(flows)
    years_left = target.end_year - last
    required = required_per_year(remaining=target.value - total, years_left=years_left)
    top = best(flows, progress_direction(target))
    projected, steps = _flow_projection(target, series, base, total, last)
    steps += [
        Step("average_to_date", average), Step("best_year_so_far", top),
        Step("years_left", years_left), Step("required_per_year", required),
    ]
    met_early = (
        target.sign > 0 and target.comparator is not Comparator.BETWEEN
        and is_met(comparator=target.comparator, value=total, target=target.value,
                   tolerance=target.tolerance, direction=target.sign)
    )
    cls = ProgressClass.TARGET_ACHIEVED if met_early else _end_or_rate_class(
        target, total, average, required, years_left <= 0, top
    )
    progress = Progress(
        target.base_year, base.value if base else None, last, series[last].value, average,
        required, projected, cls,
    )
    return progress, steps
