"""``kehoach restore FILE``: replace everything with a backup made by ``kehoach backup``; every
table's row count and checksum is checked against the backup, and any difference restores
nothing. A ``.json``/``.json.gz`` of the first format restores the data only, unchecked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kehoach.core.backup import BackupError, backup_restore, legacy_restore
from kehoach.core.management.base import UsageError


class Command(BaseCommand):
    help = "Khôi phục dữ liệu và tệp đã tải lên từ tệp sao lưu (thay thế toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"Không tìm thấy tệp: {path}")
        if path.name.endswith((".json", ".json.gz")):
            legacy_restore(path=path)
            self.stdout.write("restore done (a data-only backup of the first format: uploaded "
                              "files and checksums not included)")
            return
        try:
            manifest = backup_restore(path=path)
        except BackupError as exc:
            raise CommandError(f"restore refused, nothing changed: {exc}") from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(f"restore done: {len(manifest['tables'])} tables, {rows} rows, counts "
                          f"and checksums equal to the backup; {len(manifest['media'])} uploaded "
                          f"files")
