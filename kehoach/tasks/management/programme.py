"""The ``import_tasks``/``import_projects`` and ``export_tasks``/``export_projects`` commands: one
import and one export command of a plan's ``ProgrammeTable``, and the ``--plan CODE`` option of
every command of both apps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand, UsageError
from kehoach.plans.models import Plan
from kehoach.tasks.programme import ProgrammeTable


def plan_option(code: str) -> Plan:
    plan = Plan.objects.filter(code=code).first()
    if plan is None:
        raise UsageError(f"Không có kế hoạch mã {code}.")
    return plan


class ProgrammeImportCommand(ImportCommand):
    """``kehoach import_<kind> FILE --plan CODE [--dry-run] [--locale vi|en|auto]``."""

    table: ProgrammeTable

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--plan", required=True, help="plan code")

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        return self.table.importer(data=data, filename=filename,
                                   plan=plan_option(options["plan"]),
                                   dry_run=options["dry_run"], locale=options["locale"])


class ProgrammeExportCommand(BaseCommand):
    """``kehoach export_<kind> --plan CODE --out FILE.xlsx``: the table that ``import_<kind>``
    reads back."""

    table: ProgrammeTable

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="plan code")
        parser.add_argument("--out", required=True, help="FILE.xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            raise UsageError("--out must end with .xlsx")
        if not out.parent.is_dir():
            raise UsageError(f"No such directory: {out.parent}")
        out.write_bytes(self.table.document(plan=plan_option(options["plan"]), fmt="xlsx"))
        self.stdout.write(f"exported the {self.table.kind} of {options['plan']} to {out}")
