from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.projects import services
from kehoach.projects.models import CapitalPlan, Disbursement, Project


def test_projects_page_totals_and_chart(road, hospital, planner, client, leader_client,
                                        reporter_b_client):
    services.disbursement_set(project=road, actor=planner, year=2025, month=3, amount=Decimal(100))
    url = reverse("projects:index") + "?year=2025"
    assert client.get(url).status_code == 302
    body = leader_client.get(url).content.decode()
    totals = body.split('id="project-totals"')[1].split("</div>\n</div>")[0]
    assert "2.034" in totals and "500,0" in totals and "100,0" in totals and "20,0%" in totals
    assert "<svg" in body and "NSNN trung ương" in body
    assert "Đường nối trung tâm tỉnh" in reporter_b_client.get(url).content.decode()
    only_local = leader_client.get(url + "&source=nsnn_dp").content.decode()
    assert "Bệnh viện đa khoa" in only_local and "Đường nối trung tâm tỉnh" not in only_local


def test_disbursement_by_the_reporting_unit(road, reporter_a_client, reporter_b_client):
    url = reverse("projects:money", args=[road.pk, "giai-ngan"])
    form = {"year": "2025", "month": "4", "amount": "1.234,5"}
    assert reporter_b_client.post(url, form).status_code == 403  # seen, not its project
    response = reporter_a_client.post(url, form, follow=True)
    assert response.status_code == 200
    assert "vượt kế hoạch vốn năm (400 tỷ đồng)" in response.content.decode()
    assert Disbursement.objects.get().amount == Decimal("1234.5")


def test_negative_disbursement_refused_on_the_page(road, reporter_a_client):
    url = reverse("projects:money", args=[road.pk, "giai-ngan"])
    response = reporter_a_client.post(url, {"year": "2025", "month": "4", "amount": "-3"})
    assert response.status_code == 400 and "không được âm" in response.content.decode()
    assert not Disbursement.objects.exists()


def test_capital_plan_only_by_planning(road, reporter_a_client, planner_client):
    url = reverse("projects:money", args=[road.pk, "ke-hoach-von"])
    assert reporter_a_client.post(url, {"year": "2026", "amount": "10"}).status_code == 403
    assert planner_client.post(url, {"year": "2026", "amount": "250,5"}).status_code == 302
    assert CapitalPlan.objects.get(year=2026).amount == Decimal("250.5")


def test_import_export_pages(plan, commune, planner_client, reporter_a_client):
    data = ("STT,Tên dự án,Lĩnh vực,Địa điểm,Nguồn vốn,Tổng mức đầu tư (tỷ đồng),Giai đoạn,"
            "Tình trạng\n1,Hồ chứa nước,Thủy lợi,Xã Một,ODA,\"1.500,5\",2021-2025,Đang thi công\n")
    url = reverse("projects:import", args=[plan.code])
    assert reporter_a_client.get(url).status_code == 403  # the role gate
    response = planner_client.post(url, {"file": SimpleUploadedFile("da.csv", data.encode()),
                                         "locale": "auto"})
    assert response.status_code == 200
    assert Project.objects.get().total_investment == Decimal("1500.5")
    xlsx = planner_client.get(reverse("projects:export", args=[plan.code, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_edit_page(road, planner_client, leader_client):
    url = reverse("projects:edit", args=[road.pk])
    assert leader_client.get(url).status_code == 403
    assert planner_client.get(url).status_code == 200
    detail = leader_client.get(reverse("projects:detail", args=[road.pk])).content.decode()
    assert "Đường nối trung tâm tỉnh" in detail and "Sửa dự án" not in detail


def test_projects_page_queries_do_not_grow(plan, road, province, planner, leader_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert leader_client.get(reverse("projects:index") + "?year=2025").status_code == 200
        return len(queries)

    few = count()
    for n in range(8):
        project = services.project_create(actor=planner, plan=plan, name=f"Dự án {n}",
                                          sector="Y tế", funding_source="oda", phase="2021-2025",
                                          location=province)
        services.capital_plan_set(project=project, actor=planner, year=2025, amount=10)
        services.disbursement_set(project=project, actor=planner, year=2025, month=5, amount=3)
    assert count() == few
