"""``kehoach recover_imports [--stale-minutes N]``: close the background imports a dead worker
left running (nothing of them is stored; their kept uploads are removed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.values.jobs import STALE_AFTER, import_jobs_recover


class Command(BaseCommand):
    help = "Mark background imports left running by a worker that died as failed (nothing stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stale-minutes", type=float,
                            default=STALE_AFTER.total_seconds() / 60,
                            help="no progress for this long means the worker died (default 15)")

    def handle(self, *args: Any, stale_minutes: float, **options: Any) -> None:
        if stale_minutes < 0:
            raise UsageError("--stale-minutes must be 0 or more")
        closed = import_jobs_recover(stale_after=dt.timedelta(minutes=stale_minutes))
        if closed or options["verbosity"] > 1:
            self.stdout.write(f"closed {closed} import job(s) left running by a stopped worker")
