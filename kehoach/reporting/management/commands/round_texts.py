"""``kehoach round_texts ROUND [--section KEY] [--compiled] [--out FILE.docx] [--format …]``:
the written part of a round — one line per unit × section (words against the length guide;
``--format json`` adds the text), the province's compiled drafts (``--compiled``: one line per
paragraph with its source units), or every unit's texts as a .docx (``--out``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.management.base import ListingCommand, UsageError
from kehoach.reporting.models import Round, SectionKey
from kehoach.reporting.selectors import (
    round_compiled_sections,
    round_section_texts,
    round_sections,
)
from kehoach.reporting.texts_docx import round_texts_docx

TEXT_FIELDS = ("section", "unit", "form", "status", "words", "max_words", "over", "version")
COMPILED_FIELDS = ("section", "report_part", "number", "sources", "text")


class Command(ListingCommand):
    help = (
        "The written part of a round: unit × section (words, length guide), the compiled "
        "drafts (--compiled), or all units' texts as .docx (--out)."
    )
    fields = TEXT_FIELDS

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", help="round code")
        parser.add_argument("--section", choices=SectionKey.values, help="one section only")
        parser.add_argument(
            "--compiled",
            action="store_true",
            help="the province's compiled drafts, paragraph by paragraph",
        )
        parser.add_argument("--out", help="FILE.docx: every unit's texts by section")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        round = Round.objects.filter(code=options["round"]).first()
        if round is None:
            raise UsageError(f"Không có đợt báo cáo mã “{options['round']}”.")
        if options["out"]:
            self._docx(round, Path(options["out"]))
            return
        sections = [s for s in round_sections(round=round) if options["section"] in (None, s.key)]
        if options["section"] and not sections:
            raise UsageError(f"Đợt “{round.code}” không có mục “{options['section']}”.")
        if options["compiled"]:
            self.emit(
                self._compiled(round, {s.key for s in sections}), options["format"], COMPILED_FIELDS
            )
            return
        rows = [
            {
                "section": s.key,
                "unit": e["unit"].code,
                "form": e["submission"].template.code,
                "status": e["submission"].status,
                "words": e["words"],
                "max_words": s.max_words,
                "over": e["over"],
                "version": e["version"],
                "text": e["text"],
            }
            for s in sections
            for e in round_section_texts(section=s)
        ]
        self.emit(rows, options["format"])

    def _compiled(self, round: Round, keys: set[str]) -> list[dict[str, Any]]:
        rows = []
        for key, part in round_compiled_sections(round=round).items():
            if key not in keys:
                continue
            for number, paragraph in enumerate(part["paragraphs"], start=1):
                rows.append(
                    {
                        "section": key,
                        "report_part": part["report_part"],
                        "number": number,
                        "text": paragraph["text"],
                        "sources": ",".join(s["code"] for s in paragraph["sources"]),
                    }
                )
        return rows

    def _docx(self, round: Round, path: Path) -> None:
        if path.suffix.lower() != ".docx":
            raise UsageError("--out phải là tệp .docx.")
        try:
            path.write_bytes(round_texts_docx(round=round))
        except OSError as exc:
            raise UsageError(f"Không ghi được {path}: {exc.strerror}.") from exc
        self.stdout.write(f"{path}")
