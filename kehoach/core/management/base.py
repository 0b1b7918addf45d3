"""Base classes for the ``kehoach`` commands (exit codes: 0 done, 1 bad data, 2 bad usage)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kehoach.core.exchange.importer import ImportResult


class UsageError(CommandError):
    def __init__(self, message: str):
        super().__init__(message, returncode=2)


class ImportCommand(BaseCommand):
    """``kehoach import_X FILE [--dry-run] [--locale vi|en|auto]``. A command that ``streams``
    reads ``options["path"]`` itself instead of the file's bytes."""

    streams = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV (UTF-8) or .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="check only; store nothing")
        parser.add_argument("--locale", choices=["vi", "en", "auto"], default="auto")

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"Không tìm thấy tệp: {path}")
        data = b"" if self.streams else path.read_bytes()
        result = self.run_import(data=data, filename=path.name, options={**options, "path": path})
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            self.stderr.write(result.summary())
            sys.exit(1)
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
            + (" (dry run: nothing stored)" if result.dry_run else "")
            + ("" if result.changed or result.dry_run else " — nothing changed")
        )


class TerminalProgress:
    """``rows read 120,000 · checked … · stored …`` rewritten in place on a terminal; silent when
    the output is piped or redirected."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self.counts: dict[str, int] = {}

    def __call__(self, stage: str, count: int) -> None:
        if not self.enabled:
            return
        self.counts[stage] = count
        text = " · ".join(f"{name} {number:,}" for name, number in self.counts.items())
        self.stream.write(f"\r{text}")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.counts:
            self.stream.write("\n")
            self.stream.flush()


class ListingCommand(BaseCommand):
    """A listing printed as a table, CSV or JSON (a list of objects)."""

    fields: tuple[str, ...] = ()
    default_format = "table"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["table", "csv", "json"], default=self.default_format)

    def emit(self, rows: list[dict[str, Any]], fmt: str, fields: tuple[str, ...] | None = None) -> None:
        fields = fields or self.fields
        if fmt == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        elif fmt == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=list(fields), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        else:
            self._table(rows, fields)

    def _table(self, rows: list[dict[str, Any]], fields: tuple[str, ...]) -> None:
        text = [[("" if r.get(f) is None else str(r.get(f))) for f in fields] for r in rows]
        widths = [max([len(f)] + [len(t[i]) for t in text]) for i, f in enumerate(fields)]
        self.stdout.write("  ".join(f.ljust(w) for f, w in zip(fields, widths, strict=True)))
        for t in text:
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(t, widths, strict=True)))


class ExportCommand(BaseCommand):
    """``kehoach export_X [--out FILE.csv|FILE.xlsx]``: the exchange file, CSV on standard output
    without ``--out``."""

    columns: tuple[str, ...] = ()
    noun = "rows"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", help="FILE.csv or FILE.xlsx (default: CSV on standard output)")

    def rows(self, options: dict[str, Any]) -> Iterable[dict[str, Any]]:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        from kehoach.core.exchange.writer import write_csv, write_xlsx

        if not options.get("out"):
            write_csv(self.columns, self.rows(options), cast(IO[str], self.stdout._out))
            return
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise UsageError("--out must end with .csv or .xlsx")
        if not out.parent.is_dir():
            raise UsageError(f"No such directory: {out.parent}")
        if fmt == "xlsx":
            with out.open("wb") as binary:
                count = write_xlsx(self.columns, self.rows(options), binary)
        else:
            with out.open("w", encoding="utf-8", newline="") as text:
                count = write_csv(self.columns, self.rows(options), text)
        self.stdout.write(f"exported {count} {self.noun} to {out}")
