"""``kehoach import_indicators FILE [--dry-run] [--locale vi|en|auto]``."""

from __future__ import annotations

from typing import Any

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand
from kehoach.indicators.importing import indicators_import


class Command(ImportCommand):
    help = "Load the indicator catalogue from an exchange file (interfaces.md §1)."

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        return indicators_import(
            data=data, filename=filename, dry_run=options["dry_run"], locale=options["locale"]
        )
