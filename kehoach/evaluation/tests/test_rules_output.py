"""to_json (interfaces.md item shape) and the vi/en labels."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

from kehoach.evaluation.rules import (
    LABELS,
    PROGRESS_LABELS,
    STATUS_LABELS,
    STEP_LABELS,
    Comparator,
    Direction,
    IndicatorKind,
    Observation,
    ProgressClass,
    Status,
    TargetSpec,
    TargetType,
    ValueKind,
    evaluate_target,
    label,
    to_json,
)

ITEM_KEYS = {
    "plan", "indicator", "unit", "period", "comparator", "target", "target_type", "value",
    "value_kind", "value_period", "status", "percent_of_target", "previous_value",
    "change_vs_previous", "progress",
}
PROGRESS_KEYS = {
    "base_year", "base_value", "latest_year", "latest_value", "average_to_date", "required_rate",
    "projected_value", "progress_class",
}

GROWTH_TARGET = TargetSpec(
    comparator=Comparator.ABOVE, value=D("7.5"), start_year=2021, end_year=2030,
    target_type=TargetType.AVERAGE_GROWTH, indicator_kind=IndicatorKind.GROWTH, decimals=1,
)
GROWTH = {2021: Observation(D("5.2")), 2022: Observation(D("6.1")),
          2023: Observation(D("5.0"), ValueKind.PRELIMINARY),
          2024: Observation(D("7.4"), ValueKind.ESTIMATE)}


def test_to_json_has_the_interfaces_shape() -> None:
    result = evaluate_target(target=GROWTH_TARGET, series=GROWTH, year=2024,
                             today=date(2024, 7, 1))
    item = to_json(result, plan="QH-BK-2030", indicator="GRDP_GROWTH", unit="BK")
    assert set(item) == ITEM_KEYS
    assert set(item["progress"]) == PROGRESS_KEYS
    assert item == {
        "plan": "QH-BK-2030", "indicator": "GRDP_GROWTH", "unit": "BK", "period": "2021-2030",
        "comparator": "above", "target": 7.5, "target_type": "average_growth",
        "value": 5.92, "value_kind": "estimate", "value_period": "2021-2024",
        "status": "not_due", "percent_of_target": 78.94,
        "previous_value": None, "change_vs_previous": None,
        "progress": {"base_year": 2020, "base_value": None, "latest_year": 2024,
                     "latest_value": 7.4, "average_to_date": 5.92, "required_rate": 8.57,
                     "projected_value": None, "progress_class": "limited_progress"},
    }
    json.dumps(item)  # plain JSON types only


def test_to_json_with_explanation() -> None:
    target = TargetSpec(comparator=Comparator.AT_LEAST, value=D(150), start_year=2025,
                        end_year=2025, plan_start_year=2021, decimals=0)
    result = evaluate_target(target=target, series={2023: Observation(D(125))},
                             base_value=D(100), year=2023, today=date(2024, 1, 1))
    item = to_json(result, with_explanation=True)
    assert item["from_estimate"] is False
    assert item["value"] == 125.0 and item["percent_of_target"] == 83.33
    assert item["progress"]["projected_value"] == 145.05
    steps = {s["key"]: s for s in item["explanation"]}
    assert steps["ratio_r"]["value"] == 0.91412
    assert steps["direction_d"]["value"] == 1
    assert steps["progress_origin"] == {"key": "progress_origin", "value": 100.0, "year": 2020}
    json.dumps(item)


def test_to_json_null_for_infinite_step() -> None:
    target = TargetSpec(comparator=Comparator.AT_LEAST, value=D(70), start_year=2025,
                        end_year=2025, plan_start_year=2021)
    result = evaluate_target(target=target, series={2020: Observation(D(70)),
                                                    2023: Observation(D(69))},
                             year=2023, today=date(2024, 1, 1))
    steps = {s["key"]: s["value"] for s in to_json(result, with_explanation=True)["explanation"]}
    assert steps["ratio_r"] is None
    assert result.progress.progress_class is ProgressClass.DETERIORATION


def test_vietnamese_and_english_labels() -> None:
    assert [STATUS_LABELS["vi"][s] for s in Status] == [
        "vượt", "đạt", "không đạt", "chưa có số liệu", "chưa đến kỳ"]
    vi = PROGRESS_LABELS["vi"]
    assert vi["on_track"] == "đúng tiến độ"
    assert vi["acceleration_needed"] == "cần tăng tốc"
    assert vi["limited_progress"] == "tiến triển chậm"
    assert vi["deterioration"] == "đi lùi"
    assert vi["target_achieved"] == "đã đạt mục tiêu"
    assert vi["not_available"] == "không đủ dữ liệu"
    for lang in ("vi", "en"):
        assert set(STATUS_LABELS[lang]) == {s.value for s in Status}
        assert set(PROGRESS_LABELS[lang]) == {c.value for c in ProgressClass}
        assert set(STEP_LABELS[lang]) == set(STEP_LABELS["vi"])
    assert label("status", "met", "en") == "met"
    assert label("progress", "on_track") == "đúng tiến độ"
    assert label("step", "unknown_key") == "unknown_key"
    assert LABELS["en"]["status"]["not_due"] == "not due"


def test_every_explanation_key_has_a_label() -> None:
    targets = [
        GROWTH_TARGET,
        TargetSpec(comparator=Comparator.EXACTLY, value=D(2), start_year=2021, end_year=2025,
                   target_type=TargetType.ANNUAL_CHANGE, direction=Direction.DOWN),
        TargetSpec(comparator=Comparator.ABOVE, value=D(105), start_year=2021, end_year=2025,
                   target_type=TargetType.CUMULATIVE, indicator_kind=IndicatorKind.FLOW),
        TargetSpec(comparator=Comparator.ABOUT, value=D(100), start_year=2025, end_year=2025,
                   plan_start_year=2021),
        TargetSpec(comparator=Comparator.ABOVE, value=D(5), start_year=2021, end_year=2025,
                   target_type=TargetType.AVERAGE_GROWTH),
    ]
    data = [GROWTH, {2020: Observation(D(10)), 2023: Observation(D(-4))}, {}]
    keys: set[str] = set()
    for target in targets:
        for series in data:
            for year in (2023, 2026):
                result = evaluate_target(target=target, series=series, year=year,
                                         today=date(2027, 1, 1))
                keys |= {step.key for step in result.explanation}
    assert keys - set(STEP_LABELS["vi"]) == set()
    assert len(keys) > 20
