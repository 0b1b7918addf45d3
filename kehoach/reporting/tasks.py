"""Background jobs of the reporting app (django-tasks; the worker is ``kehoach db_worker``).

This module sits above the services: it imports them, they never import it."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from kehoach.reporting.models import ReminderLog
from kehoach.reporting.services.reminders import reminder_claim, reminder_send, reminders_due

logger = logging.getLogger(__name__)


@task()
def send_reminder(*, log_id: int) -> bool:
    """Send one logged reminder email (does nothing if it was already sent)."""
    return reminder_send(log_id=log_id)


def reminders_enqueue(*, on: dt.date | None = None) -> list[ReminderLog]:
    """Claim every due reminder and hand it to the background worker."""
    on = on or timezone.localdate()
    queued = []
    for submission, offset in reminders_due(on=on):
        log = reminder_claim(submission=submission, offset=offset)
        if log is None:
            continue
        queued.append(log)
        # With the database backend the job row commits together with the log row.
        send_reminder.enqueue(log_id=log.pk)
    logger.info("%s reminder(s) queued for %s", len(queued), on.isoformat())
    return queued
