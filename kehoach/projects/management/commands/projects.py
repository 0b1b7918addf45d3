"""``kehoach projects --plan CODE [--year Y] [--format table|csv|json]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.management.base import ListingCommand
from kehoach.projects.selectors import project_rows
from kehoach.tasks.management.programme import plan_option


class Command(ListingCommand):
    help = ("List a plan's projects: name, sector, location, funding_source, total_investment "
            "(tỷ đồng), phase, status, capital_plan and disbursed in the year (default: this year).")
    fields = ("name", "sector", "location", "funding_source", "total_investment", "phase", "status",
              "capital_plan", "disbursed")

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--plan", required=True, help="plan code")
        parser.add_argument("--year", type=int, help="year of capital_plan and disbursed")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = project_rows(plan=plan_option(options["plan"]), year=options.get("year"))
        self.emit(rows, options["format"])
