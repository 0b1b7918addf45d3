"""``kehoach export_form --round ROUND --unit CODE --out FILE.xlsx [--form CODE]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.reporting.excel import export_form
from kehoach.reporting.models import Submission


class Command(BaseCommand):
    help = "Write a unit's form of a round as .xlsx (the official layout, entry cells unlocked)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", required=True)
        parser.add_argument("--unit", required=True)
        parser.add_argument("--out", required=True)
        parser.add_argument("--form", help="form code, when the unit has several in the round")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            raise UsageError("--out phải là tệp .xlsx")
        qs = Submission.objects.select_related("round", "unit", "template", "subject_unit") \
            .filter(round__code=options["round"], unit__code=options["unit"])
        if options["form"]:
            qs = qs.filter(template__code=options["form"])
        found = list(qs.order_by("template__code"))
        if not found:
            raise UsageError(f"Đơn vị {options['unit']} không có biểu trong đợt {options['round']}.")
        if len(found) > 1:
            codes = ", ".join(s.template.code for s in found)
            raise UsageError(f"Đơn vị có nhiều biểu ({codes}): chọn một bằng --form.")
        out.write_bytes(export_form(submission=found[0]))
        self.stdout.write(f"{out} ({found[0].template.code}, {found[0].unit.code})")
