"""``kehoach export_plans [--out FILE.csv|FILE.xlsx]``: every plan, re-importable."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kehoach.core.management.base import ExportCommand
from kehoach.plans.importing import PLAN_SPEC
from kehoach.plans.selectors import plan_export_rows


class Command(ExportCommand):
    help = "Write every plan as the plans exchange file that import_plans reads."
    columns = PLAN_SPEC.columns
    noun = "plans"

    def rows(self, options: dict[str, Any]) -> Iterable[dict[str, Any]]:
        return plan_export_rows()
