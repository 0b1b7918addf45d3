"""``kehoach export_units [--out FILE.csv|FILE.xlsx]``: every unit, re-importable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kehoach.core.management.base import ExportCommand
from kehoach.units.importing import SPEC
from kehoach.units.selectors import unit_export_rows


class Command(ExportCommand):
    help = "Write every unit as the units exchange file that import_units reads."
    columns = SPEC.columns
    noun = "units"

    def rows(self, options: dict[str, Any]) -> Iterable[dict[str, Any]]:
        return unit_export_rows()
