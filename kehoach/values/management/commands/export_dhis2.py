"""``kehoach export_dhis2 --mapping MAP.csv [--year Y] [--unit CODE] [--kind K] [--data-set UID]
--out FILE.json|.xml|.csv|.adx.xml``: kehoach values as a DHIS2 data value set."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.units.models import Unit
from kehoach.values.dhis2.exporting import dhis2_export, format_of
from kehoach.values.dhis2.mapping import MappingError, mapping_read
from kehoach.values.models import Value, ValueKind


class Command(BaseCommand):
    help = "Write kehoach values as a DHIS2 data value set that a DHIS2 instance imports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mapping", required=True, help="MAP.csv (as for import_dhis2)")
        parser.add_argument("--out", required=True, help="FILE.json, .xml, .csv or .adx.xml")
        parser.add_argument("--year", type=int, help="values whose period starts in this year")
        parser.add_argument("--unit", help="only this unit (code)")
        parser.add_argument("--kind", choices=ValueKind.values, default=ValueKind.ACTUAL)
        parser.add_argument("--data-set", default="", help="DHIS2 data set uid to name (ADX needs one)")

    def handle(self, *args: Any, **options: Any) -> None:
        out, mapping_path = Path(options["out"]), Path(options["mapping"])
        fmt = format_of(out.name)
        if fmt is None:
            raise UsageError("--out must end with .json, .xml, .csv or .adx.xml")
        if not mapping_path.is_file() or not out.parent.is_dir():
            raise UsageError(f"No such file or directory: {mapping_path if not mapping_path.is_file() else out.parent}")
        try:
            mapping = mapping_read(mapping_path.read_bytes())
        except MappingError as exc:
            for obj, message in exc.problems:
                self.stderr.write(f"{obj}: {message}")
            sys.exit(1)
        values = Value.objects.filter(kind=options["kind"])
        if options["year"]:
            values = values.filter(year=options["year"])
        if options["unit"]:
            if not Unit.objects.filter(code=options["unit"]).exists():
                raise UsageError(f"Không có đơn vị mã “{options['unit']}” trong kehoach.")
            values = values.filter(unit__code=options["unit"])
        if fmt == "adx" and not options["data_set"]:
            self.stderr.write("ADX without --data-set: DHIS2 refuses a group that names no data set")
        with out.open("w", encoding="utf-8", newline="") as stream:
            count = dhis2_export(values=values, mapping=mapping, fmt=fmt, out=stream,
                                 data_set=options["data_set"])
        self.stdout.write(f"exported {count.written} values to {out}"
                          + (f" ({count.skipped} multi-year values have no DHIS2 period)"
                             if count.skipped else ""))
