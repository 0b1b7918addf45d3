"""``kehoach extract_targets FILE [--format json|table]``: the targets and results in a plan's text.

Exit codes: 0 done, 1 unreadable file (empty, binary, not UTF-8/UTF-16, damaged .docx), 2 bad usage
(no such file, not .txt/.docx).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.intake.extraction import extract_targets, read_text_file

JSON_KEYS = ("indicator", "comparator", "value", "unit", "period", "sentence", "start", "end")
TABLE_KEYS = ("kind", "indicator", "comparator", "value", "value_max", "unit", "period",
              "target_type")
SUFFIXES = (".txt", ".docx")


class Command(BaseCommand):
    help = "Read the quantitative targets and results stated in a plan's text (.txt, .docx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=".txt (UTF-8) or .docx")
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"Không tìm thấy tệp: {path}")
        if path.suffix.lower() not in SUFFIXES:
            raise UsageError(f"Chỉ nhận tệp .txt hoặc .docx (tệp đã gửi: {path.name}).")
        try:
            text = read_text_file(path, path.name, max_bytes=settings.KEHOACH_MAX_UPLOAD_BYTES)
        except ValueError as exc:
            self.stderr.write(f"{path.name}: {exc}")
            sys.exit(1)
        items = [item.to_json_dict() for item in extract_targets(text)]
        if options["format"] == "json":
            rows = [{key: item[key] for key in JSON_KEYS} for item in items]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            self._table(items)

    def _table(self, items: list[dict[str, Any]]) -> None:
        text = [[_cell(item.get(k)) for k in TABLE_KEYS] for item in items]
        widths = [max([len(k)] + [len(row[i]) for row in text]) for i, k in enumerate(TABLE_KEYS)]
        self.stdout.write("  ".join(k.ljust(w) for k, w in zip(TABLE_KEYS, widths, strict=True)))
        for row in text:
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(f"{len(items)} items ({sum(i['kind'] == 'target' for i in items)} targets, "
                          f"{sum(i['kind'] == 'result' for i in items)} results)")


def _cell(value: Any, width: int = 60) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[:width - 1] + "…"
