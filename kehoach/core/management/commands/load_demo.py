"""``kehoach load_demo [--if-empty]``: the demo province, its plans, values and users."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core import demo


class Command(BaseCommand):
    help = ("Load the demo (Thái Nguyên with Bắc Kạn before 1/7/2025): units, indicators, plans, "
            "targets, values, users. Never overwrites what users changed; prints the demo logins.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing but print the logins once the demo is loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        demo.load(stdout=self.stdout, if_empty=options["if_empty"])
