"""evaluate_target: status, value to date, progress and explanation for a year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from kehoach.evaluation.rules import (
    Comparator,
    Direction,
    IndicatorKind,
    Observation,
    ProgressClass,
    Status,
    Step,
    TargetEvaluation,
    TargetSpec,
    TargetType,
    ValueKind,
    evaluate_target,
)

A, P, E = ValueKind.ACTUAL, ValueKind.PRELIMINARY, ValueKind.ESTIMATE
AFTER = date(2026, 3, 1)


def q(value: D | None, places: str = "0.01") -> D:
    assert value is not None
    return value.quantize(D(places))


def series(kind: ValueKind = A, **values: str) -> dict[int, Observation]:
    return {int(k[1:]): Observation(D(v), kind) for k, v in values.items()}


def annual_growth_target(value: str = "7.0") -> TargetSpec:
    """Annual plan 2024: GRDP growth above 7.0%."""
    return TargetSpec(comparator=Comparator.ABOVE, value=D(value), start_year=2024, end_year=2024,
                      indicator_kind=IndicatorKind.GROWTH, decimals=1)


def evaluate(target: TargetSpec, data: dict[int, Observation], year: int,
             today: date = AFTER, base: D | None = None) -> TargetEvaluation:
    return evaluate_target(target=target, series=data, base_value=base, year=year, today=today)


@pytest.mark.parametrize(("value", "expected"),
                         [("7.3", Status.EXCEEDED), ("7.0", Status.MET), ("6.9", Status.NOT_MET)])
def test_single_year_target_statuses(value: str, expected: Status) -> None:
    result = evaluate(annual_growth_target(), series(y2023="6.8", y2024=value), 2024)
    assert result.status is expected
    assert result.value == D(value)
    assert result.value_kind is A and not result.from_estimate
    assert result.value_period == "2024"
    assert result.previous_value == D("6.8")
    assert result.change_vs_previous == D(value) - D("6.8")  # growth: in points


def test_single_year_target_numbers() -> None:
    result = evaluate(annual_growth_target(), series(y2023="6.8", y2024="7.3"), 2024)
    assert q(result.percent_of_target) == D("104.29")
    assert result.met_or_exceeded
    assert Step("met_if_at_least", D("7.0")) in result.explanation
    assert Step("value_rounded", D("7.3")) in result.explanation
    assert Step("previous_value", D("6.8"), 2023) in result.explanation


def test_status_from_an_estimate_is_marked() -> None:
    result = evaluate(annual_growth_target(), series(E, y2024="7.3"), 2024, date(2024, 7, 15))
    assert result.status is Status.EXCEEDED
    assert result.value_kind is E and result.from_estimate


def test_no_value_not_due_before_the_period_ends_no_data_after() -> None:
    target = annual_growth_target()
    assert evaluate(target, {}, 2024, date(2024, 12, 31)).status is Status.NOT_DUE
    late = evaluate(target, series(y2023="6.8"), 2024, date(2025, 1, 1))
    assert late.status is Status.NO_DATA
    assert late.value is None and late.value_period is None and late.percent_of_target is None
    assert Step("missing_year", None, 2024) in late.explanation


def test_values_after_the_evaluation_year_are_ignored() -> None:
    result = evaluate(annual_growth_target(), series(y2024="6.9", y2025="9"), 2024)
    assert result.value == D("6.9") and result.status is Status.NOT_MET


def grdp_per_capita_2030() -> TargetSpec:
    """GRDP per capita above 100 million in 2030, plan 2021-2030."""
    return TargetSpec(comparator=Comparator.ABOVE, value=D(100), start_year=2030, end_year=2030,
                      plan_start_year=2021, indicator_kind=IndicatorKind.PER_CAPITA)


def test_level_target_for_2030_evaluated_in_2024_is_not_due_with_progress() -> None:
    data = series(y2020="60", y2023="75", y2024="80", y2025="200")
    result = evaluate(grdp_per_capita_2030(), data, 2024)
    assert result.status is Status.NOT_DUE
    assert (result.value, result.value_period) == (D(80), "2024")
    assert result.percent_of_target == D(80)
    assert result.previous_value == D(75)
    assert q(result.change_vs_previous, "0.0001") == D("106.6667")
    progress = result.progress
    assert (progress.base_year, progress.base_value) == (2020, D(60))
    assert (progress.latest_year, progress.latest_value) == (2024, D(80))
    # CAGR_o = (80/60)^(1/4) − 1 = 7.457%; CAGR_T = (100/60)^(1/10) − 1 = 5.241%; R = 1.423
    assert q(progress.required_rate, "0.001") == D("3.789")  # (100/80)^(1/6) − 1
    assert q(progress.projected_value) == D("123.17")  # 80 × (4/3)^(6/4)
    assert progress.progress_class is ProgressClass.ON_TRACK
    ratio = next(s.value for s in result.explanation if s.key == "ratio_r")
    assert isinstance(ratio, D) and q(ratio, "0.001") == D("1.423")


def test_level_progress_base_value_from_the_caller_and_worked_check() -> None:
    target = TargetSpec(comparator=Comparator.AT_LEAST, value=D(150), start_year=2025,
                        end_year=2025, plan_start_year=2021)
    result = evaluate(target, series(y2023="125"), 2023, base=D(100))
    assert result.progress.progress_class is ProgressClass.ACCELERATION_NEEDED
    assert result.progress.base_value == D(100)
    assert Step("cagr_target", None) not in result.explanation


def test_level_progress_target_achieved_and_no_data() -> None:
    target = grdp_per_capita_2030()
    achieved = evaluate(target, series(y2020="60", y2024="101"), 2024)
    assert achieved.progress.progress_class is ProgressClass.TARGET_ACHIEVED
    assert achieved.status is Status.NOT_DUE
    nothing = evaluate(target, series(y2020="60"), 2024)
    assert nothing.status is Status.NOT_DUE and nothing.value is None
    assert nothing.progress.progress_class is ProgressClass.NOT_AVAILABLE
    one_year = evaluate(target, series(y2024="80"), 2024)
    assert one_year.progress.progress_class is ProgressClass.NOT_AVAILABLE
    assert Step("fewer_than_two_years", None) in one_year.explanation


def test_level_progress_falls_back_to_the_first_year_with_data() -> None:
    result = evaluate(grdp_per_capita_2030(), series(y2022="70", y2024="80"), 2024)
    assert Step("progress_origin", D(70), 2022) in result.explanation
    assert result.progress.base_value is None


def test_poverty_worked_check_through_the_engine() -> None:
    target = TargetSpec(comparator=Comparator.BELOW, value=D(5), start_year=2025, end_year=2025,
                        plan_start_year=2021, direction=Direction.DOWN,
                        indicator_kind=IndicatorKind.RATE)
    result = evaluate(target, series(y2020="10", y2022="8.6", y2023="8"), 2023)
    assert result.progress.progress_class is ProgressClass.LIMITED_PROGRESS
    assert result.change_vs_previous == D("-0.6")  # points
    steps = {s.key: s.value for s in result.explanation}
    assert q(steps["cagr_observed"]) == D("-7.17")  # type: ignore[arg-type]
    assert q(steps["cagr_target"]) == D("-12.94")  # type: ignore[arg-type]
    assert q(steps["ratio_r"], "0.001") == D("0.554")  # type: ignore[arg-type]
    assert steps["sign_s"] == 1 and steps["direction_d"] == -1


def growth_2021_2030(value: str = "7.5") -> TargetSpec:
    return TargetSpec(comparator=Comparator.ABOVE, value=D(value), start_year=2021,
                      end_year=2030, target_type=TargetType.AVERAGE_GROWTH,
                      indicator_kind=IndicatorKind.GROWTH, decimals=1)


GROWTH = {2021: Observation(D("5.2"), A), 2022: Observation(D("6.1"), A),
          2023: Observation(D("5.0"), P), 2024: Observation(D("7.4"), E)}


def test_average_growth_2021_2030_evaluated_for_2024() -> None:
    result = evaluate(growth_2021_2030(), GROWTH, 2024, date(2024, 7, 1))
    assert result.status is Status.NOT_DUE
    assert result.value_period == "2021-2024"
    assert q(result.value) == D("5.92")
    assert result.value_kind is E and result.from_estimate
    assert q(result.percent_of_target) == D("78.94")
    assert result.previous_value is None and result.change_vs_previous is None
    progress = result.progress
    assert q(progress.average_to_date) == D("5.92")
    assert q(progress.required_rate, "0.001") == D("8.566")
    assert progress.projected_value is None
    assert (progress.latest_year, progress.latest_value) == (2024, D("7.4"))
    # r = 8.57 > best year 7.4
    assert progress.progress_class is ProgressClass.LIMITED_PROGRESS


def test_average_growth_acceleration_needed_and_on_track() -> None:
    result = evaluate(growth_2021_2030("6.5"), GROWTH, 2024)
    # r = (1.065^10 / 1.258707)^(1/6) − 1 = 6.89%: above average 5.92, below best 7.4
    assert q(result.progress.required_rate) == D("6.89")
    assert result.progress.progress_class is ProgressClass.ACCELERATION_NEEDED
    easy = evaluate(growth_2021_2030("5.5"), GROWTH, 2024)
    assert easy.progress.progress_class is ProgressClass.ON_TRACK


def growth_2021_2025(value: str) -> TargetSpec:
    return TargetSpec(comparator=Comparator.ABOVE, value=D(value), start_year=2021,
                      end_year=2025, target_type=TargetType.AVERAGE_GROWTH,
                      indicator_kind=IndicatorKind.GROWTH, decimals=1)


def test_average_growth_judged_when_the_period_ended() -> None:
    data = {**GROWTH, 2025: Observation(D("8.0"), A)}
    # (1.258707 × 1.08)^(1/5) − 1 = 6.33%
    missed = evaluate(growth_2021_2025("6.5"), data, 2025)
    assert missed.status is Status.NOT_MET and missed.value_period == "2021-2025"
    assert q(missed.value) == D("6.33")
    assert q(missed.percent_of_target) == D("97.44")
    assert missed.progress.progress_class is ProgressClass.LIMITED_PROGRESS
    assert missed.progress.required_rate is None
    made = evaluate(growth_2021_2025("6.0"), data, 2025)
    assert made.status is Status.EXCEEDED
    assert made.progress.progress_class is ProgressClass.TARGET_ACHIEVED
    assert evaluate(growth_2021_2025("6.3"), data, 2025).status is Status.MET


def test_average_growth_with_a_gap_has_no_data() -> None:
    data = {y: o for y, o in GROWTH.items() if y != 2023} | {2025: Observation(D(8), A)}
    result = evaluate(growth_2021_2025("6.0"), data, 2025)
    assert result.status is Status.NO_DATA
    assert result.reason == "missing_year"
    assert Step("missing_year", None, 2023) in result.explanation
    assert result.progress.progress_class is ProgressClass.NOT_AVAILABLE
    during = evaluate(growth_2021_2025("6.0"), data, 2025, date(2025, 11, 1))
    assert during.status is Status.NOT_DUE


def poverty_falls_2_points() -> TargetSpec:
    return TargetSpec(comparator=Comparator.EXACTLY, value=D(2), start_year=2021, end_year=2025,
                      target_type=TargetType.ANNUAL_CHANGE, direction=Direction.DOWN,
                      indicator_kind=IndicatorKind.RATE)


POVERTY = series(y2020="10", y2021="8.5", y2022="7", y2023="5.2", y2024="3.9", y2025="2")


def test_annual_change_judged() -> None:
    result = evaluate(poverty_falls_2_points(), POVERTY, 2025)
    assert result.value == D("1.6")  # (10 − 2) / 5
    assert result.status is Status.NOT_MET
    assert result.percent_of_target == D(80)
    assert result.value_period == "2021-2025"
    exceeded = evaluate(poverty_falls_2_points(), POVERTY, 2025, base=D(12))
    assert exceeded.value == D("2") and exceeded.status is Status.MET  # (12 − 2) / 5
    more = evaluate(poverty_falls_2_points(), {**POVERTY, 2020: Observation(D(13), A)}, 2025)
    assert more.value == D("2.2") and more.status is Status.EXCEEDED


def test_annual_change_not_due_with_progress() -> None:
    result = evaluate(poverty_falls_2_points(), POVERTY, 2023)
    assert result.status is Status.NOT_DUE
    assert result.value == D("1.6")  # (10 − 5.2) / 3
    progress = result.progress
    assert progress.average_to_date == D("1.6")
    assert progress.required_rate == D("2.6")  # (5.2 − 0) / 2 to reach 10 − 2 × 5 = 0
    # goal 0 → 0.001: CAGR_T = −84.15%, CAGR_o = 0.52^(1/3) − 1 = −19.59%, R = 0.233
    ratio = next(s.value for s in result.explanation if s.key == "ratio_r")
    assert isinstance(ratio, D) and q(ratio, "0.001") == D("0.233")
    assert progress.progress_class is ProgressClass.LIMITED_PROGRESS


def test_annual_change_without_base_has_no_value() -> None:
    data = {y: o for y, o in POVERTY.items() if y != 2020}
    result = evaluate(poverty_falls_2_points(), data, 2025)
    assert result.status is Status.NO_DATA and result.reason == "missing_base"


def investment_2021_2025(value: str = "105") -> TargetSpec:
    return TargetSpec(comparator=Comparator.ABOVE, value=D(value), start_year=2021,
                      end_year=2025, target_type=TargetType.CUMULATIVE,
                      indicator_kind=IndicatorKind.FLOW)


def test_cumulative_not_due_with_progress() -> None:
    result = evaluate(investment_2021_2025(), series(y2021="18", y2022="20", y2023="22"), 2023)
    assert result.status is Status.NOT_DUE
    assert (result.value, result.value_period) == (D(60), "2021-2023")
    assert q(result.percent_of_target) == D("57.14")
    progress = result.progress
    assert progress.average_to_date == D(20)
    assert progress.required_rate == D("22.5")  # (105 − 60) / 2 > best year 22
    assert progress.progress_class is ProgressClass.LIMITED_PROGRESS
    # flow CAGR (22/18)^(1/2) − 1 = 10.55%: 60 + 22 × 1.1055 + 22 × 1.1055² = 111.21
    assert q(progress.projected_value) == D("111.21")


@pytest.mark.parametrize(
    ("last", "expected"),
    [("22.5", ProgressClass.ACCELERATION_NEEDED), ("25", ProgressClass.ON_TRACK)],
)
def test_cumulative_classes(last: str, expected: ProgressClass) -> None:
    result = evaluate(investment_2021_2025(), series(y2021="18", y2022="20", y2023=last), 2023)
    assert result.progress.progress_class is expected


def test_cumulative_achieved_early_and_judged_at_the_end() -> None:
    early = evaluate(investment_2021_2025(), series(y2021="30", y2022="40", y2023="40"), 2023)
    assert early.status is Status.NOT_DUE
    assert early.progress.progress_class is ProgressClass.TARGET_ACHIEVED
    full = series(y2021="18", y2022="20", y2023="22", y2024="20", y2025="20")
    result = evaluate(investment_2021_2025(), full, 2025)
    assert result.value == D(100) and result.status is Status.NOT_MET
    assert result.progress.progress_class is ProgressClass.LIMITED_PROGRESS
    gap = {y: o for y, o in full.items() if y != 2022}
    assert evaluate(investment_2021_2025(), gap, 2025).status is Status.NO_DATA


def inflation_band() -> TargetSpec:
    return TargetSpec(comparator=Comparator.BETWEEN, value=D(3), value_max=D(4), start_year=2024,
                      end_year=2024, direction=Direction.BAND, indicator_kind=IndicatorKind.RATE)


def test_between_band_target() -> None:
    inside = evaluate(inflation_band(), series(y2023="5", y2024="3.5"), 2024)
    assert inside.status is Status.MET and inside.percent_of_target is None
    assert inside.progress.progress_class is ProgressClass.TARGET_ACHIEVED
    outside = evaluate(inflation_band(), series(y2023="5", y2024="4.5"), 2024)
    assert outside.status is Status.NOT_MET
    assert Step("met_if_at_most", D(4)) in outside.explanation
    # moving towards 4 from 5: CAGR_o = −10%, CAGR_T = −20%, R = 0.5
    assert outside.progress.progress_class is ProgressClass.LIMITED_PROGRESS


def test_about_on_a_band_indicator() -> None:
    target = TargetSpec(comparator=Comparator.ABOUT, value=D(54), start_year=2025, end_year=2025,
                        direction=Direction.BAND, indicator_kind=IndicatorKind.SHARE)
    assert evaluate(target, series(y2025="56.7"), 2025).status is Status.MET
    result = evaluate(target, series(y2025="56.8"), 2025)
    assert result.status is Status.NOT_MET
    assert Step("tolerance", D("2.7")) in result.explanation


def test_series_given_as_plain_tuples() -> None:
    data = {2024: (D("7.3"), "estimate")}
    result = evaluate_target(target=annual_growth_target(), series=data, year=2024,
                             today=date(2024, 7, 1))
    assert result.status is Status.EXCEEDED and result.value_kind is E
