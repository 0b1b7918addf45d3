"""Reminders of the action programme, sent by the daily ``kehoach send_reminders`` with the
rounds' reminders: a task before and after its due date (to its lead unit), and each unit's due
item of a yearly duty (report by 20/10, consolidation by 31/10). ``TaskReminderLog`` makes each
one once; a missed run sends only the latest due reminder."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record
from kehoach.tasks.models import OPEN_STATUSES, Task, TaskDueItem, TaskReminderLog

OFFSETS = (-7, 0, 3)


def _latest(due: dt.date, on: dt.date) -> int | None:
    passed = [o for o in OFFSETS if due + dt.timedelta(days=o) <= on]
    return passed[-1] if passed and on <= due + dt.timedelta(days=30) else None


def task_reminders_due(*, on: dt.date) -> list[tuple[Task, TaskDueItem | None, dt.date, int]]:
    """(task, due item or None, due date, offset) not yet logged."""
    logged_tasks = set(TaskReminderLog.objects.filter(due_item__isnull=True)
                       .values_list("task_id", "due_date", "offset_days"))
    logged_items = set(TaskReminderLog.objects.filter(due_item__isnull=False)
                       .values_list("due_item_id", "offset_days"))
    due: list[tuple[Task, TaskDueItem | None, dt.date, int]] = []
    tasks = Task.objects.filter(status__in=OPEN_STATUSES, due_date__isnull=False,
                                due_date__gte=on - dt.timedelta(days=30),
                                due_date__lte=on + dt.timedelta(days=7))
    for task in tasks.select_related("lead_unit", "plan"):
        if task.due_date is None:
            continue
        offset = _latest(task.due_date, on)
        if offset is not None and (task.pk, task.due_date, offset) not in logged_tasks:
            due.append((task, None, task.due_date, offset))
    items = TaskDueItem.objects.filter(done_at__isnull=True, due_date__gte=on - dt.timedelta(days=30),
                                       due_date__lte=on + dt.timedelta(days=7))
    for item in items.select_related("task__plan", "unit"):
        offset = _latest(item.due_date, on)
        if offset is not None and (item.pk, offset) not in logged_items:
            due.append((item.task, item, item.due_date, offset))
    return due


def task_reminder_claim(*, task: Task, due_item: TaskDueItem | None, due_date: dt.date,
                        offset: int) -> TaskReminderLog | None:
    try:
        with transaction.atomic():
            return TaskReminderLog.objects.create(task=task, due_item=due_item, due_date=due_date,
                                                  offset_days=offset)
    except IntegrityError:
        return None


def _message(log: TaskReminderLog) -> tuple[str, str]:
    task, item = log.task, log.due_item
    what = (_("báo cáo năm %(y)s") % {"y": item.year} if item and item.kind == "report"
            else _("tổng hợp báo cáo năm %(y)s") % {"y": item.year} if item
            else _("nhiệm vụ %(n)s") % {"n": task.number})
    day = log.due_date.strftime("%d/%m/%Y")
    if log.offset_days < 0:
        subject = _("Nhắc hạn: còn %(d)s ngày đến hạn %(w)s") % {"d": -log.offset_days, "w": what}
    elif log.offset_days == 0:
        subject = _("Nhắc hạn: hôm nay là hạn %(w)s") % {"w": what}
    else:
        subject = _("Quá hạn %(d)s ngày: %(w)s") % {"d": log.offset_days, "w": what}
    body = _("Nhiệm vụ %(n)s của %(p)s: “%(t)s”.\nThời hạn: %(dl)s (ngày %(d)s).\nĐề nghị đơn vị "
             "báo cáo tiến độ trên hệ thống.\n") % {
        "n": task.number, "p": task.plan.name, "t": task.text, "dl": task.deadline_text, "d": day}
    return subject, body


def _recipients(log: TaskReminderLog) -> list[str]:
    unit = log.due_item.unit if log.due_item else log.task.lead_unit
    emails = {u.email for u in unit.users.filter(is_active=True) if u.email}
    if unit.email:
        emails.add(unit.email)
    return sorted(emails)


def task_reminder_send(*, log_id: int) -> bool:
    """Send one logged reminder, once."""
    with transaction.atomic():
        log = (TaskReminderLog.objects.select_for_update(of=("self",))
               .select_related("task__plan", "task__lead_unit", "due_item__unit")
               .filter(pk=log_id, sent_at__isnull=True).first())
        if log is None:
            return False
        recipients = _recipients(log)
        if not recipients:
            log.error = _("Đơn vị chưa có địa chỉ thư điện tử.")
            log.save(update_fields=["error"])
            return False
        subject, body = _message(log)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        log.sent_at, log.recipients = timezone.now(), ", ".join(recipients)
        log.save(update_fields=["sent_at", "recipients"])
        audit_record(actor=None, action="task_reminder_send", obj=log.task, summary=subject,
                     data={"offset": log.offset_days, "due_item": log.due_item_id})
    return True
