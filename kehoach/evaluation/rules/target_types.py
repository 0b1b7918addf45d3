"""The value of a target over its period, by target type (evaluation.md §3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from .calc import HUNDRED, ONE, exact, root
from .specs import (
    IndicatorKind,
    Observation,
    Series,
    Step,
    TargetSpec,
    TargetType,
    ValueKind,
)
from .status import weakest_kind


@dataclass(frozen=True)
class PeriodValue:
    """The value of a target type over ``first_year..last_year`` (or why it has none).

    ``yearly`` holds the yearly numbers the value was built from: the growth rates g_i of an
    average_growth target, the yearly flows of a cumulative one (empty otherwise).
    """

    value: Decimal | None
    first_year: int | None
    last_year: int | None
    kind: ValueKind | None
    steps: tuple[Step, ...] = ()
    reason: str | None = None
    yearly: tuple[Decimal, ...] = ()


def missing_years(series: Series, first: int, last: int) -> list[int]:
    return [year for year in range(first, last + 1) if year not in series]


def latest_year(series: Series, first: int, last: int) -> int | None:
    """The last year in ``first..last`` that has a value."""
    years = [year for year in series if first <= year <= last]
    return max(years) if years else None


@exact
def average_growth(rates: Sequence[Decimal]) -> Decimal | None:
    """``(Π (1 + g_i/100))^(1/n) − 1`` in percent; None with no rate or a growth ≤ −100%."""
    product = growth_product(rates)
    if not rates or product is None:
        return None
    mean = root(product, len(rates))
    return None if mean is None else (mean - ONE) * HUNDRED


@exact
def growth_product(rates: Sequence[Decimal]) -> Decimal | None:
    """``Π (1 + g_i/100)``; None when a factor is ≤ 0 (a fall of 100% or more)."""
    product = ONE
    for rate in rates:
        factor = ONE + rate / HUNDRED
        if factor <= 0:
            return None
        product *= factor
    return product


@exact
def annual_change(
    *, base_value: Decimal, latest_value: Decimal, base_year: int, latest_year: int, direction: int
) -> Decimal | None:
    """``(y_base − y_latest)/(t_latest − t_base)`` for a falling target (direction −1), the sign
    flipped otherwise: the yearly change in the good direction. None when no year has passed."""
    years = latest_year - base_year
    if years <= 0:
        return None
    change = (latest_value - base_value) / Decimal(years)
    return -change if direction < 0 else change


def _missing(
    first: int, last: int, years: list[int], reason: str = "missing_year"
) -> PeriodValue:
    steps = tuple(Step(reason, None, year) for year in years)
    return PeriodValue(None, first, last, None, steps, reason)


def level_value(series: Series, last: int) -> PeriodValue:
    obs = series.get(last)
    if obs is None:
        return _missing(last, last, [last])
    return PeriodValue(obs.value, last, last, obs.kind)


@exact
def growth_value(
    target: TargetSpec, series: Series, base: Observation | None, last: int
) -> PeriodValue:
    """average_growth over ``start..last``: from the first year, no gaps."""
    first = target.start_year
    gaps = missing_years(series, first, last)
    if gaps:
        return _missing(first, last, gaps)
    observations = [series[year] for year in range(first, last + 1)]
    steps: list[Step] = []
    if target.indicator_kind is IndicatorKind.GROWTH:
        rates = [obs.value for obs in observations]
    else:
        if base is None:
            return _missing(first, last, [first - 1], "missing_base")
        if any(obs.value == 0 for obs in [base, *observations[:-1]]):
            return PeriodValue(None, first, last, None, (Step("zero_level", None),), "zero_level")
        levels = [base, *observations]
        steps.append(Step("base_value", base.value, first - 1))
        steps += [Step("value", obs.value, first + i) for i, obs in enumerate(observations)]
        rates = [(b.value / a.value - ONE) * HUNDRED for a, b in pairwise(levels)]
        observations = levels
    steps += [Step("growth_rate", rate, first + i) for i, rate in enumerate(rates)]
    product = growth_product(rates)
    mean = average_growth(rates)
    kind = weakest_kind([obs.kind for obs in observations])
    if mean is None:
        return PeriodValue(None, first, last, kind, tuple(steps), "growth_below_minus_100")
    steps += [
        Step("growth_index_product", product), Step("years_counted", len(rates)),
        Step("average_growth", mean),
    ]
    return PeriodValue(mean, first, last, kind, tuple(steps), yearly=tuple(rates))


def change_value(
    target: TargetSpec, series: Series, base: Observation | None, last: int
) -> PeriodValue:
    """annual_change from the base year (the year before the period) to ``last``."""
    first = target.start_year
    if base is None:
        return _missing(first, last, [first - 1], "missing_base")
    obs = series.get(last)
    if obs is None:
        return _missing(first, last, [last])
    value = annual_change(
        base_value=base.value, latest_value=obs.value, base_year=first - 1, latest_year=last,
        direction=target.sign,
    )
    steps = (
        Step("base_value", base.value, first - 1), Step("latest_value", obs.value, last),
        Step("years_counted", last - first + 1), Step("annual_change", value),
    )
    kind = weakest_kind([base.kind, obs.kind])
    return PeriodValue(value, first, last, kind, steps)


@exact
def cumulative_value(target: TargetSpec, series: Series, last: int) -> PeriodValue:
    """cumulative: the sum of every year's value over ``start..last``, no gaps."""
    first = target.start_year
    gaps = missing_years(series, first, last)
    if gaps:
        return _missing(first, last, gaps)
    observations = [series[year] for year in range(first, last + 1)]
    flows = tuple(obs.value for obs in observations)
    total = sum(flows, Decimal(0))
    steps = [Step("value", obs.value, first + i) for i, obs in enumerate(observations)]
    steps += [Step("years_counted", len(flows)), Step("cumulative_sum", total)]
    kind = weakest_kind([obs.kind for obs in observations])
    return PeriodValue(total, first, last, kind, tuple(steps), yearly=flows)


def period_value(
    *, target: TargetSpec, series: Series, base: Observation | None, last: int
) -> PeriodValue:
    """The value of the target's type over its period up to ``last`` (the end year to judge)."""
    if target.target_type is TargetType.AVERAGE_GROWTH:
        return growth_value(target, series, base, last)
    if target.target_type is TargetType.ANNUAL_CHANGE:
        return change_value(target, series, base, last)
    if target.target_type is TargetType.CUMULATIVE:
        return cumulative_value(target, series, last)
    return level_value(series, last)
