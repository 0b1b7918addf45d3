"""``kehoach import_tasks FILE --plan CODE [--dry-run] [--locale vi|en|auto]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from kehoach.core.exchange.importer import ImportResult
from kehoach.core.management.base import ImportCommand, UsageError
from kehoach.plans.models import Plan
from kehoach.tasks.importing import tasks_import


def plan_option(code: str) -> Plan:
    plan = Plan.objects.filter(code=code).first()
    if plan is None:
        raise UsageError(f"Không có kế hoạch mã {code}.")
    return plan


class Command(ImportCommand):
    help = ("Load an action programme's task table (STT, nhiệm vụ, chủ trì, phối hợp, thời hạn, "
            "sản phẩm) into a plan, all or nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--plan", required=True, help="plan code")

    def run_import(self, *, data: bytes, filename: str, options: dict[str, Any]) -> ImportResult:
        return tasks_import(data=data, filename=filename, plan=plan_option(options["plan"]),
                            dry_run=options["dry_run"], locale=options["locale"])
