"""``kehoach import_form FILE.xlsx [--user USERNAME]``: all or nothing; every rejected cell is
printed as ``sheet S, row R, column C: reason`` and the exit code is 1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.core.models import Role, User
from kehoach.reporting.excel import FormRejected, import_form


class Command(BaseCommand):
    help = "Read a filled form (.xlsx exported by export_form) back into its submission."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--user", help="who is importing (default: the first planning officer)")

    def _actor(self, username: str | None) -> User:
        qs = User.objects.filter(is_active=True)
        actor = (qs.filter(username=username) if username else
                 qs.filter(role__in=[Role.PLANNING, Role.ADMIN]).order_by("role", "id")).first()
        if actor is None:
            raise UsageError("Không có người dùng để ghi nhận việc nhập (dùng --user).")
        return actor

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise UsageError(f"Không tìm thấy tệp: {path}")
        actor = self._actor(options.get("user"))
        try:
            result = import_form(data=path.read_bytes(), actor=actor)
        except FormRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(exc.errors)} lỗi; không có dữ liệu nào được lưu.")
            sys.exit(1)
        except PermissionDenied:
            self.stderr.write(f"{actor} không có quyền nhập biểu này.")
            sys.exit(1)
        submission = result["submission"]
        changed = result["changed"]
        self.stdout.write(f"{submission}: {changed} ô đã cập nhật"
                          + ("" if changed else " — tệp không thay đổi gì"))
