"""``kehoach import_values FILE [--dry-run] [--locale vi|en|auto]``."""

from __future__ import annotations

from typing import Any

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand
from kehoach.values.importing import values_import


class Command(ImportCommand):
    help = "Load a values exchange file (unit, indicator, period, kind, value, note)."

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        return values_import(
            data=data, filename=filename, dry_run=options["dry_run"], locale=options["locale"],
            source=f"import_values {filename}",
        )
