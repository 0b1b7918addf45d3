"""``kehoach tasks --plan CODE [--format table|csv|json]``: the plan's action programme."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.management.base import ListingCommand
from kehoach.tasks.management.programme import plan_option
from kehoach.tasks.selectors import task_rows


class Command(ListingCommand):
    help = ("List a plan's tasks: number, text, lead_unit, coordinating_units, deadline, product, "
            "status, overdue.")
    fields = ("number", "text", "lead_unit", "coordinating_units", "deadline", "product", "status",
              "overdue")

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--plan", required=True, help="plan code")

    def handle(self, *args: Any, **options: Any) -> None:
        self.emit(task_rows(plan=plan_option(options["plan"])), options["format"])
