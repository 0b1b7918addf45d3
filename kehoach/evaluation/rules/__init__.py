"""The evaluation rules of evaluation.md as pure Python (no Django, no database).

Django services build a :class:`TargetSpec` from a Target and its Indicator, a series
(year → :class:`Observation`, see :func:`build_series` / :func:`pick_value`) from the values, and
call :func:`evaluate_target`; :func:`to_json` gives the ``evaluate --format json`` item.

Meaning of "the evaluation for year Y" (details in DECISIONS.md and ``engine``):

* only values of years ≤ Y are used;
* a target whose period ended by Y (end_year ≤ Y) is judged on its whole period
  (exceeded / met / not_met; without a value: not_due until 31 December of the end year has
  passed on ``today``, no_data after);
* a target whose period ends after Y is ``not_due``, shown with its value to date
  (a level target: the latest year ≤ Y; average_growth / cumulative / annual_change: from the
  period's first year to the latest year ≤ Y) and with its progress block.

Numbers are Decimal in and out; powers and roots are computed in Decimal with one fixed context
(28 digits), so results do not depend on the platform or on the caller's Decimal context.
Rates are in percent, changes of a rate in percentage points.
"""

from .engine import evaluate_target, normalize_series
from .labels import LABELS, PROGRESS_LABELS, STATUS_LABELS, STEP_LABELS, label
from .progress import (
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
from .serialize import to_json
from .specs import (
    Comparator,
    Direction,
    IndicatorKind,
    Observation,
    Progress,
    ProgressClass,
    Series,
    Status,
    Step,
    TargetEvaluation,
    TargetSpec,
    TargetType,
    ValueKind,
    direction_sign,
)
from .status import (
    build_series,
    change_vs_previous,
    effective_tolerance,
    is_met,
    judge,
    met_bounds,
    percent_of_target,
    pick_value,
)
from .target_types import annual_change, average_growth, period_value

__all__ = [
    "LABELS",
    "PROGRESS_LABELS",
    "STATUS_LABELS",
    "STEP_LABELS",
    "Comparator",
    "Direction",
    "IndicatorKind",
    "Observation",
    "Progress",
    "ProgressClass",
    "Series",
    "Status",
    "Step",
    "TargetEvaluation",
    "TargetSpec",
    "TargetType",
    "ValueKind",
    "annual_change",
    "average_growth",
    "build_series",
    "cagr",
    "change_vs_previous",
    "class_from_ratio",
    "class_from_required_rate",
    "direction_sign",
    "effective_tolerance",
    "evaluate_target",
    "is_met",
    "judge",
    "label",
    "met_bounds",
    "normalize_series",
    "percent_of_target",
    "period_value",
    "pick_value",
    "progress_ratio",
    "project",
    "required_per_year",
    "required_rate_average_growth",
    "required_rate_level",
    "to_json",
    "trend_class",
]
