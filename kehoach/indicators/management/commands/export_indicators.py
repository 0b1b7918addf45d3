"""``kehoach export_indicators --out FILE.csv|FILE.xlsx``: the catalogue, re-importable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.indicators.exporting import table_bytes
from kehoach.indicators.importing import COLUMNS
from kehoach.indicators.selectors import indicator_export_rows


class Command(BaseCommand):
    help = "Write every indicator to an exchange file (.csv or .xlsx) that import_indicators reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="FILE.csv or FILE.xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise UsageError("--out must end with .csv or .xlsx")
        if not out.parent.is_dir():
            raise UsageError(f"No such directory: {out.parent}")
        rows = indicator_export_rows()
        out.write_bytes(table_bytes(COLUMNS, rows, fmt))
        self.stdout.write(f"exported {len(rows)} indicators to {out}")
