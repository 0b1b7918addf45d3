"""Deadlines, lateness, reminders (never twice) and completeness numbers."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from kehoach.core.tests.factories import UserFactory
from kehoach.reporting import services
from kehoach.reporting.models import ReminderLog
from kehoach.reporting.selectors import round_completeness, submission_is_late
from kehoach.reporting.tests.conftest import full_changes

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2025, 7, 15)


def _at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC),
                               tick=False)


@pytest.fixture
def emails(unit_a, unit_b):
    UserFactory(username="a2", unit=unit_a, email="a@so-a.gov.vn")
    unit_b.email = "vanthu@so-b.gov.vn"
    unit_b.save()


def test_reminders_before_and_after_the_deadline_never_twice(round_, sub_a, sub_b, emails):
    with _at(DEADLINE - dt.timedelta(days=4)):
        call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox == []
    with _at(DEADLINE - dt.timedelta(days=3)):
        out = io.StringIO()
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", stdout=out)  # cron ran twice
    assert "2 reminder(s) queued" in out.getvalue() and "0 reminder(s) queued" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@so-a.gov.vn", "vanthu@so-b.gov.vn"]
    assert "còn 3 ngày" in mail.outbox[0].subject
    assert ReminderLog.objects.filter(sent_at__isnull=False).count() == 2
    with _at(DEADLINE + dt.timedelta(days=1)):
        call_command("send_reminders", stdout=io.StringIO())
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 4 and "Quá hạn 1 ngày" in mail.outbox[-1].subject
    assert set(ReminderLog.objects.values_list("offset_days", flat=True)) == {-3, 1}


def test_no_reminder_once_submitted_and_a_missed_run_sends_one(round_, sub_a, sub_b, emails,
                                                                reporter_a):
    with _at(DEADLINE - dt.timedelta(days=10)):
        services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
        services.submission_submit(submission=sub_a, actor=reporter_a)
    with _at(DEADLINE + dt.timedelta(days=5)):  # the daily job did not run for a week
        call_command("send_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["vanthu@so-b.gov.vn"]]
    assert list(ReminderLog.objects.values_list("submission", "offset_days")) == [(sub_b.pk, 3)]


def test_sending_a_logged_reminder_again_does_nothing(round_, sub_b, emails):
    log = services.reminders_due(on=DEADLINE)  # nothing due yet at -0? offsets -3 → yes
    assert [(s.pk, o) for s, o in log] == [(round_.submissions.get(unit__code="SO-A").pk, -3),
                                           (sub_b.pk, -3)]
    entry = ReminderLog.objects.create(submission=sub_b, offset_days=-3)
    assert services.reminder_send(log_id=entry.pk) is True
    assert services.reminder_send(log_id=entry.pk) is False
    assert len(mail.outbox) == 1


def test_unit_without_email_is_logged_not_sent(round_, sub_a):
    entry = ReminderLog.objects.create(submission=sub_a, offset_days=-3)
    assert services.reminder_send(log_id=entry.pk) is False
    entry.refresh_from_db()
    assert entry.sent_at is None and "thư điện tử" in entry.error and mail.outbox == []


def test_late_flag_and_completeness(round_, sub_a, sub_b, reporter_a, reporter_b, pl1, planner,
                                    commune):
    [sub_c] = services.round_assign(round=round_, units=[commune], templates=[pl1], actor=planner,
                                    deadline=DEADLINE + dt.timedelta(days=30))
    with _at(DEADLINE - dt.timedelta(days=1)):
        services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
        services.submission_submit(submission=sub_a, actor=reporter_a)
    changes = full_changes(sub_b)[:9]  # 9 of the 18 required cells
    with _at(DEADLINE + dt.timedelta(days=2)):
        services.cell_save(submission=sub_b, actor=reporter_b, changes=changes)
    on = DEADLINE + dt.timedelta(days=3)
    data = round_completeness(round=round_, on=on)
    rows = {r["unit"]: r for r in data["rows"]}
    assert rows["SO-A"]["late"] is False and rows["SO-A"]["filled_percent"] == Decimal(100)
    assert rows["SO-B"]["late"] is True and rows["SO-B"]["filled_percent"] == Decimal(50)
    assert rows["XA-1"]["late"] is False and rows["XA-1"]["filled_percent"] == Decimal(0)
    assert data["due"] == 2 and data["on_time"] == 1 and data["on_time_rate"] == Decimal(50)
    assert data["by_status"]["submitted"] == 1 and data["by_status"]["draft"] == 1
    sub_b.refresh_from_db()
    with _at(DEADLINE + dt.timedelta(days=4)):
        services.cell_save(submission=sub_b, actor=reporter_b, changes=full_changes(sub_b))
        services.submission_submit(submission=sub_b, actor=reporter_b)
    sub_b.refresh_from_db()
    assert submission_is_late(sub_b, on=DEADLINE + dt.timedelta(days=40)) is True
    assert submission_is_late(sub_c, on=DEADLINE + dt.timedelta(days=30)) is False
    assert submission_is_late(sub_c, on=DEADLINE + dt.timedelta(days=31)) is True


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_sends_them(settings, round_, sub_a, sub_b, emails):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with _at(DEADLINE - dt.timedelta(days=3)):
        call_command("send_reminders", stdout=io.StringIO())
        assert mail.outbox == [] and DBTaskResult.objects.count() == 2
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(),
                     stderr=io.StringIO())
        call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2 and DBTaskResult.objects.count() == 2
    assert ReminderLog.objects.filter(sent_at__isnull=False).count() == 2
