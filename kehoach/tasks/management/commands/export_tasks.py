"""``kehoach export_tasks --plan CODE --out FILE.xlsx``: the plan's tasks as the .xlsx table that
``import_tasks --plan CODE`` reads back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.documents.reports.programme import tasks_xlsx
from kehoach.tasks.management.commands.import_tasks import plan_option


class Command(BaseCommand):
    help = "Write a plan's tasks as the .xlsx table that import_tasks reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="plan code")
        parser.add_argument("--out", required=True, help="FILE.xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            raise UsageError("--out must end with .xlsx")
        if not out.parent.is_dir():
            raise UsageError(f"No such directory: {out.parent}")
        out.write_bytes(tasks_xlsx(plan=plan_option(options["plan"])))
        self.stdout.write(f"exported the tasks of {options['plan']} to {out}")
