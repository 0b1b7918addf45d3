"""``kehoach create_user USERNAME --role ROLE [--unit CODE] [--password P] [--name "Họ tên"]``."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.core.models import Role, User
from kehoach.core.services import user_create


class Command(BaseCommand):
    help = "Tạo tài khoản người dùng với vai trò và đơn vị."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--unit", help="mã đơn vị (bắt buộc với vai trò reporter)")
        parser.add_argument("--password", help="mặc định: hỏi khi chạy")
        parser.add_argument("--name", default="", help="họ và tên")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username=options["username"]).exists():
            raise UsageError(f"Tên đăng nhập đã có: {options['username']}")
        unit = None
        if options["unit"]:
            unit_model = apps.get_model("units", "Unit")  # by name: core imports no domain app
            unit = unit_model.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise UsageError(f"Không có đơn vị mã {options['unit']}")
        if options["role"] == Role.REPORTER and unit is None:
            raise UsageError("Cán bộ báo cáo phải thuộc một đơn vị: thêm --unit CODE.")
        password = options["password"] or getpass.getpass("Mật khẩu: ")
        try:
            user = user_create(username=options["username"], password=password,
                               role=options["role"], unit=unit, full_name=options["name"],
                               email=options["email"])
        except ValidationError as exc:
            self.stderr.write("\n".join(exc.messages))
            sys.exit(1)
        self.stdout.write(f"user {user.username} created ({user.role})")
