"""``kehoach import_projects FILE --plan CODE [--dry-run] [--locale vi|en|auto]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand
from kehoach.projects.importing import projects_import
from kehoach.tasks.management.commands.import_tasks import plan_option


class Command(ImportCommand):
    help = "Load a plan's priority project list, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--plan", required=True, help="plan code")

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        return projects_import(data=data, filename=filename, plan=plan_option(options["plan"]),
                               dry_run=options["dry_run"], locale=options["locale"])
