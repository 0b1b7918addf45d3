import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.tasks import services
from kehoach.tasks.models import ProgressReport, Task

PDF = b"%PDF-1.4 bien ban"


@pytest.fixture
def only_a(plan, unit_a, planner):
    return services.task_create(actor=planner, plan=plan, number="5", text="Việc riêng của Sở A",
                                lead_unit=unit_a, deadline_text="Trước 30/6/2025")


def test_programme_page_for_the_cast(client, task_a, task_b, planner_client, reporter_a_client,
                                     reporter_b_client, leader_client):
    url = reverse("tasks:index")
    assert client.get(url).status_code == 302
    body = planner_client.get(url).content.decode()
    assert "Lập đề án chuyển đổi số" in body and "Rà soát quy hoạch ngành" in body
    assert "Thêm nhiệm vụ" in body
    leader_body = leader_client.get(url).content.decode()
    assert "Rà soát quy hoạch ngành" in leader_body and "Thêm nhiệm vụ" not in leader_body
    a_body = reporter_a_client.get(url).content.decode()
    assert "Lập đề án chuyển đổi số" in a_body and "Rà soát quy hoạch ngành" not in a_body
    assert "Nhiệm vụ của đơn vị tôi" in a_body


def test_filter_overdue_and_counts(task_a, task_b, planner_client):
    body = planner_client.get(reverse("tasks:index") + "?overdue=1").content.decode()
    assert "Lập đề án chuyển đổi số" in body and "Rà soát quy hoạch ngành" not in body


def test_reporter_cannot_see_or_report_another_units_task(only_a, task_b, reporter_b_client,
                                                          reporter_a_client):
    assert reporter_b_client.get(reverse("tasks:detail", args=[only_a.pk])).status_code == 404
    response = reporter_b_client.post(reverse("tasks:progress", args=[only_a.pk]),
                                      {"text": "x", "percent": "50", "date": "2025-06-01"})
    assert response.status_code == 404
    assert reporter_a_client.post(reverse("tasks:edit", args=[task_b.pk]), {}).status_code == 404
    assert not ProgressReport.objects.exists()


