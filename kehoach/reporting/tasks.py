"""Background jobs of the reporting app (django-tasks; the worker is ``kehoach db_worker``)."""

from __future__ import annotations

from django_tasks import task

from kehoach.reporting.services.reminders import reminder_send


@task()
def send_reminder(*, log_id: int) -> bool:
    """Send one logged reminder email (does nothing if it was already sent)."""
    return reminder_send(log_id=log_id)
