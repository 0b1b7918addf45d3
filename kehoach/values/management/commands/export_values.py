"""``kehoach export_values [--year Y] [--unit CODE] [--indicator CODE] [--kind K]
[--out FILE.csv|FILE.xlsx]``: values, re-importable, streamed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.management.base import ExportCommand
from kehoach.values.importing import VALUES_SPEC
from kehoach.values.models import Value, ValueKind
from kehoach.values.selectors import value_export_rows


class Command(ExportCommand):
    help = "Write values as the values exchange file that import_values reads."
    columns = VALUES_SPEC.columns
    noun = "values"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, help="values whose period starts in this year")
        parser.add_argument("--unit", help="only this unit (code)")
        parser.add_argument("--indicator", help="only this indicator (code)")
        parser.add_argument("--kind", choices=ValueKind.values)

    def rows(self, options: dict[str, Any]) -> Iterable[dict[str, Any]]:
        qs = Value.objects.all()
        if options.get("year"):
            qs = qs.filter(year=options["year"])
        if options.get("unit"):
            qs = qs.filter(unit__code=options["unit"])
        if options.get("indicator"):
            qs = qs.filter(indicator__code=options["indicator"])
        if options.get("kind"):
            qs = qs.filter(kind=options["kind"])
        return value_export_rows(qs)
