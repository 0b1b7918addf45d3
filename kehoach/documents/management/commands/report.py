"""``kehoach report --plan CODE --year Y [--unit CODE] --out FILE.docx|.xlsx|.pdf
[--date YYYY-MM-DD] [--number 125] [--signer-name …] [--signer-title …] [--signer-deputy …]
[--recipient … (repeated)] [--section KEY=FILE (repeated)]``.

Without ``--date`` the date line is left blank to be filled by hand (the issuer is the body valid
today); ``--section shortcomings=ii.txt`` replaces the compiled text of a section (keys:
shortcomings, causes, lessons, solutions, proposals; one paragraph a line).

Exit codes: 0 written, 1 LibreOffice failed on the PDF, 2 bad usage (unknown plan, unit,
extension or section; a year outside the plan's period; a plan without targets) or PDF asked on
a server without LibreOffice."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.documents import selectors
from kehoach.documents.reports import (
    FORMATS,
    ConversionError,
    LibreOfficeMissing,
    ReportOptions,
    report_render,
)
from kehoach.documents.reports.options import MAX_RECIPIENTS, lines_of
from kehoach.documents.reports.sources import SECTION_KEYS
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
        parser.add_argument(
            "--date", default=None, help="the date on the report (YYYY-MM-DD; default: left blank)"
        )
        parser.add_argument("--number", default="", help="số of the report: 125 or 125/BC-UBND")
        parser.add_argument("--signer-name", default="")
        parser.add_argument("--signer-title", default="", help="e.g. PHÓ CHỦ TỊCH")
        parser.add_argument(
            "--signer-deputy", default=None, help='e.g. "KT. CHỦ TỊCH"; "" when the head signs'
        )
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            help="one recipient of Nơi nhận (repeat; default: the issuer's list)",
        )
        parser.add_argument(
            "--section",
            action="append",
            default=[],
            metavar="KEY=FILE",
            help=f"text of a section from a UTF-8 file; keys: {', '.join(SECTION_KEYS)}",
        )

    def options_from(self, options: dict[str, Any]) -> ReportOptions:
        sections: dict[str, str] = {}
        for item in options["section"]:
            key, _sep, name = item.partition("=")
            if key not in SECTION_KEYS or not name:
                raise UsageError(
                    f"--section {item}: dùng KEY=TỆP, KEY là một trong {', '.join(SECTION_KEYS)}."
                )
            try:
                sections[key] = "\n".join(lines_of(Path(name).read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise UsageError(f"Không đọc được tệp {name} (UTF-8): {exc}") from exc
        recipients = [r for item in options["recipient"] for r in lines_of(item)]
        if len(recipients) > MAX_RECIPIENTS:
            raise UsageError(f"Tối đa {MAX_RECIPIENTS} nơi nhận.")
        return ReportOptions(
            number=options["number"].strip(),
            date=_date(options["date"]) if options["date"] else None,
            signer_name=" ".join(options["signer_name"].split()),
            signer_title=" ".join(options["signer_title"].split()).upper(),
            signer_deputy=None
            if options["signer_deputy"] is None
            else " ".join(options["signer_deputy"].split()).upper(),
            recipients=tuple(recipients),
            sections=sections,
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise UsageError(
                f"Đuôi tệp không được hỗ trợ: {out.name} (dùng .docx, .xlsx hoặc .pdf)."
            )
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
        report_options = self.options_from(options)
        try:
            evaluation = selectors.report_evaluation(
                plan=plan, year=options["year"], unit=unit, user=None
            )
            file = report_render(
                evaluation=evaluation, fmt=fmt, date=report_options.date, options=report_options
            )
        except ValidationError as exc:
            raise UsageError("; ".join(exc.messages)) from exc
        except LibreOfficeMissing as exc:
            raise UsageError(str(exc)) from exc
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
            f"{counts['not_due']} not due"
        )
