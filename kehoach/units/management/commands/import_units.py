"""``kehoach import_units FILE [--dry-run] [--locale vi|en|auto]`` (interfaces.md §1)."""

from __future__ import annotations

from typing import Any

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand
from kehoach.units.importing import units_import


class Command(ImportCommand):
    help = "Import a units file (code, name, type, parent, valid_from, valid_to, successor, " \
           "successor_share); all or nothing."

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        return units_import(data=data, filename=filename, dry_run=options["dry_run"],
                           locale=options["locale"])
