"""Targets given to units: validity on the target's dates, bulk assignment (all or nothing),
the import column, the API field, the pages and the appendix of the decision."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import load_workbook

from kehoach.core.models import AuditEntry
from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory, UnitFactory
from kehoach.plans.importing import targets_import
from kehoach.plans.models import Target
from kehoach.plans.services import target_create, targets_assign_responsible

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(province):
    return PlanFactory(code="KH-2026", unit=province, kind="annual", start_year=2026, end_year=2026)


@pytest.fixture
def old_dept(province):
    return UnitFactory(code="SO-CU", name="Sở Cũ", type="department", parent=province,
                       valid_to=dt.date(2025, 6, 30))


@pytest.fixture
def two_targets(plan):
    grdp = IndicatorFactory(code="GRDP", name_vi="Tăng trưởng GRDP", unit="%")
    beds = IndicatorFactory(code="BEDS", name_vi="Số giường bệnh/vạn dân", unit="giường",
                            group="society")
    return (TargetFactory(plan=plan, indicator=grdp, period="2026", start_year=2026,
                          end_year=2026, value=Decimal("8")),
            TargetFactory(plan=plan, indicator=beds, period="2026", start_year=2026,
                          end_year=2026, value=Decimal("35")))


def test_target_with_unit_gone_before_its_period_is_refused(plan, old_dept):
    ind = IndicatorFactory(code="X")
    with pytest.raises(ValidationError) as info:
        target_create(actor=None, plan=plan, indicator=ind, unit=plan.unit, period="2026",
                      comparator="above", value=Decimal(1), responsible_unit=old_dept)
    assert "Sở Cũ" in info.value.message_dict["responsible_unit"][0]
    assert "30/06/2025" in info.value.message_dict["responsible_unit"][0]
    assert not Target.objects.exists()


def test_bulk_assignment_all_or_nothing(planner, plan, two_targets, unit_a, old_dept):
    grdp, beds = two_targets
    with pytest.raises(ValidationError) as info:
        targets_assign_responsible(actor=planner, plan=plan,
                                   assignments={grdp.pk: unit_a, beds.pk: old_dept})
    assert "BEDS (2026)" in info.value.messages[0]
    assert Target.objects.filter(responsible_unit__isnull=False).count() == 0
    changed = targets_assign_responsible(actor=planner, plan=plan,
                                         assignments={grdp.pk: unit_a, beds.pk: unit_a})
    assert changed == 2
    assert set(Target.objects.values_list("responsible_unit__code", flat=True)) == {"SO-A"}
    assert AuditEntry.objects.filter(action="target_assign").count() == 2
    assert targets_assign_responsible(actor=planner, plan=plan,
                                      assignments={grdp.pk: unit_a}) == 0


def test_import_column_code_or_name_and_bad_unit(plan, two_targets, unit_a, old_dept):
    ok = ("plan,indicator,unit,period,comparator,value,responsible_unit\n"
          "KH-2026,GRDP,TINH,2026,above,8,SO-A\nKH-2026,BEDS,TINH,2026,at_least,35,Sở A\n")
    result = targets_import(data=ok.encode(), filename="t.csv")
    assert result.ok and result.updated == 2
    assert set(Target.objects.values_list("responsible_unit__code", flat=True)) == {"SO-A"}
    bad = ("plan,indicator,unit,period,comparator,value,responsible_unit\n"
           "KH-2026,GRDP,TINH,2026,above,8,\nKH-2026,BEDS,TINH,2026,at_least,35,SO-CU\n")
    result = targets_import(data=bad.encode(), filename="t.csv")
    assert not result.ok
    assert [str(e) for e in result.errors][0].startswith("line 3, column responsible_unit")
    assert set(Target.objects.values_list("responsible_unit__code", flat=True)) == {"SO-A"}
    without = "plan,indicator,unit,period,comparator,value\nKH-2026,GRDP,TINH,2026,above,8\n"
    assert targets_import(data=without.encode(), filename="t.csv").unchanged == 1
    assert Target.objects.get(indicator__code="GRDP").responsible_unit == unit_a


def test_api_reads_and_writes_responsible_unit(planner_client, plan, two_targets, unit_a,
                                               old_dept):
    grdp, _beds = two_targets
    url = f"/api/v1/targets/{grdp.pk}/"
    response = planner_client.patch(url, {"responsible_unit": "SO-A"},
                                    content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["responsible_unit"] == "SO-A"
    assert response.json()["responsible_unit_name"] == "Sở A"
    response = planner_client.patch(url, {"responsible_unit": "SO-CU"},
                                    content_type="application/json")
    assert response.status_code == 400
    assert "Sở Cũ" in response.json()["error"]["fields"]["responsible_unit"][0]
    assert Target.objects.get(pk=grdp.pk).responsible_unit == unit_a


def test_assign_page_bulk_and_refusal(planner_client, plan, two_targets, unit_a, unit_b,
                                      reporter_a_client):
    grdp, beds = two_targets
    url = f"/ke-hoach/{plan.code}/giao-chi-tieu/"
    page = planner_client.get(url)
    assert page.status_code == 200 and "Sở B" in page.content.decode()
    assert reporter_a_client.get(url).status_code == 403  # a published plan: seen, not changed
    response = planner_client.post(url, {"pick": [grdp.pk, beds.pk], "bulk": "SO-B",
                                         f"r-{grdp.pk}": "", f"r-{beds.pk}": ""})
    assert response.status_code == 302
    assert set(Target.objects.values_list("responsible_unit__code", flat=True)) == {"SO-B"}
    response = planner_client.post(url, {f"r-{grdp.pk}": "SO-A", f"r-{beds.pk}": "KHONG-CO"})
    assert response.status_code == 400
    assert "BEDS (2026)" in response.content.decode()
    assert set(Target.objects.values_list("responsible_unit__code", flat=True)) == {"SO-B"}


def test_appendix_docx_and_xlsx(client, plan, two_targets, unit_a):
    plan.status = "approved"
    plan.save()
    grdp, beds = two_targets
    targets_assign_responsible(actor=None, plan=plan, assignments={grdp.pk: unit_a})
    response = client.get(f"/ke-hoach/{plan.code}/giao-chi-tieu/phu-luc.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "QUYẾT ĐỊNH" in text and "Số:" in "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    cells = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert cells[1][1] == "SỞ A" and cells[2][1] == "Tăng trưởng GRDP"
    assert cells[3][1] == "CHỈ TIÊU CHƯA GIAO CHO ĐƠN VỊ NÀO"
    response = client.get(f"/ke-hoach/{plan.code}/giao-chi-tieu/phu-luc.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "SỞ A" in values and "Số giường bệnh/vạn dân" in values


def test_draft_next_year_rolls_targets_and_keeps_valid_units(plan, two_targets, unit_a, old_dept,
                                                            planner):
    from kehoach.plans.services import plan_draft_next_year

    grdp, beds = two_targets
    targets_assign_responsible(actor=planner, plan=plan, assignments={grdp.pk: unit_a})
    draft = plan_draft_next_year(actor=planner, plan=plan, code="KH-2027")
    assert (draft.start_year, draft.status, draft.kind) == (2027, "draft", "annual")
    rolled = {t.indicator.code: t for t in draft.targets.select_related("indicator")}
    assert rolled["GRDP"].period == "2027" and rolled["GRDP"].value == Decimal(8)
    assert rolled["GRDP"].responsible_unit == unit_a and rolled["BEDS"].responsible_unit is None
    assert Target.objects.filter(plan=plan).count() == 2


def test_annual_plan_outside_its_five_year_parent_is_refused(province):
    from kehoach.plans.services import plan_create

    five = PlanFactory(code="KH5", unit=province, kind="five_year", start_year=2021, end_year=2025)
    with pytest.raises(ValidationError) as info:
        plan_create(actor=None, code="KH-2026", name="Năm 2026", kind="annual", start_year=2026,
                    end_year=2026, unit=province, parent=five)
    assert "KH5 (2021-2025)" in info.value.message_dict["parent"][0]
