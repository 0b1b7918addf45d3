"""Indicator pages for the whole cast: list/search, detail, create/edit, import, export."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.core.models import AuditEntry
from kehoach.indicators.models import Indicator
from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db

READERS = ["planner_client", "admin_client_", "leader_client", "reporter_a_client", "reporter_b_client"]
NON_EDITORS = ["leader_client", "reporter_a_client", "reporter_b_client"]


@pytest.fixture
def catalogue(db):
    poor = IndicatorFactory(code="POOR_RATE", name_vi="Tỷ lệ hộ nghèo", name_ascii="ty le ho ngheo",
                            group="society", unit="%", aggregation="none")
    grdp = IndicatorFactory(code="GRDP", name_vi="Tổng sản phẩm", name_ascii="tong san pham")
    return poor, grdp


@pytest.mark.parametrize("who", READERS)
def test_list_and_search_for_logged_in_users(request, who, catalogue):
    client = request.getfixturevalue(who)
    response = client.get(reverse("indicators:list"), {"q": "ty le ho ngheo"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tỷ lệ hộ nghèo" in body and "Tổng sản phẩm" not in body
    response = client.get(reverse("indicators:list"), {"group": "economy"})
    assert "Tổng sản phẩm" in response.content.decode()
    assert "Tỷ lệ hộ nghèo" not in response.content.decode()


def test_htmx_search_returns_rows_only(planner_client, catalogue):
    response = planner_client.get(reverse("indicators:list"), {"q": "san pham"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and "GRDP" in body


@pytest.mark.parametrize("name", ["indicators:list", "indicators:create", "indicators:import",
                                  "indicators:export"])
def test_anonymous_sent_to_login(anon_client, catalogue, name):
    response = anon_client.get(reverse(name))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_anonymous_detail_redirects(anon_client, catalogue):
    response = anon_client.get(reverse("indicators:detail", args=["GRDP"]))
    assert response.status_code == 302


@pytest.mark.parametrize("who", READERS)
def test_detail(request, who, catalogue, province):
    poor, _ = catalogue
    published = PlanFactory(code="QH", name="Quy hoạch", unit=province, start_year=2021, end_year=2030)
    draft = PlanFactory(code="DT", name="Dự thảo bí mật", unit=province, status="draft",
                        start_year=2021, end_year=2030)
    TargetFactory(plan=published, indicator=poor, unit=province, period="2030", start_year=2030,
                  end_year=2030, comparator="below", value=3)
    TargetFactory(plan=draft, indicator=poor, unit=province, period="2030", start_year=2030,
                  end_year=2030, comparator="below", value=2)
    client = request.getfixturevalue(who)
    response = client.get(reverse("indicators:detail", args=["POOR_RATE"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Không tổng hợp" in body and "Xã hội" in body and "dưới 3%" in body
    assert ("Dự thảo bí mật" in body) == (who in ("planner_client", "admin_client_", "leader_client"))
    assert client.get(reverse("indicators:detail", args=["NOPE"])).status_code == 404


def test_ratio_explained_in_words(planner_client):
    a = IndicatorFactory(code="POOR_HH", name_vi="Số hộ nghèo")
    b = IndicatorFactory(code="HH", name_vi="Tổng số hộ")
    IndicatorFactory(code="R", name_vi="Tỷ lệ", unit="%", aggregation="ratio", numerator=a, denominator=b)
    body = planner_client.get(reverse("indicators:detail", args=["R"])).content.decode()
    assert "Số hộ nghèo" in body and "Tổng số hộ" in body and "nhân 100" in body


FORM = {"code": "NEW_1", "name_vi": "Chỉ tiêu mới", "group": "economy", "unit": "%", "kind": "rate",
        "direction": "up", "aggregation": "sum", "decimals": "1", "tolerance": "0,5", "position": "0"}


@pytest.mark.parametrize("who", ["planner_client", "admin_client_"])
def test_create_and_edit(request, who):
    client = request.getfixturevalue(who)
    response = client.post(reverse("indicators:create"), FORM)
    assert response.status_code == 302
    created = Indicator.objects.get(code="NEW_1")
    assert str(created.tolerance) == "0.500000"
    response = client.post(reverse("indicators:edit", args=["NEW_1"]), {**FORM, "name_vi": "Đổi tên"})
    assert response.status_code == 302
    assert Indicator.objects.get(code="NEW_1").name_vi == "Đổi tên"
    assert AuditEntry.objects.filter(action="indicator_update").count() == 1


def test_create_bad_input_shows_message(planner_client):
    response = planner_client.post(reverse("indicators:create"),
                                   {**FORM, "aggregation": "derived", "formula": "NOPE * 2"})
    assert response.status_code == 200
    assert "chưa có trong danh mục: NOPE" in response.content.decode()
    assert not Indicator.objects.filter(code="NEW_1").exists()


@pytest.mark.parametrize("who", NON_EDITORS)
def test_non_editors_cannot_write(request, who, catalogue):
    client = request.getfixturevalue(who)
    assert client.get(reverse("indicators:create")).status_code == 403
    assert client.post(reverse("indicators:create"), FORM).status_code == 403
    assert client.post(reverse("indicators:edit", args=["GRDP"]), {**FORM, "code": "GRDP"}).status_code == 403
    assert client.get(reverse("indicators:import")).status_code == 403
    assert not Indicator.objects.filter(code="NEW_1").exists()
    assert Indicator.objects.get(code="GRDP").name_vi == "Tổng sản phẩm"


def test_import_page(planner_client):
    text = ("code,name_vi,group,unit,kind,direction,aggregation\n"
            "A,Chỉ tiêu A,economy,%,rate,up,sum\nB,Chỉ tiêu B,economy,%,rate,up,ratio\n")
    upload = SimpleUploadedFile("ct.csv", text.encode())
    response = planner_client.post(reverse("indicators:import"), {"file": upload, "locale": "auto"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "numerator" in body and "<td class=\"num\">3</td>" in body
    assert Indicator.objects.count() == 0
    good = text.replace("ratio", "sum")
    response = planner_client.post(reverse("indicators:import"), {
        "file": SimpleUploadedFile("ct.csv", good.encode()), "locale": "auto", "dry_run": "on"})
    assert response.status_code == 200 and "Chạy thử" in response.content.decode()
    assert Indicator.objects.count() == 0
    response = planner_client.post(reverse("indicators:import"), {
        "file": SimpleUploadedFile("ct.csv", good.encode()), "locale": "auto"})
    assert response.status_code == 200 and Indicator.objects.count() == 2


@pytest.mark.parametrize("who", READERS)
def test_export(request, who, catalogue):
    client = request.getfixturevalue(who)
    response = client.get(reverse("indicators:export"), {"format": "csv"})
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("code,name_vi,name_en,group") and "POOR_RATE,Tỷ lệ hộ nghèo" in text
    response = client.get(reverse("indicators:export"), {"format": "xlsx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_export_keeps_the_lists_filters(planner_client, catalogue):
    page = planner_client.get(reverse("indicators:list"), {"group": "society", "q": "ho ngheo"})
    assert 'href="/chi-tieu/xuat/?format=csv&amp;group=society&amp;q=ho%20ngheo"' in \
        page.content.decode()
    response = planner_client.get(reverse("indicators:export"),
                                  {"format": "csv", "group": "society", "q": "ho ngheo"})
    lines = response.content.decode().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["POOR_RATE"]
    everything = planner_client.get(reverse("indicators:export"), {"format": "csv"})
    assert {line.split(",")[0] for line in everything.content.decode().splitlines()[1:]} == {
        "POOR_RATE", "GRDP"}


def test_the_api_export_takes_the_lists_filters(planner_client, catalogue):
    url = "/api/v1/exports/indicators/"
    response = planner_client.get(url, {"group": "society", "q": "ho ngheo"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines() \
        if response.streaming else response.content.decode().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["POOR_RATE"]
    everything = planner_client.get(url, {"type": "csv"})
    body = b"".join(everything.streaming_content).decode() if everything.streaming \
        else everything.content.decode()
    assert {line.split(",")[0] for line in body.splitlines()[1:]} == {"POOR_RATE", "GRDP"}
    refused = planner_client.get(url, {"group": "planet"})
    assert refused.status_code == 400 and "group" in refused.json()["error"]["fields"]
