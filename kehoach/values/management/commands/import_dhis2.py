"""``kehoach import_dhis2 FILE --mapping MAP.csv [--dry-run] [--strategy …] [--kind actual]
[--format table|json]``: DHIS2 data values (JSON, XML, CSV, ADX) with DHIS2's import summary."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import TerminalProgress, UsageError
from kehoach.values.dhis2.importing import STRATEGIES, ImportSummary, dhis2_import
from kehoach.values.models import ValueKind


class Command(BaseCommand):
    help = "Import a DHIS2 data value set mapped to kehoach indicators and units (interfaces §2.1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="dataValueSet .json / .xml, DHIS2 .csv or ADX .adx.xml")
        parser.add_argument("--mapping", required=True, help="MAP.csv: dhis2_kind, dhis2_id, "
                                                             "kehoach_code")
        parser.add_argument("--dry-run", action="store_true", help="check only; store nothing")
        parser.add_argument("--strategy", choices=STRATEGIES, default="create_and_update")
        parser.add_argument("--kind", choices=ValueKind.values, default=ValueKind.ACTUAL)
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        path, mapping = Path(options["file"]), Path(options["mapping"])
        for given in (path, mapping):
            if not given.is_file():
                raise UsageError(f"No such file: {given}")
        progress = TerminalProgress(sys.stderr)
        summary = dhis2_import(path=path, mapping_path=mapping, strategy=options["strategy"],
                               kind=options["kind"], dry_run=options["dry_run"],
                               progress=progress)
        progress.done()
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
        else:
            self._table(summary)
        if summary.status == "ERROR":
            sys.exit(1)

    def _table(self, summary: ImportSummary) -> None:
        data = summary.as_dict()
        self.stdout.write(f"status {data['status']}  imported {summary.imported}  updated "
                          f"{summary.updated}  ignored {summary.ignored}  deleted {summary.deleted}"
                          f"  unchanged {summary.unchanged}"
                          + ("  (dry run: nothing stored)" if summary.dry_run else ""))
        self.stdout.write(data["description"])
        for reason in data["ignoredBy"]:
            self.stdout.write(f"ignored  {reason['count']:>9}  {reason['reason']}: {reason['label']}")
        for conflict in summary.conflicts:
            self.stdout.write(f"conflict  {conflict['object']}: {conflict['value']}")
