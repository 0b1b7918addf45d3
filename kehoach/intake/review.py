"""What the review page and the API show for an item: the highlighted sentence, the suggestions,
and the value converted to the unit of the chosen indicator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kehoach.intake.models import ExtractedItem
from kehoach.intake.scaling import Scaling, scaling


def highlight(item: ExtractedItem) -> SafeString:
    """The sentence with the value phrase in ``<mark>``; every piece of the text is escaped."""
    a, b = item.value_start - item.start, item.value_end - item.start
    text = item.sentence
    return mark_safe(f"{escape(text[:a])}<mark>{escape(text[a:b])}</mark>{escape(text[b:])}")  # noqa: S308


@dataclass
class Conversion:
    scaling: Scaling
    indicator_unit: str
    value: Decimal | None
    value_max: Decimal | None


def conversion(item: ExtractedItem) -> Conversion | None:
    """How the reviewed value will be stored for the chosen indicator (None: no indicator)."""
    if item.indicator is None:
        return None
    target_unit = item.indicator.unit
    result = scaling(item.final_unit, target_unit)
    factor = result.factor if result.compatible else Decimal(1)
    value = None if item.final_value is None else item.final_value * factor
    value_max = None if item.final_value_max is None else item.final_value_max * factor
    return Conversion(result, target_unit, value, value_max)


@dataclass
class ReviewRow:
    item: ExtractedItem
    sentence_html: SafeString
    conversion: Conversion | None
    problems: list[str]

    @property
    def suggested_ids(self) -> list[int]:
        return [s["id"] for s in self.item.suggestions]


def review_rows(items: list[ExtractedItem], problems: dict[int, list[str]] | None = None
                ) -> list[ReviewRow]:
    problems = problems or {}
    return [ReviewRow(item, highlight(item), conversion(item), problems.get(item.pk, []))
            for item in items]
