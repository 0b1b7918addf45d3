import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from kehoach.projects import services
from kehoach.projects.importing import projects_import
from kehoach.projects.models import Project

HEADER = ("STT,Tên dự án,Lĩnh vực,Địa điểm,Nguồn vốn,Tổng mức đầu tư (tỷ đồng),Giai đoạn,"
          "Tình trạng\n")


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_import_in_the_attachment_layout(plan, commune, province, planner):
    data = _csv(
        "I,,Giao thông,,,,,",
        '1,Đường nối trung tâm tỉnh,,Xã Một,Ngân sách trung ương,"1.234,5",2021-2025,Đang thi công',
        '2,Khu du lịch hồ,Du lịch,TINH,Vốn ngoài ngân sách,"12.000",2026-2030,Đề xuất',
    )
    result = projects_import(data=data, filename="da.csv", plan=plan, actor=planner)
    assert result.ok and result.created == 2, result.errors
    road, lake = Project.objects.order_by("position")
    assert (road.sector, road.location, road.funding_source, road.total_investment, road.status) == (
        "Giao thông", commune, "nsnn_tw", Decimal("1234.5"), "building")
    assert (lake.funding_source, lake.total_investment, lake.start_year) == (
        "ngoai_ns", Decimal(12000), 2026)
    again = projects_import(data=data, filename="da.csv", plan=plan, actor=planner)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.parametrize("row, column, message", [
    ("1,Dự án,Y tế,Xã Mộtt,ODA,10,2021-2025,", "location", "có phải: Xã Một (XA-1)"),
    ("1,Dự án,Y tế,,Vốn vay,10,2021-2025,", "funding_source", "“Vốn vay” không hợp lệ"),
    ("1,Dự án,Y tế,,ODA,-10,2021-2025,", "total_investment", "không được âm"),
    ("1,Dự án,Y tế,,ODA,10,sắp tới,", "phase", "Giai đoạn viết như 2021-2025"),
    ("1,Dự án,Y tế,,ODA,10,2021-2025,Đang bàn", "status", "“Đang bàn” không hợp lệ"),
])
def test_bad_rows_store_nothing(plan, commune, planner, row, column, message):
    data = _csv("1,Dự án tốt,Y tế,,PPP,5,2021-2025,", row.replace("1,Dự án,", "2,Dự án,"))
    result = projects_import(data=data, filename="da.csv", plan=plan, actor=planner)
    assert [(e.line, e.column) for e in result.errors] == [(3, column)]
    assert message in result.errors[0].message
    assert not Project.objects.exists()


def test_projects_command(plan, road, planner):
    services.disbursement_set(project=road, actor=planner, year=2025, month=5, amount=Decimal(100))
    out = io.StringIO()
    call_command("projects", "--plan", plan.code, "--year", "2025", "--format", "json", stdout=out)
    row = json.loads(out.getvalue())[0]
    assert (row["name"], row["funding_source"], row["total_investment"], row["capital_plan"],
            row["disbursed"], row["rate"]) == ("Đường nối trung tâm tỉnh", "nsnn_tw", "1234.5", "400",
                                              "100", "25")
