"""§4 of evaluation.md: required rates, projections and progress classes."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kehoach.evaluation.rules import (
    ProgressClass,
    cagr,
    class_from_ratio,
    class_from_required_rate,
    progress_ratio,
    project,
    required_per_year,
    required_rate_average_growth,
    required_rate_level,
    trend_class,
)

PC = ProgressClass


def q(value: D | None, places: str = "0.01") -> D:
    assert value is not None
    return value.quantize(D(places))


def test_worked_check_acceleration_needed() -> None:
    """Base 2020 = 100, target 2025 = 150, value 2023 = 125."""
    found = progress_ratio(base_value=D(100), latest_value=D(125), target=D(150),
                           years_observed=3, years_to_target=5, direction=1)
    assert found is not None
    ratio, observed, needed = found
    assert q(observed) == D("7.72")
    assert q(needed) == D("8.45")
    assert q(ratio, "0.001") == D("0.914")
    assert class_from_ratio(ratio) is PC.ACCELERATION_NEEDED


def test_worked_check_poverty_limited_progress() -> None:
    """Poverty 10% in 2020, target 5% in 2025, 8% in 2023, d = −1."""
    found = progress_ratio(base_value=D(10), latest_value=D(8), target=D(5),
                           years_observed=3, years_to_target=5, direction=-1)
    assert found is not None
    ratio, observed, needed = found
    assert q(observed) == D("-7.17")
    assert q(needed) == D("-12.94")
    assert q(ratio, "0.001") == D("0.554")
    assert class_from_ratio(ratio) is PC.LIMITED_PROGRESS


def test_on_track_and_deterioration() -> None:
    on = progress_ratio(base_value=D(100), latest_value=D(130), target=D(150),
                        years_observed=3, years_to_target=5, direction=1)
    assert on is not None and q(on[0], "0.001") == D("1.082")  # 9.14% / 8.45%
    assert class_from_ratio(on[0]) is PC.ON_TRACK
    down = progress_ratio(base_value=D(100), latest_value=D(95), target=D(150),
                          years_observed=3, years_to_target=5, direction=1)
    assert down is not None and down[0] < 0
    assert class_from_ratio(down[0]) is PC.DETERIORATION


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [("0.95", PC.ON_TRACK), ("3", PC.ON_TRACK), ("0.9499", PC.ACCELERATION_NEEDED),
     ("0.60", PC.ACCELERATION_NEEDED), ("0.5999", PC.LIMITED_PROGRESS), ("0", PC.LIMITED_PROGRESS),
     ("-0.0001", PC.DETERIORATION)],
)
def test_ratio_thresholds(ratio: str, expected: ProgressClass) -> None:
    assert class_from_ratio(D(ratio)) is expected


def test_zero_base_is_replaced_by_0_001() -> None:
    # CAGR_o = (5/0.001)^(1/2) − 1 = 6971.07%; CAGR_T = (10/0.001)^(1/5) − 1 = 530.96%
    found = progress_ratio(base_value=D(0), latest_value=D(5), target=D(10),
                           years_observed=2, years_to_target=5, direction=1)
    assert found is not None
    assert q(found[1]) == D("6971.07")
    assert q(found[2]) == D("530.96")
    assert q(found[0]) == D("13.13")


def test_zero_target_is_replaced_by_0_001() -> None:
    # CAGR_o = 0.5^(1/2) − 1 = −29.29%; CAGR_T = (0.001/10)^(1/5) − 1 = −84.15%; R = 0.348
    found = progress_ratio(base_value=D(10), latest_value=D(5), target=D(0),
                           years_observed=2, years_to_target=5, direction=-1)
    assert found is not None
    assert q(found[1]) == D("-29.29")
    assert q(found[2]) == D("-84.15")
    assert q(found[0], "0.001") == D("0.348")
    assert class_from_ratio(found[0]) is PC.LIMITED_PROGRESS


def test_negative_base_flips_the_sign() -> None:
    # deficit −10 → −5 in 2 years, target −2 in 5 years, higher is better: s = −1
    # CAGR_o = −29.29%, CAGR_T = 0.2^(1/5) − 1 = −27.52%, R = 29.29/27.52 = 1.064
    found = progress_ratio(base_value=D(-10), latest_value=D(-5), target=D(-2),
                           years_observed=2, years_to_target=5, direction=1)
    assert found is not None
    assert q(found[2]) == D("-27.52")
    assert q(found[0], "0.001") == D("1.064")
    assert class_from_ratio(found[0]) is PC.ON_TRACK


def test_different_signs_or_one_year_are_not_available() -> None:
    kw = {"years_to_target": 5, "direction": 1}
    assert progress_ratio(base_value=D(-10), latest_value=D(-5), target=D(5),
                          years_observed=2, **kw) is None
    assert progress_ratio(base_value=D(10), latest_value=D(-5), target=D(20),
                          years_observed=2, **kw) is None
    assert progress_ratio(base_value=D(10), latest_value=D(12), target=D(20),
                          years_observed=0, **kw) is None


def test_target_equal_to_base_gives_infinite_ratio() -> None:
    found = progress_ratio(base_value=D(70), latest_value=D(69), target=D(70),
                           years_observed=2, years_to_target=5, direction=1)
    assert found is not None and found[0] == D("-Infinity")
    assert class_from_ratio(found[0]) is PC.DETERIORATION


def test_cagr_and_projection() -> None:
    assert q(cagr(start_value=D(100), end_value=D(125), years=3)) == D("7.72")
    assert cagr(start_value=D(100), end_value=D(121), years=2) == D(10)
    assert cagr(start_value=D(0), end_value=D(5), years=2) is None
    assert cagr(start_value=D(100), end_value=D(0), years=2) == D(-100)
    assert cagr(start_value=D(100), end_value=D(125), years=0) is None
    assert project(latest_value=D(100), rate=D(10), years=2) == D(121)


def test_required_rate_level() -> None:
    # (150/125)^(1/2) − 1 = 9.5445%
    assert q(required_rate_level(target=D(150), latest_value=D(125), years_left=2),
             "0.0001") == D("9.5445")
    assert required_rate_level(target=D(121), latest_value=D(100), years_left=2) == D(10)
    assert required_rate_level(target=D(150), latest_value=D(125), years_left=0) is None
    assert required_rate_level(target=D(150), latest_value=D(0), years_left=2) is None
    assert required_rate_level(target=D(150), latest_value=D(-5), years_left=2) is None


def test_required_rate_average_growth() -> None:
    # 1.075^10 / (1.052 × 1.061 × 1.05 × 1.074) = 1.637421; ^(1/6) − 1 = 8.566%
    rates = [D("5.2"), D("6.1"), D("5.0"), D("7.4")]
    required = required_rate_average_growth(target=D("7.5"), rates=rates, total_years=10)
    assert q(required, "0.001") == D("8.566")
    assert required_rate_average_growth(target=D(10), rates=[D(10)], total_years=2) == D(10)
    assert required_rate_average_growth(target=D(10), rates=[D(10)] * 3, total_years=3) is None


def test_required_per_year() -> None:
    assert required_per_year(remaining=D(45), years_left=2) == D("22.5")
    assert required_per_year(remaining=D(45), years_left=0) is None


@pytest.mark.parametrize(
    ("required", "average", "best", "direction", "expected"),
    [
        ("7", "7.5", "8", 1, PC.ON_TRACK),
        ("7.5", "7.5", "8", 1, PC.ON_TRACK),
        ("8", "7.5", "8", 1, PC.ACCELERATION_NEEDED),
        ("8.5", "7.5", "8", 1, PC.LIMITED_PROGRESS),
        # lower is better: r ≥ average on track, best year is the lowest
        ("3", "2.5", "2", -1, PC.ON_TRACK),
        ("2.2", "2.5", "2", -1, PC.ACCELERATION_NEEDED),
        ("1.5", "2.5", "2", -1, PC.LIMITED_PROGRESS),
    ],
)
def test_average_growth_classes(
    required: str, average: str, best: str, direction: int, expected: ProgressClass
) -> None:
    assert class_from_required_rate(
        required=D(required), average=D(average), best=D(best), direction=direction
    ) is expected


@pytest.mark.parametrize(
    ("base", "latest", "direction", "expected"),
    [
        ("100", "110", 1, PC.SUBSTANTIAL),  # CAGR 1.92%
        ("100", "103", 1, PC.MODERATE),  # 0.59%
        ("100", "101", 1, PC.LIMITED),  # 0.20%
        ("100", "100", 1, PC.LIMITED),
        ("100", "99", 1, PC.DETERIORATION),
        ("100", "90", -1, PC.SUBSTANTIAL),  # −2.09% on a lower-is-better indicator
        ("100", "110", -1, PC.DETERIORATION),
        ("-100", "-90", 1, PC.SUBSTANTIAL),  # s = −1
        ("0", "0.0011", 1, PC.SUBSTANTIAL),  # base 0 → 0.001: 1.1^(1/5) − 1 = 1.92%
        ("100", "110", 0, PC.NOT_AVAILABLE),
        ("-100", "90", 1, PC.NOT_AVAILABLE),
    ],
)
def test_trend_classes(base: str, latest: str, direction: int, expected: ProgressClass) -> None:
    assert trend_class(base_value=D(base), latest_value=D(latest), years=5,
                       direction=direction) is expected
