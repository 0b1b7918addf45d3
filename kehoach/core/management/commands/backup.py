"""``kehoach backup --out FILE``: everything, as portable JSON (SQLite ↔ PostgreSQL)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu ra tệp JSON (đọc được trên SQLite và PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="FILE.json or FILE.json.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["out"])
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "wt", encoding="utf-8") as stream:
            call_command(
                "dumpdata", natural_foreign=True, exclude=EXCLUDE, stdout=stream, indent=None
            )
        self.stdout.write(f"backup written to {path}")
