"""``kehoach export_indicators [--out FILE.csv|FILE.xlsx]``: the catalogue, re-importable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kehoach.core.management.base import ExportCommand
from kehoach.indicators.importing import COLUMNS
from kehoach.indicators.selectors import indicator_export_rows


class Command(ExportCommand):
    help = "Write every indicator to an exchange file (.csv or .xlsx) that import_indicators reads."
    columns = COLUMNS
    noun = "indicators"

    def rows(self, options: dict[str, Any]) -> Iterable[dict[str, Any]]:
        return indicator_export_rows()
