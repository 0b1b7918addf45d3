"""``kehoach import_values FILE [--dry-run] [--locale vi|en|auto]``: streamed, any size."""

from __future__ import annotations

import sys
from typing import Any

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand, TerminalProgress
from kehoach.values.streaming import values_import


class Command(ImportCommand):
    help = "Load a values exchange file (unit, indicator, period, kind, value, note)."
    streams = True

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        progress = TerminalProgress(sys.stderr)
        with options["path"].open("rb") as stream:
            result = values_import(
                stream=stream, filename=filename, dry_run=options["dry_run"],
                locale=options["locale"], source=f"import_values {filename}", progress=progress,
            )
        progress.done()
        return result
