"""``kehoach send_reminders``: run daily (cron); enqueues the reminders that are due: the rounds'
(``ReminderLog``) and the action programme's tasks and yearly duties (``TaskReminderLog``, which
also creates this year's due items). Running it twice sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from kehoach.reporting.tasks import reminders_enqueue


class Command(BaseCommand):
    help = "Queue the reminder emails due today (before and after each deadline)."

    def handle(self, *args: Any, **options: Any) -> None:
        from kehoach.tasks.jobs import task_reminders_enqueue

        with transaction.atomic():
            queued = reminders_enqueue()
        self.stdout.write(f"{len(queued)} reminder(s) queued")
        with transaction.atomic():
            task_queued = task_reminders_enqueue()
        self.stdout.write(f"{len(task_queued)} task reminder(s) queued")
