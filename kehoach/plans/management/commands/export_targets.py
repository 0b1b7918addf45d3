"""``kehoach export_targets [--plan CODE] [--out FILE.csv|FILE.xlsx]``: targets, re-importable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.management.base import ExportCommand, UsageError
from kehoach.plans.importing import TARGET_SPEC
from kehoach.plans.models import Plan
from kehoach.plans.selectors import target_export_rows


class Command(ExportCommand):
    help = "Write the targets of every plan (or of --plan) as the targets exchange file."
    columns = TARGET_SPEC.columns
    noun = "targets"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--plan", help="only this plan's targets")

    def rows(self, options: dict[str, Any]) -> Iterable[dict[str, Any]]:
        plans = None
        if options.get("plan"):
            plans = Plan.objects.filter(code=options["plan"])
            if not plans.exists():
                raise UsageError(f"No plan with code {options['plan']}")
        return target_export_rows(plans=plans)
