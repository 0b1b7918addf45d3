"""``kehoach consultation_synthesis SLUG --out FILE.docx|.xlsx [--number 12] [--date 2027-01-05]
[--signer-name …] [--signer-title …] [--on-behalf "KT. GIÁM ĐỐC"|-] [--recipient … …]``.

The synthesis table of a consultation, grouped by section of the draft. Exit codes: 0 written,
2 bad usage (unknown consultation, extension or folder; a date before the consultation closed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.consultation.forms import SynthesisOptionsForm
from kehoach.consultation.models import Consultation
from kehoach.consultation.synthesis import synthesis_counts, synthesis_docx, synthesis_xlsx
from kehoach.core.management.base import UsageError

BUILDERS = {"docx": synthesis_docx, "xlsx": synthesis_xlsx}


class Command(BaseCommand):
    help = (
        "The synthesis table of a consultation's comments (.docx or .xlsx) with its number, "
        "date, signer and recipients."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the consultation's slug (its address)")
        parser.add_argument("--out", required=True, help="FILE.docx or FILE.xlsx")
        parser.add_argument("--number", default="", help="12 or 12/BC-STC")
        parser.add_argument("--date", default="", help="YYYY-MM-DD, not before the close")
        parser.add_argument("--signer-name", default="")
        parser.add_argument("--signer-title", default="")
        parser.add_argument("--on-behalf", default="", help="KT. GIÁM ĐỐC; '-': the head signs")
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            help="a recipient (repeat the option for each)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in BUILDERS:
            raise UsageError(f"Đuôi tệp không được hỗ trợ: {out.name} (dùng .docx hoặc .xlsx).")
        if not out.parent.is_dir():
            raise UsageError(f"Không có thư mục: {out.parent}")
        consultation = (
            Consultation.objects.select_related("plan__unit").filter(slug=options["slug"]).first()
        )
        if consultation is None:
            raise UsageError(f"Không có đợt lấy ý kiến {options['slug']}.")
        form = SynthesisOptionsForm(
            {
                "number": options["number"],
                "date": options["date"],
                "signer_name": options["signer_name"],
                "signer_title": options["signer_title"],
                "signer_on_behalf": options["on_behalf"],
                "recipients": "\n".join(options["recipient"]),
            },
            consultation=consultation,
        )
        if not form.is_valid():
            raise UsageError(
                "; ".join(
                    f"{form.fields[k].label if k in form.fields else k}: {m}"
                    for k, errors in form.errors.items()
                    for m in errors
                )
            )
        content = BUILDERS[fmt](consultation=consultation, options=form.options())
        out.write_bytes(content)
        counts = synthesis_counts(consultation=consultation)
        self.stdout.write(
            f"wrote {out} ({len(content)} bytes, {fmt}): {counts.total} comments in "
            f"{len(counts.by_section)} sections, {counts.answered} answered, "
            f"{counts.pending} pending (not in the table)"
        )
