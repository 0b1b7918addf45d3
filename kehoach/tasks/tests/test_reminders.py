import datetime as dt
import io
from decimal import Decimal
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kehoach.tasks import services
from kehoach.tasks.models import TaskDueItem, TaskReminderLog
from kehoach.testing.factories import UserFactory


def _at(day: dt.date):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(7)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _run() -> str:
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def test_task_reminders_before_and_after_never_twice(task_a, unit_a):
    UserFactory(username="a2", unit=unit_a, email="a@so-a.gov.vn")
    with _at(dt.date(2025, 6, 23)):
        assert "1 task reminder(s) queued" in _run()
        assert "0 task reminder(s) queued" in _run()  # cron ran twice
    assert [m.to for m in mail.outbox] == [["a@so-a.gov.vn"]]
    assert "còn 7 ngày" in mail.outbox[0].subject
    with _at(dt.date(2025, 7, 5)):  # missed the due day: only the latest reminder
        _run()
        _run()
    assert len(mail.outbox) == 2 and "Quá hạn 3 ngày" in mail.outbox[1].subject
    assert set(TaskReminderLog.objects.values_list("offset_days", flat=True)) == {-7, 3}


def test_yearly_duty_reminds_units_that_have_not_reported(duty, unit_a, unit_b, reporter_a):
    UserFactory(username="a2", unit=unit_a, email="a@so-a.gov.vn")
    unit_b.email = "vanthu@so-b.gov.vn"
    unit_b.save()
    with _at(dt.date(2025, 10, 1)):
        _run()  # creates the 2025 due items; nothing due yet
    assert TaskDueItem.objects.filter(task=duty, year=2025).count() == 4
    assert mail.outbox == []
    with _at(dt.date(2025, 10, 13)):
        services.progress_report_create(task=duty, actor=reporter_a, unit=unit_a, text="BC",
                                        percent=Decimal(100), date=dt.date(2025, 10, 13))
        _run()
        _run()
    assert [m.to for m in mail.outbox] == [["vanthu@so-b.gov.vn"]]
    assert "báo cáo năm 2025" in mail.outbox[0].subject
