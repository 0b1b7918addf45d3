import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kehoach.core.models import AuditEntry
from kehoach.tasks import services
from kehoach.tasks.models import Evidence, ProgressReport, Task, TaskDueItem
from kehoach.tasks.selectors import not_reported, task_list

PDF = b"%PDF-1.4 minh chung"


def test_create_reads_the_deadline_and_writes_history(task_a, planner):
    assert (task_a.deadline_kind, task_a.due_date) == ("before", dt.date(2025, 6, 30))
    assert task_a.version == 1 and task_a.status == "not_started"
    assert AuditEntry.objects.filter(action="task_create", object_id=str(task_a.pk)).exists()


def test_bad_deadline_stores_nothing(plan, unit_a, planner):
    with pytest.raises(ValidationError) as exc:
        services.task_create(actor=planner, plan=plan, number="9", text="X", lead_unit=unit_a,
                             deadline_text="Quý V/2025")
    assert "bốn quý" in str(exc.value.message_dict["deadline_text"])
    assert not Task.objects.exists()


def test_two_editors_get_a_conflict_not_a_silent_overwrite(task_a, planner):
    first = Task.objects.get(pk=task_a.pk)
    second = Task.objects.get(pk=task_a.pk)
    services.task_update(task=first, actor=planner, version=1, product="Quyết định")
    with pytest.raises(services.TaskConflict, match="sau khi bạn mở nó"):
        services.task_update(task=second, actor=planner, version=1, product="Báo cáo")
    task_a.refresh_from_db()
    assert task_a.product == "Quyết định" and task_a.version == 2
    entry = AuditEntry.objects.get(action="task_update")
    assert entry.data == {"product": ["Đề án", "Quyết định"]}


def test_overdue_is_computed(task_a, task_b, reporter_a):
    late = {t.number: t.is_overdue for t in task_list(user=reporter_a, today=dt.date(2025, 8, 1))}
    assert late == {"1": True}
    early = {t.number: t.is_overdue for t in task_list(user=reporter_a, today=dt.date(2025, 6, 1))}
    assert early == {"1": False}


def test_progress_with_evidence_turns_a_late_task_done_late(task_a, reporter_a, unit_a):
    upload = SimpleUploadedFile("de-an.pdf", PDF, content_type="application/pdf")
    report = services.progress_report_create(task=task_a, actor=reporter_a, unit=unit_a,
                                             text="Đã trình UBND tỉnh", percent=Decimal(100),
                                             date=dt.date(2025, 7, 10), files=[upload])
    task_a.refresh_from_db()
    assert (task_a.status, task_a.completed_on) == ("done_late", dt.date(2025, 7, 10))
    evidence = Evidence.objects.get(report=report)
    assert evidence.name == "de-an.pdf" and evidence.file.read() == PDF
    assert [t.is_overdue for t in task_list(user=reporter_a, today=dt.date(2025, 8, 1))] == [False]


def test_progress_on_time_is_done(task_a, reporter_a, unit_a):
    services.progress_report_create(task=task_a, actor=reporter_a, unit=unit_a, text="Xong",
                                    percent=Decimal(100), date=dt.date(2025, 6, 1))
    task_a.refresh_from_db()
    assert task_a.status == "done"


@pytest.mark.parametrize("name, data, message", [
    ("virus.exe", b"MZ....", "không được nhận"),
    ("gia.pdf", b"PK\x03\x04 not a pdf", "không đúng định dạng"),
    ("lon.pdf", b"%PDF" + b"0" * 2048, "quá lớn"),
])
def test_bad_evidence_stores_nothing(task_a, reporter_a, unit_a, settings, name, data, message):
    settings.KEHOACH_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        services.progress_report_create(task=task_a, actor=reporter_a, unit=unit_a, text="x",
                                        percent=Decimal(50), date=dt.date(2025, 6, 1),
                                        files=[SimpleUploadedFile(name, data)])
    assert message in str(exc.value.message_dict["files"])
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    task_a.refresh_from_db()
    assert task_a.status == "not_started"


@pytest.mark.parametrize("percent", [Decimal(-1), Decimal(101), None])
def test_percent_out_of_range_refused(task_a, reporter_a, unit_a, percent):
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        services.progress_report_create(task=task_a, actor=reporter_a, unit=unit_a, text="x",
                                        percent=percent, date=dt.date(2025, 6, 1))


def test_yearly_duty_due_items_and_who_has_not_reported(duty, unit_a, unit_b, province,
                                                        reporter_a):
    created = services.due_items_generate(on=dt.date(2025, 1, 2))
    assert services.due_items_generate(on=dt.date(2025, 3, 1)) == 0  # never twice
    items = TaskDueItem.objects.filter(task=duty, year=2025)
    assert created >= 4 and items.count() == 4
    assert {(i.unit.code, i.kind, i.due_date) for i in items} == {
        ("TINH", "report", dt.date(2025, 10, 20)), ("SO-A", "report", dt.date(2025, 10, 20)),
        ("SO-B", "report", dt.date(2025, 10, 20)), ("TINH", "consolidate", dt.date(2025, 10, 31))}
    assert {u.code for u in not_reported(task=duty, year=2025)} == {"TINH", "SO-A", "SO-B"}
    services.progress_report_create(task=duty, actor=reporter_a, unit=unit_a, text="Báo cáo 2025",
                                    percent=Decimal(100), date=dt.date(2025, 10, 15))
    assert {u.code for u in not_reported(task=duty, year=2025)} == {"TINH", "SO-B"}
    item = TaskDueItem.objects.get(task=duty, year=2025, unit=unit_a)
    assert timezone.localtime(item.done_at).date() == dt.date(2025, 10, 15)  # the report's day
    duty.refresh_from_db()
    assert duty.status == "in_progress"  # a duty is never "done"
    late = {t.number: t.is_overdue for t in task_list(user=reporter_a, today=dt.date(2025, 10, 25))}
    assert late["3"] is True  # B and the province have not reported


def test_my_unit_sees_a_duty_late_only_for_its_own_report(duty, unit_a, reporter_a, reporter_b):
    from kehoach.tasks.selectors import my_unit_tasks

    services.due_items_ensure(task=duty, year=2025)
    services.progress_report_create(task=duty, actor=reporter_a, unit=unit_a, text="BC",
                                    percent=Decimal(100), date=dt.date(2025, 10, 1))
    day = dt.date(2025, 10, 25)
    assert duty not in my_unit_tasks(user=reporter_a, today=day)["late"]
    assert duty in my_unit_tasks(user=reporter_b, today=day)["late"]


@pytest.mark.django_db
def test_task_list_by_whom(task_a, task_b, reporter_a):
    """``user=None`` (the command line, a document) sees every task; a unit sees its own;
    nobody signed in sees none."""
    from django.contrib.auth.models import AnonymousUser

    assert {t.number for t in task_list(user=None)} == {"1", "2"}
    assert [t.number for t in task_list(user=reporter_a)] == ["1"]
    assert not task_list(user=AnonymousUser()).exists()
