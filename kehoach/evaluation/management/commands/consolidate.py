"""``kehoach consolidate --year Y [--unit CODE] [--kind actual] [--format csv|json]``."""

from __future__ import annotations

from typing import Any

from kehoach.core.management.base import ListingCommand, UsageError
from kehoach.evaluation.services import consolidate
from kehoach.units.models import Unit
from kehoach.values.models import ValueKind

FIELDS = ("unit", "indicator", "period", "kind", "value", "inputs", "reported_value",
          "difference", "discrepancy")


class Command(ListingCommand):
    help = "Consolidated values of every unit and indicator for the year (docs/evaluation.md §5)."
    fields = FIELDS
    default_format = "csv"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--period", default=None, help="a half-year instead: 2025-H1")
        parser.add_argument("--unit", default=None)
        parser.add_argument("--kind", choices=ValueKind.values, default=ValueKind.ACTUAL)

    def handle(self, *args: Any, **options: Any) -> None:
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise UsageError(f"Không có đơn vị mã {options['unit']}.")
        try:
            result = consolidate(year=options["year"], period=options["period"],
                                 kind=options["kind"], unit=unit)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        self.emit([item.as_dict() for item in result.items], options["format"])
