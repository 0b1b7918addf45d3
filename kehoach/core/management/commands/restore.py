"""``kehoach restore FILE``: replace everything with a backup made by ``kehoach backup``."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from kehoach.core.management.base import UsageError


class Command(BaseCommand):
    help = "Khôi phục dữ liệu từ tệp sao lưu (thay thế toàn bộ dữ liệu hiện có)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"Không tìm thấy tệp: {path}")
        temporary = None
        try:
            if path.suffix == ".gz":
                with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as tmp:
                    temporary = Path(tmp.name)
                    with gzip.open(path, "rb") as packed:
                        shutil.copyfileobj(packed, tmp, 1 << 20)
                path = temporary
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(path), verbosity=0)
        finally:
            if temporary is not None:
                temporary.unlink(missing_ok=True)  # the decompressed copy holds every secret
        self.stdout.write("restore done")
