"""``kehoach report --plan CODE --year Y [--unit CODE] --out FILE.docx|.xlsx|.pdf``.

Exit codes: 0 written, 1 the PDF could not be made, 2 bad usage (unknown plan, unit or
extension; a year outside the plan's period; a plan without targets)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kehoach.core.management.base import UsageError
from kehoach.documents import selectors
from kehoach.documents.reports import FORMATS, ConversionError, report_render
from kehoach.plans.models import Plan
from kehoach.units.models import Unit


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"Ngày không hợp lệ: {text} (dạng YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "The report on a plan's targets for a year and its appendix (.docx, .xlsx or .pdf)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", default=None)
        parser.add_argument("--out", required=True, help="FILE.docx, FILE.xlsx or FILE.pdf")
        parser.add_argument("--date", default=None,
                            help="the date on the report (YYYY-MM-DD, default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise UsageError(f"Đuôi tệp không được hỗ trợ: {out.name} (dùng .docx, .xlsx hoặc .pdf).")
        if not out.parent.is_dir():
            raise UsageError(f"Không có thư mục: {out.parent}")
        plan = Plan.objects.select_related("unit").filter(code=options["plan"]).first()
        if plan is None:
            raise UsageError(f"Không có kế hoạch mã {options['plan']}.")
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise UsageError(f"Không có đơn vị mã {options['unit']}.")
        date = _date(options["date"]) if options["date"] else timezone.localdate()
        try:
            evaluation = selectors.report_evaluation(plan=plan, year=options["year"], unit=unit,
                                                     user=None)
            file = report_render(evaluation=evaluation, fmt=fmt, date=date)
        except ValidationError as exc:
            raise UsageError("; ".join(exc.messages)) from exc
        except ConversionError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        out.write_bytes(file.content)
        counts = evaluation.counts_with_overrides
        self.stdout.write(
            f"wrote {out} ({len(file.content)} bytes, {fmt}): plan {plan.code}, year "
            f"{options['year']}{', unit ' + unit.code if unit else ''}, {counts['total']} targets, "
            f"{counts['met_or_exceeded']}/{counts['judged']} met or exceeded, "
            f"{counts['not_met']} not met, {counts['no_data']} no data, "
            f"{counts['not_due']} not due")
