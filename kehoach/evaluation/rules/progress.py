"""Will a target be met? Formulas of evaluation.md §4. Rates are in percent, R is a ratio."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .calc import HUNDRED, ONE, exact, nonzero, root, same_sign
from .specs import ProgressClass
from .target_types import growth_product

ON_TRACK_RATIO = Decimal("0.95")
ACCELERATION_RATIO = Decimal("0.60")
SUBSTANTIAL_TREND = Decimal("1.5")
MODERATE_TREND = Decimal("0.5")


@exact
def cagr(*, start_value: Decimal, end_value: Decimal, years: int) -> Decimal | None:
    """``(y_end / y_start)^(1/years) − 1`` in percent; None when it cannot be computed
    (no year between them, a zero start, or values of different signs)."""
    if years <= 0 or start_value == 0 or not same_sign(start_value, end_value):
        return None
    ratio = root(end_value / start_value, years)
    return None if ratio is None else (ratio - ONE) * HUNDRED


@exact
def project(*, latest_value: Decimal, rate: Decimal, years: int) -> Decimal:
    """``y_i × (1 + rate/100)^years``."""
    return latest_value * (ONE + rate / HUNDRED) ** years


@exact
def required_rate_level(
    *, target: Decimal, latest_value: Decimal, years_left: int
) -> Decimal | None:
    """``(T / y_i)^(1/(t_T − t_i)) − 1`` in percent; None with no year left, y_i = 0 or
    values of different signs."""
    if years_left <= 0 or latest_value == 0 or not same_sign(target, latest_value):
        return None
    ratio = root(target / latest_value, years_left)
    return None if ratio is None else (ratio - ONE) * HUNDRED


@exact
def required_rate_average_growth(
    *, target: Decimal, rates: Sequence[Decimal], total_years: int
) -> Decimal | None:
    """``((1 + T/100)^N / Π(1 + g_i/100))^(1/(N − n)) − 1`` in percent (None if n ≥ N)."""
    years_left = total_years - len(rates)
    product = growth_product(rates)
    goal = ONE + target / HUNDRED
    if years_left <= 0 or product is None or goal <= 0:
        return None
    ratio = root(goal**total_years / product, years_left)
    return None if ratio is None else (ratio - ONE) * HUNDRED


@exact
def required_per_year(*, remaining: Decimal, years_left: int) -> Decimal | None:
    """What is still needed, spread over the years left (cumulative, annual_change)."""
    if years_left <= 0:
        return None
    return remaining / Decimal(years_left)


@exact
def progress_ratio(
    *,
    base_value: Decimal,
    latest_value: Decimal,
    target: Decimal,
    years_observed: int,
    years_to_target: int,
    direction: int,
) -> tuple[Decimal, Decimal, Decimal] | None:
    """``(R, CAGR_o, CAGR_T)`` with ``R = s·d·CAGR_o/|CAGR_T|`` (Statistics Canada method).

    A base or target of 0 is replaced by 0.001; None for values of different signs or fewer
    than two years of data. When CAGR_T = 0 (target = base), R is ±Infinity, or 0.
    """
    base, goal = nonzero(base_value), nonzero(target)
    if years_observed <= 0 or years_to_target <= 0:
        return None
    if not same_sign(base, goal, latest_value):
        return None
    observed = cagr(start_value=base, end_value=latest_value, years=years_observed)
    needed = cagr(start_value=base, end_value=goal, years=years_to_target)
    if observed is None or needed is None:
        return None
    s = -1 if base < 0 else 1
    signed = s * direction * observed
    if needed == 0:
        ratio = Decimal("Infinity").copy_sign(signed) if signed else Decimal(0)
        return ratio, observed, needed
    return signed / abs(needed), observed, needed


def class_from_ratio(ratio: Decimal) -> ProgressClass:
    """R ≥ 0.95 on_track; 0.60 ≤ R < 0.95 acceleration_needed; 0 ≤ R < 0.60 limited_progress;
    R < 0 deterioration."""
    if ratio >= ON_TRACK_RATIO:
        return ProgressClass.ON_TRACK
    if ratio >= ACCELERATION_RATIO:
        return ProgressClass.ACCELERATION_NEEDED
    if ratio >= 0:
        return ProgressClass.LIMITED_PROGRESS
    return ProgressClass.DETERIORATION


def class_from_required_rate(
    *, required: Decimal, average: Decimal, best: Decimal, direction: int
) -> ProgressClass:
    """r ≤ average so far → on_track; r ≤ best year so far → acceleration_needed; else
    limited_progress ("≤" and "best" read in the indicator's direction: for a lower-is-better
    target r ≥ average, and the best year is the lowest)."""
    d = -1 if direction < 0 else 1
    if d * required <= d * average:
        return ProgressClass.ON_TRACK
    if d * required <= d * best:
        return ProgressClass.ACCELERATION_NEEDED
    return ProgressClass.LIMITED_PROGRESS


@exact
def trend_class(
    *, base_value: Decimal, latest_value: Decimal, years: int, direction: int
) -> ProgressClass:
    """No target: ``P = s·d·CAGR_o``; ≥ 1.5% substantial, ≥ 0.5% moderate, ≥ 0 limited, else
    deterioration. A band indicator (d = 0) has no good trend: not_available."""
    base = nonzero(base_value)
    observed = cagr(start_value=base, end_value=latest_value, years=years)
    if observed is None or direction == 0:
        return ProgressClass.NOT_AVAILABLE
    p = (-1 if base < 0 else 1) * direction * observed
    if p >= SUBSTANTIAL_TREND:
        return ProgressClass.SUBSTANTIAL
    if p >= MODERATE_TREND:
        return ProgressClass.MODERATE
    if p >= 0:
        return ProgressClass.LIMITED
    return ProgressClass.DETERIORATION


def best(values: Sequence[Decimal], direction: int) -> Decimal:
    """The best year so far: the highest, or the lowest for a lower-is-better target."""
    return min(values) if direction < 0 else max(values)
