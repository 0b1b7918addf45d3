"""``kehoach backup --out FILE.tar.gz``: everything (every table and the uploaded files) in one
archive readable by SQLite and PostgreSQL alike, with per-table counts and checksums that
``kehoach restore`` checks (``kehoach.core.backup``).

The file holds the accounts' password hashes: it is written readable by its owner only (0600).
API tokens are left out (programs ask for a new one after a restore)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.backup import backup_write
from kehoach.core.management.base import UsageError

SUFFIXES = (".tar.gz", ".tgz")


def private_file(path: Path) -> IO[bytes]:
    """``path`` opened for writing, created (or reset) readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode with O_CREAT: set it
    return os.fdopen(fd, "wb")


class Command(BaseCommand):
    help = ("Sao lưu toàn bộ dữ liệu và tệp đã tải lên vào một tệp .tar.gz (khôi phục được trên "
            "SQLite và PostgreSQL).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="FILE.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["out"])
        if not path.name.endswith(SUFFIXES):
            raise UsageError("--out must end with .tar.gz (data and uploaded files in one file)")
        if not path.parent.is_dir():
            raise UsageError(f"No such directory: {path.parent}")
        partial = path.with_name(f".{path.name}.part")
        try:
            with private_file(partial) as out:
                manifest = backup_write(out=out)
            partial.replace(path)  # a backup that stopped half-way never has the final name
        finally:
            partial.unlink(missing_ok=True)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(f"backup written to {path} (readable by its owner only): "
                          f"{len(manifest['tables'])} tables, {rows} rows, "
                          f"{len(manifest['media'])} uploaded files")
