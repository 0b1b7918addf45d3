"""Which value is judged and whether it meets the target (evaluation.md §1-§2)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .calc import HUNDRED, exact, round_half_up
from .specs import (
    POINT_KINDS,
    VALUE_KIND_ORDER,
    Comparator,
    Direction,
    IndicatorKind,
    Observation,
    Status,
    ValueKind,
    check_bounds,
    check_tolerance,
    direction_sign,
)

DEFAULT_TOLERANCE_SHARE = Decimal("0.05")
#: The direction a one-sided comparator calls "better" (about/exactly follow the indicator).
COMPARATOR_SENSE = {
    Comparator.ABOVE: 1,
    Comparator.AT_LEAST: 1,
    Comparator.BELOW: -1,
    Comparator.AT_MOST: -1,
}


def pick_value(candidates: Mapping[ValueKind | str, Decimal]) -> tuple[Decimal, ValueKind] | None:
    """The first value that exists: actual → preliminary → estimate (any other kind is ignored)."""
    for kind in VALUE_KIND_ORDER:
        value = candidates.get(kind)
        if value is not None:
            return value, kind
    return None


def build_series(
    candidates_by_year: Mapping[int, Mapping[ValueKind | str, Decimal]],
) -> dict[int, Observation]:
    """A series (year → Observation) from all the values typed for each year."""
    series: dict[int, Observation] = {}
    for year, candidates in candidates_by_year.items():
        picked = pick_value(candidates)
        if picked is not None:
            series[year] = Observation(*picked)
    return series


def effective_tolerance(target: Decimal, tolerance: Decimal | None) -> Decimal:
    """The target's own tolerance, else 5% of |T|."""
    if tolerance is not None:
        return tolerance
    return abs(target) * DEFAULT_TOLERANCE_SHARE


@exact
def met_bounds(
    *,
    comparator: Comparator,
    target: Decimal,
    value_max: Decimal | None = None,
    tolerance: Decimal | None = None,
    direction: Direction | int,
) -> tuple[Decimal | None, Decimal | None]:
    """The "met when" column of evaluation.md §2 as bounds: met when low ≤ v ≤ high (None: open).

    | comparator | d = +1 | d = −1 | d = 0 |
    |---|---|---|---|
    | above, at_least | v ≥ T | v ≥ T | v ≥ T |
    | below, at_most | v ≤ T | v ≤ T | v ≤ T |
    | about | v ≥ T − tol | v ≤ T + tol | abs(v − T) ≤ tol |
    | exactly | v ≥ T | v ≤ T | abs(v − T) ≤ tol |
    | between | X ≤ v ≤ Y | X ≤ v ≤ Y | X ≤ v ≤ Y |
    """
    d = direction_sign(direction)
    comparator = Comparator(comparator)
    check_bounds(comparator, target, value_max)
    check_tolerance(tolerance)
    tol = effective_tolerance(target, tolerance)
    if comparator in (Comparator.ABOVE, Comparator.AT_LEAST):
        return target, None
    if comparator in (Comparator.BELOW, Comparator.AT_MOST):
        return None, target
    if comparator is Comparator.BETWEEN:
        return target, value_max
    slack = tol if comparator is Comparator.ABOUT else Decimal(0)
    if d > 0:
        return target - slack, None
    if d < 0:
        return None, target + slack
    return target - tol, target + tol


@exact
def is_met(
    *,
    comparator: Comparator,
    value: Decimal,
    target: Decimal,
    value_max: Decimal | None = None,
    tolerance: Decimal | None = None,
    direction: Direction | int,
) -> bool:
    """Whether the (unrounded) value meets the target (evaluation.md §2)."""
    low, high = met_bounds(
        comparator=comparator, target=target, value_max=value_max, tolerance=tolerance,
        direction=direction,
    )
    return (low is None or value >= low) and (high is None or value <= high)


@exact
def judge(
    *,
    comparator: Comparator,
    value: Decimal,
    target: Decimal,
    value_max: Decimal | None = None,
    tolerance: Decimal | None = None,
    direction: Direction | int,
    decimals: int,
) -> Status:
    """exceeded / met / not_met (evaluation.md §2).

    ``exceeded`` = met, and the value rounded (half up) to the indicator's decimals is strictly
    better than T (rounded the same way) in the indicator's direction. ``between``, band
    indicators and comparators that contradict the direction (``above`` on a lower-is-better
    indicator) are never exceeded.
    """
    met = is_met(
        comparator=comparator, value=value, target=target, value_max=value_max,
        tolerance=tolerance, direction=direction,
    )
    if not met:
        return Status.NOT_MET
    d = direction_sign(direction)
    if d == 0 or comparator == Comparator.BETWEEN or d != COMPARATOR_SENSE.get(comparator, d):
        return Status.MET
    margin = round_half_up(value, decimals) - round_half_up(target, decimals)
    return Status.EXCEEDED if d * margin > 0 else Status.MET


@exact
def percent_of_target(value: Decimal, target: Decimal) -> Decimal | None:
    """``v / T × 100``; None when T = 0."""
    if target == 0:
        return None
    return value / target * HUNDRED


@exact
def change_vs_previous(
    kind: IndicatorKind | str, value: Decimal, previous: Decimal | None
) -> Decimal | None:
    """Rates, shares, growth: ``v_t − v_{t−1}`` in points; others: ``v_t / v_{t−1} × 100``.

    None when the previous value is missing, or zero for a ratio.
    """
    if previous is None:
        return None
    if IndicatorKind(kind) in POINT_KINDS:
        return value - previous
    if previous == 0:
        return None
    return value / previous * HUNDRED


def weakest_kind(kinds: list[ValueKind]) -> ValueKind | None:
    """The least firm kind among the values combined (an estimate taints the whole result)."""
    if not kinds:
        return None
    return max(kinds, key=VALUE_KIND_ORDER.index)
