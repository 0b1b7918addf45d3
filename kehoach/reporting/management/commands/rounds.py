"""``kehoach rounds [--format table|csv|json]``: code, title, kind, status, deadline."""

from __future__ import annotations

from typing import Any

from kehoach.core.management.base import ListingCommand
from kehoach.reporting.models import Round
from kehoach.reporting.selectors import round_deadline


class Command(ListingCommand):
    help = "List the reporting rounds."
    fields = ("code", "title", "kind", "status", "deadline")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = [{"code": r.code, "title": r.title, "kind": r.kind, "status": r.status,
                 "deadline": (d.isoformat() if (d := round_deadline(r)) else None)}
                for r in Round.objects.prefetch_related("milestones").order_by("code")]
        self.emit(rows, options["format"])
