"""``kehoach plans [--format table|csv|json]``: every plan, drafts included."""

from __future__ import annotations

from typing import Any

from kehoach.core.management.base import ListingCommand
from kehoach.plans.selectors import plan_rows


class Command(ListingCommand):
    help = "List plans: code, name, kind, start_year, end_year, unit, document, status."
    fields = ("code", "name", "kind", "start_year", "end_year", "unit", "document", "status")

    def handle(self, *args: Any, **options: Any) -> None:
        self.emit(plan_rows(), options["format"])
