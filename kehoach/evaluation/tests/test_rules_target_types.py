"""§3 of evaluation.md: the value of each target type, gaps and missing bases."""

from __future__ import annotations

from decimal import Decimal as D

from kehoach.evaluation.rules import (
    Comparator,
    IndicatorKind,
    Observation,
    Step,
    TargetSpec,
    TargetType,
    ValueKind,
    annual_change,
    average_growth,
    period_value,
)

A, P, E = ValueKind.ACTUAL, ValueKind.PRELIMINARY, ValueKind.ESTIMATE


def spec(target_type: TargetType, kind: IndicatorKind = IndicatorKind.GROWTH,
         direction: str = "up") -> TargetSpec:
    return TargetSpec(
        comparator=Comparator.ABOVE, value=D("7.5"), start_year=2021, end_year=2030,
        target_type=target_type, indicator_kind=kind, direction=direction,  # type: ignore[arg-type]
    )


def obs(**values: str) -> dict[int, Observation]:
    return {int(k[1:]): Observation(D(v), A) for k, v in values.items()}


def test_average_growth_geometric_mean() -> None:
    assert average_growth([D(10), D(10)]) == D(10)
    # 1.052 × 1.061 × 1.05 × 1.074 = 1.258707…; ^(1/4) = 1.059208 → 5.9208%
    value = average_growth([D("5.2"), D("6.1"), D("5.0"), D("7.4")])
    assert value is not None and value.quantize(D("0.0001")) == D("5.9208")
    assert average_growth([]) is None
    assert average_growth([D(5), D(-100)]) is None


def test_average_growth_value_over_the_years_so_far() -> None:
    series = {2021: Observation(D("5.2"), A), 2022: Observation(D("6.1"), A),
              2023: Observation(D("5.0"), P), 2024: Observation(D("7.4"), E)}
    pv = period_value(target=spec(TargetType.AVERAGE_GROWTH), series=series, base=None, last=2024)
    assert pv.value is not None and pv.value.quantize(D("0.01")) == D("5.92")
    assert (pv.first_year, pv.last_year) == (2021, 2024)
    assert pv.kind is E  # the least firm kind used
    assert pv.yearly == (D("5.2"), D("6.1"), D("5.0"), D("7.4"))
    assert Step("growth_rate", D("6.1"), 2022) in pv.steps
    assert Step("years_counted", 4) in pv.steps


def test_average_growth_from_levels_needs_the_base_year() -> None:
    target = spec(TargetType.AVERAGE_GROWTH, IndicatorKind.LEVEL)
    series = obs(y2021="110", y2022="121")
    pv = period_value(target=target, series=series, base=Observation(D(100)), last=2022)
    assert pv.value == D(10)
    assert pv.yearly == (D(10), D(10))
    missing = period_value(target=target, series=series, base=None, last=2022)
    assert missing.value is None and missing.reason == "missing_base"
    assert Step("missing_base", None, 2020) in missing.steps


def test_average_growth_with_a_gap_is_not_computable() -> None:
    pv = period_value(target=spec(TargetType.AVERAGE_GROWTH), series=obs(y2021="5", y2023="6"),
                      base=None, last=2023)
    assert pv.value is None and pv.reason == "missing_year"
    assert pv.steps == (Step("missing_year", None, 2022),)


def test_average_growth_must_start_at_the_first_year() -> None:
    pv = period_value(target=spec(TargetType.AVERAGE_GROWTH), series=obs(y2022="5", y2023="6"),
                      base=None, last=2023)
    assert pv.value is None and pv.steps == (Step("missing_year", None, 2021),)


def test_average_growth_from_levels_with_a_zero_level() -> None:
    target = spec(TargetType.AVERAGE_GROWTH, IndicatorKind.LEVEL)
    pv = period_value(target=target, series=obs(y2021="0", y2022="5"), base=Observation(D(3)),
                      last=2022)
    assert pv.value is None and pv.reason == "zero_level"


def test_annual_change_falling_and_rising() -> None:
    # poverty 10% in 2020, 8% in 2023: fell (10 − 8)/3 = 0.6667 points a year
    fall = annual_change(base_value=D(10), latest_value=D(8), base_year=2020, latest_year=2023,
                         direction=-1)
    assert fall is not None and fall.quantize(D("0.0001")) == D("0.6667")
    rise = annual_change(base_value=D(40), latest_value=D(46), base_year=2020, latest_year=2023,
                         direction=1)
    assert rise == D(2)
    # a falling target that rose: negative change in the good direction
    assert annual_change(base_value=D(10), latest_value=D(11), base_year=2020, latest_year=2022,
                         direction=-1) == D("-0.5")
    assert annual_change(base_value=D(10), latest_value=D(11), base_year=2020, latest_year=2020,
                         direction=-1) is None


def test_annual_change_value_needs_the_base_value() -> None:
    target = spec(TargetType.ANNUAL_CHANGE, IndicatorKind.RATE, direction="down")
    series = obs(y2021="9", y2022="8.5", y2023="8")
    pv = period_value(target=target, series=series, base=Observation(D(10), P), last=2023)
    assert pv.value is not None and pv.value.quantize(D("0.0001")) == D("0.6667")
    assert pv.kind is P
    assert Step("base_value", D(10), 2020) in pv.steps
    none = period_value(target=target, series=series, base=None, last=2023)
    assert none.value is None and none.reason == "missing_base"


def test_cumulative_sum_and_gap() -> None:
    target = spec(TargetType.CUMULATIVE, IndicatorKind.FLOW)
    pv = period_value(target=target, series=obs(y2021="10", y2022="12", y2023="15"), base=None,
                      last=2023)
    assert pv.value == D(37)
    assert pv.yearly == (D(10), D(12), D(15))
    gap = period_value(target=target, series=obs(y2021="10", y2023="15"), base=None, last=2023)
    assert gap.value is None and gap.steps == (Step("missing_year", None, 2022),)


def test_level_value_is_the_years_value() -> None:
    target = spec(TargetType.LEVEL, IndicatorKind.LEVEL)
    pv = period_value(target=target, series={2030: Observation(D(101), E)}, base=None, last=2030)
    assert (pv.value, pv.kind, pv.first_year, pv.last_year) == (D(101), E, 2030, 2030)
    missing = period_value(target=target, series={}, base=None, last=2030)
    assert missing.value is None and missing.steps == (Step("missing_year", None, 2030),)
