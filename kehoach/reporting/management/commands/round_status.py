"""``kehoach round_status ROUND [--format …]``: a round's completeness, one line per unit × form."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from kehoach.core.management.base import ListingCommand, UsageError
from kehoach.reporting.models import Round
from kehoach.reporting.selectors import round_completeness


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


class Command(ListingCommand):
    help = "A round's completeness: unit, form, status, submitted_at, deadline, filled_percent, late."
    fields = ("unit", "form", "status", "submitted_at", "deadline", "filled_percent", "late")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", help="round code")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        round = Round.objects.filter(code=options["round"]).first()
        if round is None:
            raise UsageError(f"Không có đợt báo cáo mã “{options['round']}”.")
        rows = [{
            "unit": r["unit"], "form": r["form"], "status": r["status"],
            "submitted_at": (timezone.localtime(r["submitted_at"]).isoformat()
                             if r["submitted_at"] else None),
            "deadline": r["deadline"].isoformat(),
            "filled_percent": _number(r["filled_percent"]), "late": r["late"],
        } for r in round_completeness(round=round)["rows"]]
        self.emit(rows, options["format"])
