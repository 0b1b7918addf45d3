"""The year judged against its plan: the annual plan's "X/Y", the not-met list with responsible
units, the five-year targets' progress; the same numbers from the page, the API and the CLI."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from kehoach.evaluation.services import year_evaluate, year_rows_filtered
from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory, ValueFactory

pytestmark = pytest.mark.django_db


def _value(unit, indicator, year, value):
    ValueFactory(unit=unit, indicator=indicator, period=str(year), year=year, end_year=year,
                 value=Decimal(str(value)))


@pytest.fixture
def year_data(province, unit_a, unit_b):
    growth = IndicatorFactory(code="GROWTH", name_vi="Tăng trưởng GRDP", unit="%", kind="growth",
                              aggregation="none")
    revenue = IndicatorFactory(code="REVENUE", name_vi="Thu ngân sách", aggregation="sum")
    poverty = IndicatorFactory(code="POVERTY", name_vi="Tỷ lệ hộ nghèo", unit="%", kind="rate",
                               direction="down", aggregation="none", group="society")
    five = PlanFactory(code="KH5", unit=province, kind="five_year", start_year=2021, end_year=2025)
    annual = PlanFactory(code="KH2024", unit=province, kind="annual", start_year=2024,
                         end_year=2024, parent=five, document="20/NQ-HĐND")
    TargetFactory(plan=five, indicator=growth, period="2021-2025", start_year=2021, end_year=2025,
                  comparator="above", value=Decimal(8), target_type="average_growth",
                  responsible_unit=unit_b)
    TargetFactory(plan=five, indicator=revenue, period="2025", start_year=2025, end_year=2025,
                  comparator="at_least", value=Decimal(1000))
    TargetFactory(plan=annual, indicator=revenue, period="2024", start_year=2024, end_year=2024,
                  comparator="at_least", value=Decimal(850), responsible_unit=unit_b)
    TargetFactory(plan=annual, indicator=growth, period="2024", start_year=2024, end_year=2024,
                  comparator="above", value=Decimal(6), responsible_unit=unit_a)
    TargetFactory(plan=annual, indicator=poverty, period="2024", start_year=2024, end_year=2024,
                  comparator="below", value=Decimal(10))
    for year, value in ((2021, 3), (2022, 4), (2023, 5), (2024, 5)):
        _value(province, growth, year, value)
    for year, value in ((2020, 500), (2023, 800), (2024, 900)):
        _value(province, revenue, year, value)
    return growth, revenue, poverty


def test_year_counts_not_met_and_progress(year_data, leader):
    evaluation = year_evaluate(year=2024, user=leader)
    assert [p.code for p in evaluation.annual_plans] == ["KH2024"]
    assert [p.code for p in evaluation.multi_year_plans] == ["KH5"]
    counts = evaluation.counts
    assert (counts["met_or_exceeded"], counts["judged"], counts["not_met"], counts["no_data"]) == (
        1, 2, 1, 1)
    not_met = year_rows_filtered(evaluation, not_met=True)
    assert [(r.target.indicator.code, r.responsible_unit.code) for r in not_met] == [
        ("GROWTH", "SO-A")]
    outlook = {r.target.indicator.code: r.outlook for r in evaluation.progress}
    assert outlook == {"GROWTH": "at_risk", "REVENUE": "on_track"}
    at_risk = year_rows_filtered(evaluation, at_risk=True)
    assert at_risk[0].result.item["progress"]["required_rate"] > 8
    assert [r.target.indicator.code for r in year_rows_filtered(evaluation,
                                                                responsible="SO-B")] == [
        "REVENUE", "GROWTH"]
    assert [r.target.indicator.code for r in year_rows_filtered(evaluation, group="society")] == [
        "POVERTY"]
    summary = evaluation.summary()
    assert "1/2 chỉ tiêu đạt và vượt kế hoạch" in summary and "1 có nguy cơ không đạt" in summary
    assert "chưa đến kỳ" not in summary


def test_not_due_only_for_running_years(year_data, leader):
    evaluation = year_evaluate(year=2025, user=leader)
    assert evaluation.annual_plans == []
    assert "Chưa có kế hoạch năm 2025" in evaluation.summary()
    due = {r.target.indicator.code: r.status for r in evaluation.annual}
    assert due == {"GROWTH": "no_data", "REVENUE": "no_data"}  # 2025 has ended, no figure


def test_page_api_and_command_say_the_same(year_data, leader):
    from django.test import Client

    client = Client()
    client.force_login(leader)
    page = client.get("/danh-gia/nam/", {"year": 2024})
    assert page.status_code == 200
    body = page.content.decode()
    assert "1/2 chỉ tiêu đạt và vượt kế hoạch" in body and "Sở A" in body
    api = client.get("/api/v1/evaluation/year/", {"year": 2024, "not_met": "true"}).json()
    assert api["counts"]["met_or_exceeded"] == 1 and api["counts"]["judged"] == 2
    assert [(i["indicator"], i["responsible_unit"]) for i in api["items"]] == [("GROWTH", "SO-A")]
    out = io.StringIO()
    call_command("evaluate", "--year", "2024", "--format", "json", "--at-risk", stdout=out)
    cli = json.loads(out.getvalue())
    assert cli["counts"] == api["counts"] and cli["summary"] == api["summary"]
    assert [(i["indicator"], i["outlook"]) for i in cli["items"]] == [("GROWTH", "at_risk")]
    filtered = client.get("/danh-gia/nam/", {"year": 2024, "at_risk": "on"}).content.decode()
    assert "Có nguy cơ không đạt" in filtered and "Thu ngân sách" not in filtered


def test_bad_year_is_refused(leader, client):
    client.force_login(leader)
    response = client.get("/danh-gia/nam/", {"year": "hai nghìn"})
    assert response.status_code == 400 and "Năm phải là một số" in response.content.decode()
    assert client.get("/api/v1/evaluation/year/", {"year": "x"}).status_code == 400


def test_province_is_chosen_by_name_not_typed_as_a_code(year_data, leader, client):
    client.force_login(leader)
    body = client.get("/danh-gia/nam/", {"year": 2024}).content.decode()
    assert 'class="unit-picker"' in body and 'data-name="unit"' in body
    unknown = client.get("/danh-gia/nam/", {"year": 2024, "unit": "KHONG-CO"})
    assert unknown.status_code == 400
    assert client.get("/api/v1/evaluation/year/", {"year": 2024, "unit": "KHONG-CO"}).status_code == 400
