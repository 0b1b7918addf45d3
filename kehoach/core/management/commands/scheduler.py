"""``kehoach scheduler``: the daily jobs, without cron.

Every minute it closes the background imports a dead worker left running (``recover_imports``)
and runs what is due: from ``KEHOACH_REMINDER_HOUR`` (local time) on, once a day, it
queues the day's reminder e-mails (``send_reminders``; sending twice is impossible, see
``ReminderLog``) and prunes finished background-task results older than 14 days. ``--once`` runs
what is due and exits (for a cron job or a systemd timer instead of the loop).
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

DAILY_KEY = "kehoach:scheduler:daily"


def daily_jobs_due() -> bool:
    now = timezone.localtime()
    return now.hour >= settings.KEHOACH_REMINDER_HOUR and cache.get(DAILY_KEY) != now.date()


class Command(BaseCommand):
    help = "Run the daily jobs when due (reminders, pruning); loops unless --once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due, then exit")
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between checks")

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while self.running:
            close_old_connections()
            call_command("recover_imports", stdout=self.stdout)  # imports of a dead worker
            if daily_jobs_due():
                self.run_daily()
            if once:
                return
            self._sleep(interval)

    def run_daily(self) -> None:
        call_command("send_reminders", stdout=self.stdout)
        if isinstance(task_backends["default"], DatabaseBackend):
            call_command("prune_db_task_results", "--queue-name=*", stdout=self.stdout, verbosity=0)
        cache.set(DAILY_KEY, timezone.localdate(), timeout=2 * 86400)

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(min(1.0, deadline - time.monotonic()))

    def _stop(self, signum: int, frame: Any) -> None:
        self.running = False
