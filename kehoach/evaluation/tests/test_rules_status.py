"""§1-§2 of evaluation.md: which value is judged, met / exceeded, percent and change."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kehoach.evaluation.rules import (
    Comparator,
    Direction,
    IndicatorKind,
    Observation,
    Status,
    TargetSpec,
    ValueKind,
    build_series,
    change_vs_previous,
    effective_tolerance,
    judge,
    met_bounds,
    percent_of_target,
    pick_value,
)

EX, MET, NOT = Status.EXCEEDED, Status.MET, Status.NOT_MET

# T = 10, default tolerance 0.5 (5% of |T|), one decimal. (comparator, d, value, expected)
TABLE = [
    # above / at_least: v ≥ T whatever d; exceeded only when "better" is higher (d = +1)
    *[(c, 1, v, s) for c in ("above", "at_least") for v, s in
      [("10.5", EX), ("10", MET), ("10.04", MET), ("10.05", EX), ("9.99", NOT)]],
    *[(c, -1, v, s) for c in ("above", "at_least") for v, s in [("10.5", MET), ("9.9", NOT)]],
    *[(c, 0, v, s) for c in ("above", "at_least") for v, s in [("10.5", MET), ("9.9", NOT)]],
    # below / at_most: v ≤ T; exceeded only for d = −1
    *[(c, -1, v, s) for c in ("below", "at_most") for v, s in
      [("9.5", EX), ("10", MET), ("9.96", MET), ("10.01", NOT)]],
    *[(c, 1, v, s) for c in ("below", "at_most") for v, s in [("9.5", MET), ("10.1", NOT)]],
    *[(c, 0, v, s) for c in ("below", "at_most") for v, s in [("9.5", MET), ("10.1", NOT)]],
    # about: d=+1 v ≥ T − tol; d=−1 v ≤ T + tol; d=0 |v − T| ≤ tol (never exceeded)
    ("about", 1, "9.5", MET), ("about", 1, "9.49", NOT), ("about", 1, "10", MET),
    ("about", 1, "10.2", EX),
    ("about", -1, "10.5", MET), ("about", -1, "10.51", NOT), ("about", -1, "10", MET),
    ("about", -1, "9.8", EX),
    ("about", 0, "9.5", MET), ("about", 0, "10.5", MET), ("about", 0, "10.2", MET),
    ("about", 0, "10.51", NOT), ("about", 0, "9.49", NOT),
    # exactly: d=+1 v ≥ T; d=−1 v ≤ T; d=0 |v − T| ≤ tol
    ("exactly", 1, "10", MET), ("exactly", 1, "10.2", EX), ("exactly", 1, "9.99", NOT),
    ("exactly", -1, "10", MET), ("exactly", -1, "9.8", EX), ("exactly", -1, "10.01", NOT),
    ("exactly", 0, "10.4", MET), ("exactly", 0, "9.5", MET), ("exactly", 0, "10.6", NOT),
]


@pytest.mark.parametrize(("comparator", "d", "value", "expected"), TABLE)
def test_judge_table(comparator: str, d: int, value: str, expected: Status) -> None:
    status = judge(
        comparator=Comparator(comparator), value=D(value), target=D(10), direction=d, decimals=1
    )
    assert status is expected


@pytest.mark.parametrize("d", [1, -1, 0])
@pytest.mark.parametrize(
    ("value", "expected"),
    [("10", MET), ("12", MET), ("11", MET), ("9.99", NOT), ("12.01", NOT), ("11.5", MET)],
)
def test_between_is_met_only_never_exceeded(d: int, value: str, expected: Status) -> None:
    status = judge(
        comparator=Comparator.BETWEEN, value=D(value), target=D(10), value_max=D(12),
        direction=d, decimals=1,
    )
    assert status is expected


def test_between_with_reversed_bounds_is_rejected_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="cận dưới 12 lớn hơn cận trên 10"):
        judge(comparator=Comparator.BETWEEN, value=D(11), target=D(12), value_max=D(10),
              direction=1, decimals=1)
    with pytest.raises(ValueError, match="Khoảng chỉ tiêu không hợp lệ"):
        TargetSpec(comparator=Comparator.BETWEEN, value=D(5), value_max=D(4),
                   start_year=2025, end_year=2025)


def test_between_without_upper_bound_is_rejected() -> None:
    with pytest.raises(ValueError, match="value_max"):
        TargetSpec(comparator=Comparator.BETWEEN, value=D(5), start_year=2025, end_year=2025)


def test_target_spec_rejects_reversed_period_and_negative_tolerance() -> None:
    with pytest.raises(ValueError, match="Kỳ chỉ tiêu không hợp lệ"):
        TargetSpec(comparator=Comparator.ABOVE, value=D(5), start_year=2030, end_year=2021)
    with pytest.raises(ValueError, match="Sai số cho phép không được âm"):
        TargetSpec(comparator=Comparator.ABOUT, value=D(5), tolerance=D(-1),
                   start_year=2025, end_year=2025)


def test_target_spec_accepts_the_strings_stored_in_the_database() -> None:
    spec = TargetSpec(comparator="about", value=7.5, start_year=2021, end_year=2030,  # type: ignore[arg-type]
                      direction="down", indicator_kind="rate", target_type="average_growth")  # type: ignore[arg-type]
    assert spec.comparator is Comparator.ABOUT
    assert spec.value == D("7.5")
    assert spec.sign == -1
    assert spec.period == "2021-2030"
    assert spec.years == 10
    assert spec.base_year == 2020


def test_explicit_tolerance_replaces_the_default() -> None:
    kw = {"comparator": Comparator.ABOUT, "target": D(10), "direction": 0, "decimals": 1}
    assert judge(value=D("10.9"), tolerance=D(1), **kw) is MET  # type: ignore[arg-type]
    assert judge(value=D("11.1"), tolerance=D(1), **kw) is NOT  # type: ignore[arg-type]
    assert judge(value=D("10.9"), **kw) is NOT  # type: ignore[arg-type]


def test_default_tolerance_is_five_percent_of_absolute_target() -> None:
    assert effective_tolerance(D(-10), None) == D("0.5")
    assert effective_tolerance(D(54), None) == D("2.7")
    assert effective_tolerance(D(54), D(1)) == D(1)
    kw = {"comparator": Comparator.ABOUT, "target": D(-10), "direction": 0, "decimals": 1}
    assert judge(value=D("-10.5"), **kw) is MET  # type: ignore[arg-type]
    assert judge(value=D("-10.6"), **kw) is NOT  # type: ignore[arg-type]


def test_met_bounds_show_the_thresholds() -> None:
    assert met_bounds(comparator=Comparator.ABOUT, target=D(54), direction=1) == (D("51.3"), None)
    assert met_bounds(comparator=Comparator.ABOUT, target=D(54), direction=-1) == (None, D("56.7"))
    assert met_bounds(comparator=Comparator.EXACTLY, target=D(54), direction=Direction.BAND) == (
        D("51.3"), D("56.7"))


def test_exceeded_needs_a_margin_visible_at_the_indicators_decimals() -> None:
    kw = {"comparator": Comparator.AT_LEAST, "target": D("7.5"), "direction": 1}
    assert judge(value=D("7.54"), decimals=1, **kw) is MET  # type: ignore[arg-type]
    assert judge(value=D("7.55"), decimals=1, **kw) is EX  # type: ignore[arg-type]
    assert judge(value=D("7.54"), decimals=2, **kw) is EX  # type: ignore[arg-type]
    # a target with more decimals than the indicator: v = T is never "exceeded"
    assert judge(value=D("7.56"), target=D("7.56"), comparator=Comparator.AT_LEAST,
                 direction=1, decimals=1) is MET


def test_direction_enum_and_sign_are_interchangeable() -> None:
    kw = {"comparator": Comparator.BELOW, "value": D(2), "target": D(3), "decimals": 0}
    assert judge(direction=Direction.DOWN, **kw) is judge(direction=-1, **kw) is EX  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Chiều tốt không hợp lệ"):
        judge(direction=2, **kw)  # type: ignore[arg-type]


def test_percent_of_target() -> None:
    assert percent_of_target(D(125), D(150)).quantize(D("0.0001")) == D("83.3333")  # type: ignore[union-attr]
    assert percent_of_target(D("7.3"), D(7)).quantize(D("0.01")) == D("104.29")  # type: ignore[union-attr]
    assert percent_of_target(D(-5), D(-10)) == D(50)
    assert percent_of_target(D(5), D(0)) is None


@pytest.mark.parametrize(
    ("kind", "value", "previous", "expected"),
    [
        (IndicatorKind.LEVEL, "110", "100", "110"),
        (IndicatorKind.FLOW, "90", "120", "75"),
        (IndicatorKind.COUNT, "3", "2", "150"),
        (IndicatorKind.PER_CAPITA, "80", "75", "106.6667"),
        (IndicatorKind.INDEX, "105", "100", "105"),
        (IndicatorKind.RATE, "7.5", "7", "0.5"),
        (IndicatorKind.SHARE, "40.2", "41", "-0.8"),
        (IndicatorKind.GROWTH, "7.3", "6.8", "0.5"),
        (IndicatorKind.RATE, "7.5", "0", "7.5"),
    ],
)
def test_change_vs_previous(kind: IndicatorKind, value: str, previous: str, expected: str) -> None:
    change = change_vs_previous(kind, D(value), D(previous))
    assert change is not None
    assert change.quantize(D("0.0001")) == D(expected).quantize(D("0.0001"))


def test_change_vs_previous_missing_or_zero() -> None:
    assert change_vs_previous(IndicatorKind.LEVEL, D(5), None) is None
    assert change_vs_previous(IndicatorKind.RATE, D(5), None) is None
    assert change_vs_previous(IndicatorKind.LEVEL, D(5), D(0)) is None


def test_pick_value_order_actual_preliminary_estimate() -> None:
    assert pick_value({"estimate": D(3), "actual": D(1), "preliminary": D(2)}) == (
        D(1), ValueKind.ACTUAL)
    assert pick_value({"estimate": D(3), "preliminary": D(2)}) == (D(2), ValueKind.PRELIMINARY)
    assert pick_value({ValueKind.ESTIMATE: D(3)}) == (D(3), ValueKind.ESTIMATE)
    assert pick_value({"plan": D(5)}) is None
    assert pick_value({}) is None


def test_build_series_picks_per_year() -> None:
    series = build_series({
        2023: {"actual": D(10), "estimate": D(11)},
        2024: {"estimate": D(12), "plan": D(13)},
        2025: {"plan": D(14)},
    })
    assert series == {
        2023: Observation(D(10), ValueKind.ACTUAL),
        2024: Observation(D(12), ValueKind.ESTIMATE),
    }
