"""Input and output types of the evaluation engine (pure Python, no Django)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

Number = Decimal | int | float


class Comparator(StrEnum):
    ABOVE = "above"
    BELOW = "below"
    ABOUT = "about"
    EXACTLY = "exactly"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BETWEEN = "between"


class TargetType(StrEnum):
    LEVEL = "level"
    AVERAGE_GROWTH = "average_growth"
    ANNUAL_CHANGE = "annual_change"
    CUMULATIVE = "cumulative"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    BAND = "band"

    @property
    def sign(self) -> int:
        return {"up": 1, "down": -1, "band": 0}[self.value]


class IndicatorKind(StrEnum):
    LEVEL = "level"
    FLOW = "flow"
    RATE = "rate"
    GROWTH = "growth"
    SHARE = "share"
    PER_CAPITA = "per_capita"
    COUNT = "count"
    INDEX = "index"


#: Kinds whose change against the previous year is a difference in percentage points.
POINT_KINDS = frozenset({IndicatorKind.RATE, IndicatorKind.SHARE, IndicatorKind.GROWTH})


class ValueKind(StrEnum):
    """Kinds of value that can be judged, in order of preference (actual first)."""

    ACTUAL = "actual"
    PRELIMINARY = "preliminary"
    ESTIMATE = "estimate"


VALUE_KIND_ORDER: tuple[ValueKind, ...] = (
    ValueKind.ACTUAL,
    ValueKind.PRELIMINARY,
    ValueKind.ESTIMATE,
)


class Status(StrEnum):
    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    NOT_DUE = "not_due"


class ProgressClass(StrEnum):
    TARGET_ACHIEVED = "target_achieved"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    NOT_AVAILABLE = "not_available"
    # trend only (no target)
    SUBSTANTIAL = "substantial"
    MODERATE = "moderate"
    LIMITED = "limited"


def direction_sign(direction: Direction | str | int) -> int:
    """+1, -1 or 0 for a direction given as an enum, its string value or the sign itself."""
    if isinstance(direction, str):
        return Direction(direction).sign
    if direction not in (-1, 0, 1) or isinstance(direction, bool):
        raise ValueError(f"Chiều tốt không hợp lệ: {direction} (chỉ nhận -1, 0, 1).")
    return int(direction)


def to_decimal(value: Number) -> Decimal:
    """A Decimal from a Decimal, an int or a float (floats go through their shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value))


class Observation(NamedTuple):
    """The value of one year and the kind it was taken from."""

    value: Decimal
    kind: ValueKind = ValueKind.ACTUAL


Series = Mapping[int, Observation]


class Step(NamedTuple):
    """One line of "why is this red?": a label key, the number, and the year it belongs to."""

    key: str
    value: Decimal | int | None
    year: int | None = None


@dataclass(frozen=True)
class TargetSpec:
    """A target as the rules see it (Target + its Indicator, flattened).

    ``value`` is T; ``value_max`` the upper bound of ``between``. For ``annual_change`` T is the
    size of the yearly change in the good direction (2 for "giảm bình quân 2 điểm/năm").
    ``plan_start_year`` is the first year of the plan: the base year of a level target is the year
    before it (a 2030 level target of a 2021-2030 plan has base year 2020).
    """

    comparator: Comparator
    value: Decimal
    start_year: int
    end_year: int
    target_type: TargetType = TargetType.LEVEL
    value_max: Decimal | None = None
    tolerance: Decimal | None = None
    direction: Direction = Direction.UP
    indicator_kind: IndicatorKind = IndicatorKind.LEVEL
    decimals: int = 2
    plan_start_year: int | None = None

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "comparator", Comparator(self.comparator))
        setattr_(self, "target_type", TargetType(self.target_type))
        setattr_(self, "direction", Direction(self.direction))
        setattr_(self, "indicator_kind", IndicatorKind(self.indicator_kind))
        setattr_(self, "value", to_decimal(self.value))
        if self.value_max is not None:
            setattr_(self, "value_max", to_decimal(self.value_max))
        if self.tolerance is not None:
            setattr_(self, "tolerance", to_decimal(self.tolerance))
        self._validate()

    def _validate(self) -> None:
        if self.end_year < self.start_year:
            raise ValueError(
                f"Kỳ chỉ tiêu không hợp lệ: năm bắt đầu {self.start_year} "
                f"sau năm kết thúc {self.end_year}."
            )
        if self.plan_start_year is not None and self.plan_start_year > self.start_year:
            raise ValueError(
                f"Năm đầu kế hoạch {self.plan_start_year} sau năm đầu của chỉ tiêu {self.start_year}."
            )
        check_bounds(self.comparator, self.value, self.value_max)
        check_tolerance(self.tolerance)

    @property
    def sign(self) -> int:
        return self.direction.sign

    @property
    def period(self) -> str:
        """``"2030"`` or ``"2021-2030"`` as in the exchange files."""
        return format_period(self.start_year, self.end_year)

    @property
    def years(self) -> int:
        """N, the number of years of the period."""
        return self.end_year - self.start_year + 1

    @property
    def base_year(self) -> int:
        """The year before the period (before the plan's period for a level target)."""
        if self.target_type is TargetType.LEVEL and self.plan_start_year is not None:
            return self.plan_start_year - 1
        return self.start_year - 1


def format_period(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def check_bounds(comparator: Comparator | str, low: Decimal, high: Decimal | None) -> None:
    """Refuse a ``between`` target without an upper bound or with reversed bounds."""
    if comparator != Comparator.BETWEEN:
        return
    if high is None:
        raise ValueError("Chỉ tiêu dạng 'từ X đến Y' phải có giá trị cận trên (value_max).")
    if low > high:
        raise ValueError(
            f"Khoảng chỉ tiêu không hợp lệ: cận dưới {low} lớn hơn cận trên {high}."
        )


def check_tolerance(tolerance: Decimal | None) -> None:
    if tolerance is not None and tolerance < 0:
        raise ValueError(f"Sai số cho phép không được âm: {tolerance}.")


@dataclass(frozen=True)
class Progress:
    """Will the target be met? (evaluation.md §4). Rates are in percent."""

    base_year: int | None = None
    base_value: Decimal | None = None
    latest_year: int | None = None
    latest_value: Decimal | None = None
    average_to_date: Decimal | None = None
    required_rate: Decimal | None = None
    projected_value: Decimal | None = None
    progress_class: ProgressClass = ProgressClass.NOT_AVAILABLE


@dataclass(frozen=True)
class TargetEvaluation:
    """The evaluation of one target for one year, with every number used (``explanation``)."""

    target: TargetSpec
    year: int
    status: Status
    value: Decimal | None = None
    value_kind: ValueKind | None = None
    value_period: str | None = None
    percent_of_target: Decimal | None = None
    previous_value: Decimal | None = None
    change_vs_previous: Decimal | None = None
    progress: Progress = field(default_factory=Progress)
    explanation: tuple[Step, ...] = ()
    reason: str | None = None

    @property
    def from_estimate(self) -> bool:
        """True when the value judged (or part of it) is an estimate (ước thực hiện)."""
        return self.value_kind is ValueKind.ESTIMATE

    @property
    def met_or_exceeded(self) -> bool:
        """Counted in "đạt và vượt"."""
        return self.status in (Status.MET, Status.EXCEEDED)
