"""The ``evaluate --format json`` item of interfaces.md §2."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .calc import round_half_up
from .specs import Progress, Step, TargetEvaluation

PERCENT_PLACES = 2
STEP_PLACES = 6


def number(value: Decimal | int | None, places: int) -> float | None:
    """A JSON number rounded half up to ``places``; None (null) for None or a non-finite value."""
    if value is None:
        return None
    value = Decimal(value)
    if not value.is_finite():
        return None
    return float(round_half_up(value, places))


def progress_to_json(progress: Progress, places: int) -> dict[str, Any]:
    return {
        "base_year": progress.base_year,
        "base_value": number(progress.base_value, places),
        "latest_year": progress.latest_year,
        "latest_value": number(progress.latest_value, places),
        "average_to_date": number(progress.average_to_date, places),
        "required_rate": number(progress.required_rate, places),
        "projected_value": number(progress.projected_value, places),
        "progress_class": progress.progress_class.value,
    }


def steps_to_json(steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    return [
        {
            "key": s.key,
            "value": s.value if isinstance(s.value, int) else number(s.value, STEP_PLACES),
            "year": s.year,
        }
        for s in steps
    ]


def to_json(
    evaluation: TargetEvaluation,
    *,
    plan: str | None = None,
    indicator: str | None = None,
    unit: str | None = None,
    with_explanation: bool = False,
) -> dict[str, Any]:
    """The interfaces.md item. Values are rounded to the indicator's decimals (at least 2),
    percent_of_target and change_vs_previous to 2 places; None → null.

    ``with_explanation`` adds ``from_estimate`` and ``explanation`` (not part of the CLI shape).
    """
    target = evaluation.target
    places = max(target.decimals, PERCENT_PLACES)
    item: dict[str, Any] = {
        "plan": plan,
        "indicator": indicator,
        "unit": unit,
        "period": target.period,
        "comparator": target.comparator.value,
        "target": number(target.value, places),
        "target_type": target.target_type.value,
        "value": number(evaluation.value, places),
        "value_kind": evaluation.value_kind.value if evaluation.value_kind else None,
        "value_period": evaluation.value_period,
        "status": evaluation.status.value,
        "percent_of_target": number(evaluation.percent_of_target, PERCENT_PLACES),
        "previous_value": number(evaluation.previous_value, places),
        "change_vs_previous": number(evaluation.change_vs_previous, PERCENT_PLACES),
        "progress": progress_to_json(evaluation.progress, places),
    }
    if with_explanation:
        item["from_estimate"] = evaluation.from_estimate
        item["explanation"] = steps_to_json(evaluation.explanation)
    return item
