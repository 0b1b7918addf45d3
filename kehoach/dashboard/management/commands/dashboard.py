"""``kehoach dashboard [--year Y] [--plan CODE] [--public] [--format table|csv|json]``: the
leaders' dashboard (or, with ``--public``, the public one) for an operator or a program.

The table and CSV list the targets that need attention (not met, at risk, to speed up) with the
responsible unit and what is still needed, after the year's summary; JSON is the dashboard's
data, the same as ``/api/v1/dashboard/`` (``/api/v1/public/dashboard/``)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.management.base import ListingCommand, UsageError
from kehoach.dashboard.forms import DashboardForm, form_errors
from kehoach.dashboard.leader import DashboardError, board_json, leader_dashboard, summary
from kehoach.dashboard.public import public_dashboard, public_json

FIELDS = (
    "attention",
    "plan",
    "indicator",
    "indicator_name",
    "value",
    "target",
    "status_words",
    "still_needed",
    "responsible_unit",
    "responsible_unit_name",
)
PUBLIC_FIELDS = (
    "plan",
    "indicator",
    "indicator_name",
    "wording",
    "status_words",
    "value",
    "year",
    "kind",
    "source",
    "date",
)


class Operator:
    """The operator at the command line reads the whole province, as the planning office does."""

    pk = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    role = "admin"
    unit_id = None


class Command(ListingCommand):
    help = (
        "The leaders' dashboard for a year (default: the latest year with targets to judge): "
        "the targets not met and at risk with their responsible units; --public: the public "
        "dashboard (published plans only)."
    )
    fields = FIELDS

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", default="", help="year (e.g. 2024)")
        parser.add_argument("--plan", default="", help="one plan of the year (code)")
        parser.add_argument(
            "--indicator",
            default="",
            help="indicator (code) by which the communes are ranked (JSON)",
        )
        parser.add_argument("--public", action="store_true", help="the public dashboard")

    def handle(self, *args: Any, **options: Any) -> None:
        form = DashboardForm(
            {"year": options["year"], "plan": options["plan"], "indicator": options["indicator"]}
        )
        if not form.is_valid():
            raise UsageError(" ".join(form_errors(form)))
        year, plan = form.cleaned_data["year"], form.cleaned_data["plan"]
        indicator = form.cleaned_data["indicator"]
        if options["public"]:
            if plan or indicator:
                raise UsageError(
                    "--plan và --indicator không dùng với --public (bảng công khai gồm mọi kế hoạch đã công bố)."
                )
            self._public(year, options["format"])
            return
        try:
            board = leader_dashboard(
                user=Operator(),  # type: ignore[arg-type]
                year=year,
                plan=plan,
                indicator=indicator,
            )
        except DashboardError as exc:
            raise UsageError(str(exc)) from exc
        if options["format"] == "json":
            self._json(board_json(board))
            return
        if options["format"] == "table":
            self.stdout.write(summary(board))
        self.emit([line.as_json() for line in board.attention], options["format"])

    def _public(self, year: int | None, fmt: str) -> None:
        data = public_json(public_dashboard(year=year))
        if fmt == "json":
            self._json(data)
            return
        rows = [
            {"plan": plan["code"], **target, **(target["latest"] or {})}
            for plan in data["plans"]
            for target in plan["targets"]
        ]
        self.emit(rows, fmt, PUBLIC_FIELDS)

    def _json(self, data: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str))
