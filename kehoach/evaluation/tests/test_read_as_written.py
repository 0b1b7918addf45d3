"""Targets read as written and evaluated as they say: "duy trì trên 70%" holds in every year of
the plan, "giảm bình quân 2%/năm" is a decrease, and a qualitative target ("cơ bản không còn huyện
nghèo") is judged by the planning office (its judgement, with history, is the status and is
counted in "X/Y chỉ tiêu đạt")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.evaluation.models import StatusOverride
from kehoach.evaluation.services import plan_evaluate
from kehoach.evaluation.services.overrides import override_set
from kehoach.evaluation.services.year import year_evaluate, year_summary
from kehoach.plans.importing import targets_import
from kehoach.plans.models import Target
from kehoach.plans.wording import target_wording
from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory, ValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(province):
    five = PlanFactory(code="KH5", unit=province, kind="five_year", start_year=2021,
                       end_year=2025, status="approved")
    annual = PlanFactory(code="KH-2024", unit=province, kind="annual", start_year=2024,
                         end_year=2024, status="approved", parent=five)
    return five, annual


def _values(indicator, unit, values):
    for year, value in values.items():
        ValueFactory(indicator=indicator, unit=unit, period=str(year), year=year, end_year=year,
                     value=Decimal(value))


def test_maintain_is_judged_in_every_year(plans, province):
    five, _annual = plans
    forest = IndicatorFactory(code="FOREST", name_vi="Tỷ lệ che phủ rừng", unit="%", kind="rate")
    target = TargetFactory(plan=five, indicator=forest, unit=province, period="2025",
                           start_year=2025, end_year=2025, comparator="above", value=Decimal(70),
                           phrasing="maintain")
    _values(forest, province, {2023: "72", 2024: "69.5"})
    assert target_wording(target) == "duy trì trên 70%"
    assert plan_evaluate(plan=five, year=2023, user=None).results[0].status in ("met", "exceeded")
    assert plan_evaluate(plan=five, year=2024, user=None).results[0].status == "not_met"
    target.phrasing = ""
    target.save()
    assert plan_evaluate(plan=five, year=2024, user=None).results[0].status == "not_due"


def test_a_decrease_is_a_decrease(plans, province):
    five, _annual = plans
    poverty = IndicatorFactory(code="POOR", name_vi="Tỷ lệ hộ nghèo", unit="%", kind="rate",
                               direction="down")
    target = TargetFactory(plan=five, indicator=poverty, unit=province, period="2021-2025",
                           start_year=2021, end_year=2025, comparator="exactly", value=Decimal(2),
                           target_type="annual_change")
    assert target_wording(target) == "giảm bình quân 2%/năm"
    _values(poverty, province, {2020: "20", 2021: "18", 2022: "16", 2023: "14", 2024: "12",
                                2025: "10"})
    assert plan_evaluate(plan=five, year=2025, user=None).results[0].status in ("met", "exceeded")
    Target.objects.filter(pk=target.pk).update(value=Decimal(3))
    assert plan_evaluate(plan=five, year=2025, user=None).results[0].status == "not_met"


def test_a_qualitative_target_is_judged_by_the_office(plans, province, planner, unit_a):
    _five, annual = plans
    districts = IndicatorFactory(code="POOR_DISTRICTS", name_vi="Huyện nghèo", unit="huyện")
    growth = IndicatorFactory(code="GRDP", name_vi="Tăng trưởng GRDP", unit="%", kind="growth")
    target = TargetFactory(plan=annual, indicator=districts, unit=province, period="2024",
                           start_year=2024, end_year=2024, target_type="qualitative",
                           value=Decimal(0), wording="cơ bản không còn huyện nghèo",
                           responsible_unit=unit_a)
    TargetFactory(plan=annual, indicator=growth, unit=province, period="2024", start_year=2024,
                  end_year=2024, comparator="above", value=Decimal(6))
    _values(growth, province, {2024: "6.5"})
    assert target_wording(target) == "cơ bản không còn huyện nghèo (do cơ quan kế hoạch đánh giá)"
    before = year_evaluate(year=2024, user=None)
    row = next(r for r in before.annual if r.target.pk == target.pk)
    assert row.result.item["judged_by"] == "planning_office" and row.status == "no_data"
    assert before.counts["met_or_exceeded"] == 1 and before.counts["judged"] == 1
    summary = year_summary(before)
    assert "1 chỉ tiêu định tính chờ cơ quan kế hoạch đánh giá" in summary
    assert "chưa có số liệu" not in summary
    with pytest.raises(ValidationError):
        override_set(target=target, year=2024, status="met", reason=" ", actor=planner)
    override_set(target=target, year=2024, status="not_met", reason="Còn 1 huyện nghèo",
                 actor=planner)
    override_set(target=target, year=2024, status="met", reason="Huyện Pác Nặm đã thoát nghèo",
                 actor=planner)
    after = year_evaluate(year=2024, user=None)
    assert after.counts["met_or_exceeded"] == 2 and after.counts["judged"] == 2
    history = StatusOverride.objects.filter(target=target, year=2024).order_by("at", "id")
    assert [(o.status, o.cleared_at is None) for o in history] == [("not_met", False),
                                                                   ("met", True)]


def test_qualitative_page_and_api(plans, province, planner, planner_client):
    _five, annual = plans
    districts = IndicatorFactory(code="POOR_DISTRICTS", name_vi="Huyện nghèo", unit="huyện")
    target = TargetFactory(plan=annual, indicator=districts, unit=province, period="2024",
                           start_year=2024, end_year=2024, target_type="qualitative",
                           value=Decimal(0), wording="cơ bản không còn huyện nghèo")
    page = planner_client.get("/danh-gia/ke-hoach/KH-2024/?year=2024").content.decode()
    assert "cơ bản không còn huyện nghèo (do cơ quan kế hoạch đánh giá)" in page
    assert "chờ cơ quan kế hoạch đánh giá" in page
    url = f"/api/v1/plans/KH-2024/targets/{target.pk}/override/"
    bad = planner_client.post(url, {"year": 2024, "status": "met", "reason": ""},
                              content_type="application/json")
    assert bad.status_code == 400
    good = planner_client.post(url, {"year": 2024, "status": "met",
                                     "reason": "Không còn huyện nghèo"},
                               content_type="application/json")
    assert good.status_code in (200, 201), good.content
    items = planner_client.get("/api/v1/evaluation/year/?year=2024").json()
    assert "2024" in str(items) and StatusOverride.objects.filter(target=target).count() == 1


CSV = (
    "plan,indicator,unit,period,comparator,value,target_type,note,responsible_unit\n"
    "KH5,FOREST,TINH,2025,above,70,level,Duy trì tỷ lệ che phủ rừng trên 70%,\n"
    "KH5,FAMILIES,TINH,2025,at_least,88,level,Tỷ lệ gia đình văn hóa đạt 88% trở lên,\n"
    "KH5,POOR_DISTRICTS,TINH,2025,exactly,,qualitative,cơ bản không còn huyện nghèo,\n"
)


def test_import_reads_the_documents_words(plans, province):
    for code, unit in (("FOREST", "%"), ("FAMILIES", "%"), ("POOR_DISTRICTS", "huyện")):
        IndicatorFactory(code=code, name_vi=code, unit=unit)
    result = targets_import(data=CSV.encode(), filename="t.csv")
    assert result.ok, result.errors
    words = [target_wording(t) for t in Target.objects.filter(plan__code="KH5")
             .select_related("indicator").order_by("position", "id")]
    assert words == ["duy trì trên 70%", "88% trở lên",
                     "cơ bản không còn huyện nghèo (do cơ quan kế hoạch đánh giá)"]


def test_import_refuses_a_bad_phrasing_and_a_qualitative_target_without_words(plans, province):
    IndicatorFactory(code="FOREST", name_vi="Rừng", unit="%")
    IndicatorFactory(code="POOR_DISTRICTS", name_vi="Huyện nghèo", unit="huyện")
    bad = ("plan,indicator,unit,period,comparator,value,target_type,phrasing,note\n"
           "KH5,FOREST,TINH,2025,above,70,level,mãi mãi,\n"
           "KH5,POOR_DISTRICTS,TINH,2025,exactly,,qualitative,,\n")
    result = targets_import(data=bad.encode(), filename="t.csv")
    assert not result.ok
    text = " ".join(str(e) for e in result.errors)
    assert "mãi mãi" in text and "định tính" in text
    assert not Target.objects.filter(plan__code="KH5").exists()
