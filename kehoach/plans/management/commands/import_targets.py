"""``kehoach import_targets FILE [--dry-run] [--locale vi|en|auto]``."""

from __future__ import annotations

from typing import Any

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand
from kehoach.plans.importing import targets_import


class Command(ImportCommand):
    help = "Load the targets of plans from an exchange file (interfaces.md §1)."

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        return targets_import(
            data=data, filename=filename, dry_run=options["dry_run"], locale=options["locale"]
        )
