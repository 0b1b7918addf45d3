"""Property tests: required rates reach the target; percent_of_target is monotonic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from kehoach.evaluation.rules import (
    Comparator,
    Observation,
    Status,
    TargetSpec,
    TargetType,
    average_growth,
    evaluate_target,
    judge,
    percent_of_target,
    required_rate_average_growth,
    required_rate_level,
)

rates = st.decimals(min_value=-20, max_value=30, places=2)
positive = st.decimals(min_value=D("0.01"), max_value=D(10) ** 7, places=2)


def close(actual: D, expected: D) -> bool:
    return abs(actual - expected) <= D("1e-6") * max(D(1), abs(expected))


@given(known=st.lists(rates, min_size=1, max_size=9), left=st.integers(1, 10),
       target=st.decimals(min_value=-10, max_value=20, places=2))
def test_required_average_growth_in_every_remaining_year_meets_the_target_exactly(
    known: list[D], left: int, target: D
) -> None:
    total = len(known) + left
    required = required_rate_average_growth(target=target, rates=known, total_years=total)
    assert required is not None
    reached = average_growth([*known, *[required] * left])
    assert reached is not None and close(reached, target)


@given(latest=positive, target=positive, left=st.integers(1, 15))
def test_required_level_rate_in_every_remaining_year_meets_the_target_exactly(
    latest: D, target: D, left: int
) -> None:
    required = required_rate_level(target=target, latest_value=latest, years_left=left)
    assert required is not None
    value = latest
    for _ in range(left):
        value *= 1 + required / 100
    assert close(value, target)


@given(a=st.decimals(min_value=-(10**6), max_value=10**6, places=3),
       b=st.decimals(min_value=-(10**6), max_value=10**6, places=3),
       target=st.decimals(min_value=-(10**6), max_value=10**6, places=3).filter(lambda t: t != 0))
def test_percent_of_target_is_monotonic(a: D, b: D, target: D) -> None:
    low, high = sorted((a, b))
    p_low, p_high = percent_of_target(low, target), percent_of_target(high, target)
    assert p_low is not None and p_high is not None
    assert (p_low <= p_high) if target > 0 else (p_low >= p_high)


RANK = {Status.NOT_MET: 0, Status.MET: 1, Status.EXCEEDED: 2}


#: comparators whose "met" region lies on the good side for each direction
CONSISTENT = {
    1: [Comparator.ABOVE, Comparator.AT_LEAST, Comparator.ABOUT, Comparator.EXACTLY],
    -1: [Comparator.BELOW, Comparator.AT_MOST, Comparator.ABOUT, Comparator.EXACTLY],
}


@given(a=rates, b=rates, target=rates, d=st.sampled_from([1, -1]), pick=st.integers(0, 3))
def test_a_better_value_never_gets_a_worse_status(
    a: D, b: D, target: D, d: int, pick: int
) -> None:
    worse, better = sorted((a, b), key=lambda v: d * v)
    comparator = CONSISTENT[d][pick]
    kw = {"comparator": comparator, "target": target, "direction": d, "decimals": 1}
    assert RANK[judge(value=worse, **kw)] <= RANK[judge(value=better, **kw)]  # type: ignore[arg-type]


@given(end=st.integers(2022, 2030), year=st.integers(2018, 2032),
       values=st.dictionaries(st.integers(2019, 2031), rates, max_size=12),
       target_type=st.sampled_from(list(TargetType)))
def test_evaluation_is_total_and_not_due_before_the_end(
    end: int, year: int, values: dict[int, D], target_type: TargetType
) -> None:
    target = TargetSpec(comparator=Comparator.ABOVE, value=D(5), start_year=2021, end_year=end,
                        target_type=target_type)
    series = {y: Observation(v) for y, v in values.items()}
    result = evaluate_target(target=target, series=series, year=year, today=date(2026, 6, 1))
    if end > year:
        assert result.status is Status.NOT_DUE
    if result.value is None:
        assert result.status in (Status.NOT_DUE, Status.NO_DATA)
    else:
        assert result.value_period is not None and result.value_kind is not None
