"""``kehoach copy_round ROUND [--code CODE] [--title TITLE] [--years N]``: next year's round
from this one (years rolled in its title, milestones and columns; the next free code proposed).
Exit 1 when the copy is refused (a taken code …), 2 for an unknown round."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.reporting.models import Round
from kehoach.reporting.services import round_copy


class Command(BaseCommand):
    help = "Copy a round to a later year (a new draft round); prints the new round's code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", help="code of the round to copy")
        parser.add_argument("--code", default="", help="new code (default: years rolled)")
        parser.add_argument("--title", default="", help="new title (default: years rolled)")
        parser.add_argument("--years", type=int, default=1, help="how many years later (1-10)")

    def handle(self, *args: Any, **options: Any) -> None:
        source = Round.objects.filter(code=options["round"]).first()
        if source is None:
            raise UsageError(f"Không có đợt báo cáo mã “{options['round']}”.")
        try:
            copy = round_copy(source=source, actor=None, code=options["code"],
                              title=options["title"], years=options["years"])
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(1)
        self.stdout.write(f"{copy.code}\t{copy.title}")
