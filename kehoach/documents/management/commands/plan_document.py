"""``kehoach plan_document --plan CODE --out FILE.docx [--number 125] [--date 2026-12-10]``.

The plan itself as a draft Decree 30 document (targets, tasks, projects, appendices) for the
planning office to edit. Exit codes: 0 written, 2 bad usage (unknown plan, extension or folder,
a bad date)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.documents.plan_forms import PlanDocumentForm
from kehoach.documents.reports.plan_document import plan_document_docx
from kehoach.plans.models import Plan


class Command(BaseCommand):
    help = "The plan as a draft document in the Decree 30 format (.docx), with its appendices."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="the plan's code")
        parser.add_argument("--out", required=True, help="FILE.docx")
        parser.add_argument("--number", default="", help="125 or 125/KH-UBND (default blank)")
        parser.add_argument("--date", default="", help="YYYY-MM-DD (default blank)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() != ".docx":
            raise UsageError(f"Đuôi tệp không được hỗ trợ: {out.name} (dùng .docx).")
        if not out.parent.is_dir():
            raise UsageError(f"Không có thư mục: {out.parent}")
        plan = Plan.objects.select_related("unit", "parent").filter(code=options["plan"]).first()
        if plan is None:
            raise UsageError(f"Không có kế hoạch mã {options['plan']}.")
        form = PlanDocumentForm({"number": options["number"], "date": options["date"]})
        if not form.is_valid():
            raise UsageError("; ".join(str(m) for errors in form.errors.values() for m in errors))
        content = plan_document_docx(
            plan=plan,
            date=form.cleaned_data.get("date"),
            number_text=form.cleaned_data.get("number") or "",
        )
        out.write_bytes(content)
        self.stdout.write(
            f"wrote {out} ({len(content)} bytes): plan {plan.code}, {plan.targets.count()} targets"
        )
