"""Plan pages for the whole cast: list, detail grouped by the five groups, plan and target
editing (htmx inline) and target import for the planning office."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.core.models import AuditEntry
from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory
from kehoach.plans.models import Plan, Target

pytestmark = pytest.mark.django_db

EVERYONE = ["anon_client", "planner_client", "admin_client_", "leader_client", "reporter_a_client",
            "reporter_b_client"]
EDITORS = ["planner_client", "admin_client_"]
SEES_DRAFTS = {"planner_client", "admin_client_", "leader_client"}
NON_EDITORS = ["leader_client", "reporter_a_client", "reporter_b_client"]


@pytest.fixture
def plans(province):
    parent = PlanFactory(code="QH", name="Quy hoạch tỉnh", kind="master", unit=province,
                         start_year=2021, end_year=2030, status="approved")
    published = PlanFactory(code="KH5", name="Kế hoạch KT-XH tỉnh", unit=province, start_year=2021,
                            end_year=2030, status="approved", parent=parent, document="12/NQ-HĐND",
                            issuer="HĐND tỉnh", goal="Phát triển nhanh và bền vững")
    draft = PlanFactory(code="DRAFT", name="Dự thảo kế hoạch", unit=province, status="draft",
                        start_year=2026, end_year=2030)
    grdp = IndicatorFactory(code="GRDP", name_vi="Tốc độ tăng GRDP", unit="%", group="economy")
    forest = IndicatorFactory(code="FOREST", name_vi="Tỷ lệ che phủ rừng", unit="%", group="environment")
    poor = IndicatorFactory(code="POOR", name_vi="Tỷ lệ hộ nghèo", unit="%", group="society",
                            direction="down")
    TargetFactory(plan=published, indicator=forest, unit=province, period="2030", start_year=2030,
                  end_year=2030, comparator="above", value=Decimal(70))
    TargetFactory(plan=published, indicator=grdp, unit=province, period="2021-2030", start_year=2021,
                  end_year=2030, comparator="above", value=Decimal("7.5"), target_type="average_growth")
    TargetFactory(plan=published, indicator=poor, unit=province, period="2021-2030", start_year=2021,
                  end_year=2030, comparator="exactly", value=Decimal(2), target_type="annual_change")
    TargetFactory(plan=draft, indicator=grdp, unit=province, period="2030", start_year=2030,
                  end_year=2030, comparator="above", value=Decimal(8))
    return published, draft


@pytest.mark.parametrize("who", EVERYONE)
def test_list(request, who, plans):
    client = request.getfixturevalue(who)
    response = client.get(reverse("plans:list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kế hoạch KT-XH tỉnh" in body and "12/NQ-HĐND" in body
    assert "2021-2030" in body and "2.021" not in body
    assert ("Dự thảo kế hoạch" in body) == (who in SEES_DRAFTS)
    filtered = client.get(reverse("plans:list"), {"kind": "master"}).content.decode()
    assert "Quy hoạch tỉnh" in filtered and "Kế hoạch KT-XH tỉnh" not in filtered
    assert "Kế hoạch KT-XH tỉnh" not in client.get(reverse("plans:list"), {"year": "2035"}).content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_detail_and_draft_visibility(request, who, plans):
    client = request.getfixturevalue(who)
    response = client.get(reverse("plans:detail", args=["KH5"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "12/NQ-HĐND" in body and "HĐND tỉnh" in body and "Quy hoạch tỉnh" in body
    assert "Phát triển nhanh và bền vững" in body
    assert "2.021" not in body and "2.030" not in body
    # the groups in the plan's own order (its targets were written forest, GRDP, poverty),
    # not in a fixed order of groups
    economy, society, environment = (body.index(w) for w in ("Kinh tế", "Xã hội", "Tài nguyên và môi trường"))
    assert environment < economy < society
    assert "trên 7,5%/năm bình quân giai đoạn 2021-2030" in body and "giảm bình quân 2%/năm" in body
    assert "trên 70%" in body and "giai đoạn 2021-2030" in body
    draft = client.get(reverse("plans:detail", args=["DRAFT"]))
    assert draft.status_code == (200 if who in SEES_DRAFTS else 404)
    assert client.get(reverse("plans:detail", args=["NOPE"])).status_code == 404
    assert ("plans:target_add" and "Thêm chỉ tiêu kế hoạch" in body) == (who in EDITORS)


PLAN_FORM = {"code": "KH-MOI", "name": "Kế hoạch năm 2026", "kind": "annual", "start_year": "2026",
             "end_year": "2026", "unit": "TINH", "document_date": "29/01/2026", "status": "draft"}


@pytest.mark.parametrize("who", EDITORS)
def test_create_and_edit_plan(request, who, plans):
    client = request.getfixturevalue(who)
    response = client.post(reverse("plans:create"), {**PLAN_FORM, "parent": "KH5"})
    assert response.status_code == 302
    plan = Plan.objects.get(code="KH-MOI")
    assert plan.parent.code == "KH5" and str(plan.document_date) == "2026-01-29"
    response = client.post(reverse("plans:edit", args=["KH-MOI"]), {**PLAN_FORM, "status": "approved"})
    assert response.status_code == 302 and Plan.objects.get(code="KH-MOI").status == "approved"


def test_plan_form_errors(planner_client, plans):
    response = planner_client.post(reverse("plans:create"), {**PLAN_FORM, "start_year": "2027"})
    assert response.status_code == 400 and "không sau năm kết thúc" in response.content.decode()
    response = planner_client.post(reverse("plans:edit", args=["QH"]), {
        **PLAN_FORM, "code": "QH", "kind": "master", "start_year": "2021", "end_year": "2030",
        "parent": "KH5"})
    assert response.status_code == 400 and "vòng lặp" in response.content.decode()
    assert not Plan.objects.filter(code="KH-MOI").exists()
    assert Plan.objects.get(code="QH").parent is None


TARGET = {"new-indicator": "GRDP", "new-unit": "TINH", "new-period": "2025", "new-comparator": "between",
          "new-value": "6,5", "new-value_max": "7", "new-target_type": "level"}


@pytest.mark.parametrize("who", EDITORS)
def test_target_add_edit_delete_with_htmx(request, who, plans):
    client = request.getfixturevalue(who)
    url = reverse("plans:target_add", args=["KH5"])
    response = client.post(url, TARGET, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith('<section id="targets">')
    assert "từ 6,5% đến 7%" in body
    target = Target.objects.get(plan__code="KH5", period="2025")
    assert (target.value, target.value_max) == (Decimal("6.5"), Decimal(7))
    edit = reverse("plans:target_edit", args=["KH5", target.pk])
    form = client.get(edit, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="edit-value"' in form
    data = {k.replace("new-", "edit-"): v for k, v in TARGET.items()}
    response = client.post(edit, {**data, "edit-value": "5"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "từ 5% đến 7%" in response.content.decode()
    target.refresh_from_db()
    assert target.value == 5
    response = client.post(reverse("plans:target_delete", args=["KH5", target.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and not Target.objects.filter(pk=target.pk).exists()
    assert AuditEntry.objects.filter(action__startswith="target_").count() == 3


def test_target_bad_input(planner_client, plans):
    url = reverse("plans:target_add", args=["KH5"])
    response = planner_client.post(url, {**TARGET, "new-value": "8"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "bị ngược" in response.content.decode()
    response = planner_client.post(url, {**TARGET, "new-period": "2035"})
    assert response.status_code == 400 and "ngoài các năm" in response.content.decode()
    response = planner_client.post(url, {**TARGET, "new-value": "bảy"})
    assert response.status_code == 400 and "không phải là số" in response.content.decode()
    assert not Target.objects.filter(period="2025").exists()


@pytest.mark.parametrize("who", NON_EDITORS + ["anon_client"])
def test_non_editors_cannot_write(request, who, plans):
    client = request.getfixturevalue(who)
    target = Target.objects.filter(plan__code="KH5").first()
    expected = 302 if who == "anon_client" else 403  # a published plan: seen, not to be changed
    assert client.get(reverse("plans:create")).status_code == expected
    assert client.post(reverse("plans:create"), PLAN_FORM).status_code == expected
    assert client.post(reverse("plans:edit", args=["KH5"]), PLAN_FORM).status_code == expected
    assert client.post(reverse("plans:target_add", args=["KH5"]), TARGET).status_code == expected
    assert client.post(reverse("plans:target_delete", args=["KH5", target.pk])).status_code == expected
    assert client.get(reverse("plans:target_import", args=["KH5"])).status_code == expected
    assert not Plan.objects.filter(code="KH-MOI").exists()
    assert Target.objects.filter(pk=target.pk).exists()
    assert Target.objects.filter(plan__code="KH5").count() == 3
    if who in ("reporter_a_client", "reporter_b_client"):  # a draft plan is not seen
        assert client.post(reverse("plans:edit", args=["DRAFT"]), PLAN_FORM).status_code == 404


def test_target_of_another_plan_is_404(planner_client, plans):
    target = Target.objects.filter(plan__code="DRAFT").first()
    response = planner_client.post(reverse("plans:target_delete", args=["KH5", target.pk]))
    assert response.status_code == 404 and Target.objects.filter(pk=target.pk).exists()


def test_target_import_page(planner_client, plans):
    header = "plan,indicator,unit,period,comparator,value,value_max\n"
    bad = header + "KH5,GRDP,TINH,2025,từ…đến,7,5\n"
    response = planner_client.post(reverse("plans:target_import", args=["KH5"]), {
        "file": SimpleUploadedFile("ct.csv", bad.encode()), "locale": "auto"})
    assert response.status_code == 400 and "bị ngược" in response.content.decode()
    good = header + "KH5,GRDP,TINH,2025,từ…đến,5,7\n"
    response = planner_client.post(reverse("plans:target_import", args=["KH5"]), {
        "file": SimpleUploadedFile("ct.csv", good.encode()), "locale": "auto"})
    assert response.status_code == 200
    assert Target.objects.get(plan__code="KH5", period="2025").comparator == "between"
