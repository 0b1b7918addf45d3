"""``kehoach install_forms``: create the built-in forms (Phụ lục I, II, III); idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kehoach.reporting.services import template_install_builtin


class Command(BaseCommand):
    help = "Install the built-in forms; rows whose indicator does not exist are skipped."

    def handle(self, *args: Any, **options: Any) -> None:
        templates, warnings = template_install_builtin()
        for warning in warnings:
            self.stderr.write(warning)
        for t in templates:
            self.stdout.write(f"{t.code} v{t.version}: {t.rows.count()} rows")
