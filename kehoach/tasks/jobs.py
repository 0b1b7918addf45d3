"""Background jobs of the tasks app (django-tasks), run by the daily ``kehoach send_reminders``:
this year's due items of every yearly duty, then the due reminders (each once)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from kehoach.tasks.models import TaskReminderLog
from kehoach.tasks.reminders import task_reminder_claim, task_reminder_send, task_reminders_due
from kehoach.tasks.services import due_items_generate


@task()
def send_task_reminder(*, log_id: int) -> bool:
    return task_reminder_send(log_id=log_id)


def task_reminders_enqueue(*, on: dt.date | None = None) -> list[TaskReminderLog]:
    on = on or timezone.localdate()
    due_items_generate(on=on)
    queued = []
    for task_, item, due_date, offset in task_reminders_due(on=on):
        log = task_reminder_claim(task=task_, due_item=item, due_date=due_date, offset=offset)
        if log is not None:
            queued.append(log)
            send_task_reminder.enqueue(log_id=log.pk)
    return queued