def test_progress_with_evidence_seen_by_planning_not_by_others(only_a, unit_a, reporter_a_client,
                                                               planner_client, reporter_b_client):
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    response = reporter_a_client.post(reverse("tasks:progress", args=[only_a.pk]), {
        "unit": unit_a.pk, "text": "Đã ban hành", "percent": "100", "date": "2025-06-20",
        "evidence": upload})
    assert response.status_code == 302
    only_a.refresh_from_db()
    assert only_a.status == "done"
    body = planner_client.get(reverse("tasks:detail", args=[only_a.pk])).content.decode()
    assert "bien-ban.pdf" in body and "Đã ban hành" in body
    evidence = ProgressReport.objects.get().files.get()
    download = planner_client.get(reverse("tasks:evidence", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert reporter_b_client.get(reverse("tasks:evidence", args=[evidence.pk])).status_code == 404


def test_bad_evidence_gives_a_message_and_stores_nothing(only_a, unit_a, reporter_a_client):
    upload = SimpleUploadedFile("chay.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = reporter_a_client.post(reverse("tasks:progress", args=[only_a.pk]), {
        "unit": unit_a.pk, "text": "x", "percent": "1.234,5", "date": "2025-06-20",
        "evidence": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "không được nhận" in body and "từ 0 đến 100" in body
    assert not ProgressReport.objects.exists()


def test_edit_conflict_is_shown(task_a, planner_client, planner, unit_a, unit_b):
    url = reverse("tasks:edit", args=[task_a.pk])
    form = {"number": "1", "text": "Lập đề án", "group": "key", "lead_unit": "SO-A",
            "coordinating_units": "SO-B", "deadline_text": "Quý II/2025", "product": "Đề án",
            "status": "in_progress", "note": "", "version": "1"}
    services.task_update(task=Task.objects.get(pk=task_a.pk), actor=planner, product="Báo cáo")
    response = planner_client.post(url, form)
    assert response.status_code == 409 and "sau khi bạn mở nó" in response.content.decode()
    task_a.refresh_from_db()
    assert task_a.product == "Báo cáo"
    form["version"] = "2"
    assert planner_client.post(url, form).status_code == 302
    task_a.refresh_from_db()
    assert (task_a.text, task_a.due_date, task_a.version) == ("Lập đề án", dt.date(2025, 6, 30), 3)


def test_create_with_misspelt_unit_suggests(plan, unit_a, planner_client):
    response = planner_client.post(reverse("tasks:create"), {
        "plan": plan.code, "number": "7", "text": "Việc", "group": "key", "lead_unit__text": "Sở AA",
        "deadline_text": "2025", "status": "not_started"})
    assert response.status_code == 400
    assert "có phải: Sở A (SO-A)?" in response.content.decode()
    assert not Task.objects.exists()


def test_yearly_duty_page_shows_who_has_not_reported(duty, unit_a, reporter_a, planner_client):
    services.due_items_ensure(task=duty, year=2025)
    services.progress_report_create(task=duty, actor=reporter_a, unit=unit_a, text="Báo cáo",
                                    percent=Decimal(100), date=dt.date(2025, 10, 10))
    body = planner_client.get(reverse("tasks:detail", args=[duty.pk])).content.decode()
    table = body.split('id="due-items"')[1].split("</table>")[0]
    rows = {r.split("<td>")[2].split("</td>")[0]: r for r in table.split("<tr")[2:]
            if "<td>2025</td>" in r and "Báo cáo" in r}
    assert "Đã báo cáo" in rows["Sở A"] and "Chưa báo cáo" in rows["Sở B"]


def test_timeline_and_plan_page(task_a, plan, planner_client, leader_client):
    body = planner_client.get(reverse("tasks:timeline") + f"?plan={plan.code}").content.decode()
    assert "Lập đề án chuyển đổi số" in body and "Trước 30/6/2025" in body
    page = leader_client.get(reverse("plans:detail", args=[plan.code])).content.decode()
    assert 'id="plan-programme"' in page and "Lập đề án chuyển đổi số" in page


def test_import_and_export_pages(plan, unit_a, planner_client, reporter_a_client):
    data = ("STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành,Sản phẩm\n"
            "1,Ban hành kế hoạch,Sở A,,Quý II/2025,Kế hoạch\n").encode()
    url = reverse("tasks:import", args=[plan.code])
    assert reporter_a_client.get(url).status_code == 403  # the role gate
    response = planner_client.post(url, {"file": SimpleUploadedFile("nv.csv", data),
                                         "locale": "auto"})
    assert response.status_code == 200 and Task.objects.count() == 1
    xlsx = planner_client.get(reverse("tasks:export", args=[plan.code, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    docx = planner_client.get(reverse("tasks:export", args=[plan.code, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_reporters_start_page_lists_late_tasks(only_a, reporter_a_client, reporter_b_client):
    body = reporter_a_client.get("/").content.decode()
    assert 'id="my-tasks"' in body and "Việc riêng của Sở A" in body
    assert "Việc riêng của Sở A" not in reporter_b_client.get("/").content.decode()


def test_programme_queries_do_not_grow_with_tasks(plan, unit_a, unit_b, planner, planner_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert planner_client.get(reverse("tasks:index")).status_code == 200
        return len(queries)

    services.task_create(actor=planner, plan=plan, number="1", text="Một", lead_unit=unit_a,
                         coordinating_units=[unit_b], deadline_text="2025")
    few = count()
    for n in range(2, 12):
        services.task_create(actor=planner, plan=plan, number=str(n), text=f"Việc {n}",
                             lead_unit=unit_b, coordinating_units=[unit_a],
                             deadline_text="Quý II/2026")
    assert count() == few


def test_plan_filter_offers_only_plans_the_user_may_see(plan, province, unit_a, planner,
                                                        planner_client, reporter_a_client):
    from kehoach.testing.factories import PlanFactory

    draft = PlanFactory(code="KH-NHAP", name="Kế hoạch dự thảo chưa công bố", kind="annual",
                        start_year=2027, end_year=2027, unit=province, status="draft")
    services.task_create(actor=planner, plan=draft, number="9", text="Việc của dự thảo",
                         lead_unit=unit_a, deadline_text="Quý II/2027")
    url = reverse("tasks:index")
    assert "Kế hoạch dự thảo chưa công bố" in planner_client.get(url).content.decode()
    body = reporter_a_client.get(url, {"plan": "KH-NHAP"}).content.decode()
    assert "Kế hoạch dự thảo chưa công bố" not in body  # not offered in the plan filter
