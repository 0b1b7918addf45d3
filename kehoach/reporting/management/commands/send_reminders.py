"""``kehoach send_reminders``: run daily (cron); enqueues the reminders that are due. Running it
twice sends nothing twice (``ReminderLog``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from kehoach.reporting.tasks import reminders_enqueue


class Command(BaseCommand):
    help = "Queue the reminder emails due today (before and after each deadline)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            queued = reminders_enqueue()
        self.stdout.write(f"{len(queued)} reminder(s) queued")
