"""The extracted figure and its JSON shape (docs/interfaces.md, ``extract_targets``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .numbers import json_number

# The values the fields take (for callers that validate or build choices from them).
COMPARATORS = ("above", "below", "about", "exactly", "at_least", "at_most", "between")
TARGET_TYPES = ("level", "average_growth", "annual_change", "cumulative")
KINDS = ("target", "result")


@dataclass(frozen=True)
class ExtractedTarget:
    """A target or result read from plan text.

    ``value`` is in the unit as written (105 with ``nghìn tỷ đồng``); ``start``/``end`` are the
    sentence's character offsets in the NFC text, ``value_start``/``value_end`` those of the value
    phrase (qualifier, number and unit) for highlighting.
    """

    indicator: str
    comparator: str
    value: Decimal
    unit: str
    period: str
    sentence: str
    start: int
    end: int
    value_start: int
    value_end: int
    value_max: Decimal | None = None
    target_type: str = "level"
    kind: str = "target"

    def to_json_dict(self) -> dict[str, Any]:
        """The interfaces.md shape, plus ``value_max``, ``target_type`` and ``kind``."""
        data: dict[str, Any] = {
            "indicator": self.indicator,
            "comparator": self.comparator,
            "value": json_number(self.value),
            "unit": self.unit,
            "period": self.period,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }
        if self.value_max is not None:
            data["value_max"] = json_number(self.value_max)
        data["target_type"] = self.target_type
        data["kind"] = self.kind
        return data
