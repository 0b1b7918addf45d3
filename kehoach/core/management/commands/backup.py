"""``kehoach backup --out FILE``: everything, as portable JSON (SQLite ↔ PostgreSQL).

The file holds the accounts' password hashes: it is written readable by its owner only (0600).
API tokens are left out (programs ask for a new one after a restore)."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path
from typing import IO, Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "authtoken"]


def private_file(path: Path) -> IO[bytes]:
    """``path`` opened for writing, created (or reset) readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode with O_CREAT: set it
    return os.fdopen(fd, "wb")


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu ra tệp JSON (đọc được trên SQLite và PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="FILE.json or FILE.json.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["out"])
        with private_file(path) as raw:
            target: Any = gzip.GzipFile(fileobj=raw, mode="wb") if path.suffix == ".gz" else raw
            with io.TextIOWrapper(target, encoding="utf-8") as stream:
                call_command(
                    "dumpdata", natural_foreign=True, exclude=EXCLUDE, stdout=stream, indent=None
                )
        self.stdout.write(f"backup written to {path} (readable by its owner only)")
