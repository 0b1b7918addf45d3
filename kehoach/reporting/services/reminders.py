"""Reminders before and after a deadline: which are due, and sending one (never twice)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record
from kehoach.reporting.models import ReminderLog, RoundStatus, Submission, SubmissionStatus

logger = logging.getLogger(__name__)

PENDING = (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


def reminders_due(*, on: dt.date) -> list[tuple[Submission, int]]:
    """(submission, offset) whose reminder day is ``on`` or already passed (a missed daily run
    is caught up), not yet logged, for submissions still to be sent in open rounds. Only the
    latest due offset of each submission is returned, so a late run sends one email, not three."""
    logged = set(ReminderLog.objects.values_list("submission_id", "offset_days"))
    due = []
    for s in Submission.objects.filter(round__status=RoundStatus.OPEN, status__in=PENDING,
                                       submitted_at__isnull=True).select_related("round"):
        offsets = sorted(o for o in s.round.reminder_offsets
                         if s.deadline + dt.timedelta(days=o) <= on)
        if offsets and (s.pk, offsets[-1]) not in logged:
            due.append((s, offsets[-1]))
    return due


def reminder_claim(*, submission: Submission, offset: int) -> ReminderLog | None:
    """Log the reminder before it is sent; ``None`` when it was already logged (by another run)."""
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(submission=submission, offset_days=offset)
    except IntegrityError:
        return None


def _recipients(submission: Submission) -> list[str]:
    emails = [u.email for u in submission.unit.users.filter(is_active=True) if u.email]
    if submission.unit.email:
        emails.append(submission.unit.email)
    return sorted(set(emails))


def _message(submission: Submission, offset: int) -> tuple[str, str]:
    deadline = submission.deadline.strftime("%d/%m/%Y")
    if offset < 0:
        subject = _("Nhắc hạn: còn %(n)s ngày để gửi biểu %(f)s") % {
            "n": -offset, "f": submission.template.code}
    elif offset == 0:
        subject = _("Nhắc hạn: hôm nay là hạn gửi biểu %(f)s") % {"f": submission.template.code}
    else:
        subject = _("Quá hạn %(n)s ngày: biểu %(f)s chưa được gửi") % {
            "n": offset, "f": submission.template.code}
    body = _("Kính gửi %(u)s,\n\nĐợt “%(r)s” (%(doc)s): biểu “%(f)s” có hạn gửi ngày %(d)s, "
             "hiện ở trạng thái “%(s)s”.\nĐề nghị đơn vị hoàn thành và gửi biểu trên hệ thống.\n") % {
        "u": submission.unit.name, "r": submission.round.title,
        "doc": submission.round.legal_number or "-", "f": submission.template.name,
        "d": deadline, "s": submission.get_status_display()}
    return subject, body


def reminder_send(*, log_id: int) -> bool:
    """Send the email of one logged reminder, once: a log already sent is left alone."""
    with transaction.atomic():
        log = (ReminderLog.objects.select_for_update(of=("self",))
               .select_related("submission__unit", "submission__round", "submission__template")
               .filter(pk=log_id, sent_at__isnull=True).first())
        if log is None:
            return False
        submission = log.submission
        recipients = _recipients(submission)
        if not recipients:
            log.error = _("Đơn vị chưa có địa chỉ thư điện tử.")
            log.save(update_fields=["error"])
            logger.warning("reminder %s not sent: unit %s has no e-mail address", log_id,
                           submission.unit.code)
            return False
        subject, body = _message(submission, log.offset_days)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        log.sent_at, log.recipients = timezone.now(), ", ".join(recipients)
        log.save(update_fields=["sent_at", "recipients"])
        audit_record(actor=None, action="reminder_send", obj=submission,
                     summary=subject, data={"offset": log.offset_days})
    logger.info("reminder %s sent for submission %s (offset %s) to %s address(es)", log_id,
                submission.pk, log.offset_days, len(recipients))
    return True


def reminder_context(submission: Submission) -> dict[str, Any]:
    return {"recipients": _recipients(submission)}
