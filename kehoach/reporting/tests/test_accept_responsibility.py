"""Accepting a form writes values of record only for what the unit answers for; a figure for an
indicator given to another unit, or below the source of the official value, is kept as a
reported value beside it (a discrepancy) and the official value is unchanged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.tests.factories import PlanFactory, TargetFactory, UnitFactory, ValueFactory
from kehoach.reporting import services
from kehoach.reporting.tests.conftest import full_changes
from kehoach.values.models import ReportedValue, Value, ValueRevision
from kehoach.values.sources import reported_value_adopt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_row_open(round_):
    """This round lets every unit type every row (``row_scope`` "all"), so that figures for
    indicators given to others reach acceptance and drafting, whose own rules are tested here."""
    round_.row_scope = "all"
    round_.save(update_fields=["row_scope"])


@pytest.fixture
def owned(indicators, province, unit_a, unit_b):
    """The 2026 plan gives GRDP growth to unit A and budget revenue to unit B; the province's
    official 2025 population estimate came from the statistics office's publication."""
    plan = PlanFactory(code="KH-2026", unit=province, kind="annual", start_year=2026,
                       end_year=2026)
    for code, unit in (("GRDP_GROWTH", unit_a), ("BUDGET_REVENUE", unit_b)):
        TargetFactory(plan=plan, indicator=indicators[code], unit=province, period="2026",
                      start_year=2026, end_year=2026, responsible_unit=unit)
    ValueFactory(indicator=indicators["POPULATION"], unit=province, period="2025", year=2025,
                 end_year=2025, kind="estimate", value=Decimal("1705.5"), source="import")
    return plan


def _accept(submission, planner, reporter):
    services.cell_save(submission=submission, changes=full_changes(submission), actor=reporter)
    services.submission_submit(submission=submission, actor=reporter)
    services.submission_accept(submission=submission, actor=planner)


def test_accept_writes_only_what_the_unit_answers_for(owned, sub_a, planner, reporter_a,
                                                      province, unit_a):
    _accept(sub_a, planner, reporter_a)
    record = {(v.indicator.code, v.period): v for v in Value.objects.filter(unit=province)
              .select_related("indicator")}
    # its own indicator and one nobody was given: values of record from unit A
    assert record[("GRDP_GROWTH", "2026")].value == Decimal(8)
    assert record[("GRDP_GROWTH", "2026")].reported_by == unit_a
    assert record[("GRDP_CUR", "2026")].value == Decimal(2200)
    # budget revenue is unit B's: no value of record, a reported value instead
    assert ("BUDGET_REVENUE", "2026") not in record
    kept = ReportedValue.objects.get(indicator__code="BUDGET_REVENUE", period="2026")
    assert (kept.value, kept.reported_by) == (Decimal(1100), unit_a)
    assert "Sở B" in kept.reason
    # the official population is unchanged; unit A's figure sits beside it
    assert record[("POPULATION", "2025")].value == Decimal("1705.5")
    assert ReportedValue.objects.get(indicator__code="POPULATION", period="2025").value == 320
    assert not ValueRevision.objects.filter(indicator_code="POPULATION", action="update").exists()


def test_adopting_a_reported_value_is_a_recorded_decision(owned, sub_a, planner, reporter_a,
                                                          province):
    _accept(sub_a, planner, reporter_a)
    kept = ReportedValue.objects.get(indicator__code="POPULATION", period="2025")
    with pytest.raises(ValidationError):
        reported_value_adopt(reported=kept, actor=planner, reason=" ")
    assert Value.objects.get(indicator__code="POPULATION", period="2025").value == Decimal("1705.5")
    reported_value_adopt(reported=kept, actor=planner, reason="Số của Sở A đã thống nhất với "
                                                              "Thống kê")
    assert Value.objects.get(indicator__code="POPULATION", period="2025").value == 320
    revision = ValueRevision.objects.get(indicator_code="POPULATION", action="update")
    assert "Quyết định dùng số của Sở A" in revision.comment
    assert not ReportedValue.objects.filter(pk=kept.pk).exists()


def test_statistics_office_outranks_a_department(owned, indicators, province, planner, round_,
                                                 pl1, sub_a, reporter_a):
    stats = UnitFactory(code="CTK", name="Thống kê tỉnh", type="agency", parent=province)
    services.round_assign(round=round_, units=[stats], templates=[pl1], actor=planner)
    sub = round_.submissions.get(unit=stats)
    _accept(sub, planner, planner)
    assert Value.objects.get(indicator__code="POPULATION", period="2025").value == 320
    assert Value.objects.get(indicator__code="BUDGET_REVENUE", period="2026").reported_by == stats
    # a later department figure for the same cell does not replace the statistics office's
    services.cell_save(submission=sub_a, changes=full_changes(
        sub_a, GRDP_CUR=("2.050", "2.250")), actor=reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    assert Value.objects.get(indicator__code="GRDP_CUR", period="2026").value == Decimal(2200)
    assert ReportedValue.objects.get(indicator__code="GRDP_CUR", period="2026").value == 2250


def test_discrepancy_page_and_api_for_the_planning_office(owned, sub_a, planner, reporter_a,
                                                         planner_client, reporter_a_client):
    _accept(sub_a, planner, reporter_a)
    page = planner_client.get("/so-lieu/chenh-lech/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Thu ngân sách nhà nước trên địa bàn" in body and "1.705,5" in body
    assert reporter_a_client.get("/so-lieu/chenh-lech/").status_code == 404
    api = planner_client.get("/api/v1/values/reported/").json()
    population = next(i for i in api if i["indicator"] == "POPULATION")
    assert (population["value"], population["official_value"]) == (320.0, 1705.5)
    kept = ReportedValue.objects.get(indicator__code="POPULATION")
    response = planner_client.post(f"/so-lieu/chenh-lech/{kept.pk}/dung-so-nay/", {"reason": ""})
    assert response.status_code == 302
    assert Value.objects.get(indicator__code="POPULATION", period="2025").value == Decimal("1705.5")
    planner_client.post(f"/so-lieu/chenh-lech/{kept.pk}/dung-so-nay/",
                        {"reason": "Đã thống nhất với Thống kê"})
    assert Value.objects.get(indicator__code="POPULATION", period="2025").value == 320
