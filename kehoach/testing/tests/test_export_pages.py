"""The download on each list page: units, plans, targets, values as exchange files, only what the
user may see."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory, ValueFactory


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.django_db
def test_units_download_lists_every_unit(reporter_a_client, unit_a, province) -> None:
    response = reporter_a_client.get("/don-vi/xuat/")
    assert response.status_code == 200
    lines = _body(response).splitlines()
    assert lines[0] == ("code,name,type,parent,valid_from,valid_to,successor,successor_share,"
                        "gso_code,email")
    assert any(line.startswith(f"{unit_a.code},") and f",{province.code}," in line for line in lines)


@pytest.mark.django_db
def test_units_download_follows_the_pages_search(reporter_a_client, unit_a, unit_b,
                                                 province) -> None:
    page = reporter_a_client.get("/don-vi/", {"q": "so a", "on": "2025-01-01"}).content.decode()
    assert 'href="/don-vi/xuat/?format=csv&amp;q=so%20a&amp;on=2025-01-01"' in page
    assert 'href="/don-vi/xuat/?format=xlsx&amp;q=so%20a&amp;on=2025-01-01"' in page
    response = reporter_a_client.get("/don-vi/xuat/", {"format": "csv", "q": "so a",
                                                       "on": "2025-01-01"})
    assert response["Content-Disposition"] == 'attachment; filename="don-vi-tim-kiem.csv"'
    assert [line.split(",")[0] for line in _body(response).splitlines()[1:]] == ["SO-A"]
    whole = reporter_a_client.get("/don-vi/").content.decode()
    assert 'href="/don-vi/xuat/?format=csv"' in whole  # no search: the whole catalogue
    every = _body(reporter_a_client.get("/don-vi/xuat/", {"format": "csv"})).splitlines()[1:]
    assert {line.split(",")[0] for line in every} == {"SO-A", "SO-B", "TINH"}


@pytest.mark.django_db
def test_plans_download_as_excel_follows_the_filters(planner_client, province) -> None:
    PlanFactory(code="KH-NAM", unit=province, kind="annual", start_year=2024, end_year=2024)
    PlanFactory(code="KH-5N", unit=province, kind="five_year", start_year=2021, end_year=2025)
    page = planner_client.get("/ke-hoach/", {"kind": "annual"}).content.decode()
    assert 'href="/ke-hoach/xuat/?format=xlsx&amp;kind=annual"' in page
    response = planner_client.get("/ke-hoach/xuat/", {"format": "xlsx", "kind": "annual"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("code", "name") and [row[0] for row in rows[1:]] == ["KH-NAM"]


@pytest.mark.django_db
def test_values_download_keeps_the_filters_and_the_users_scope(
    reporter_a_client, unit_a, unit_b
) -> None:
    indicator = IndicatorFactory(code="REVENUE")
    ValueFactory(indicator=indicator, unit=unit_a, value=Decimal("12.5"), note="a")
    ValueFactory(indicator=indicator, unit=unit_b, value=Decimal("99"))
    ValueFactory(indicator=indicator, unit=unit_a, period="2023", year=2023, end_year=2023,
                 value=Decimal("3"))
    response = reporter_a_client.get("/so-lieu/xuat/?period=2024")
    assert response.status_code == 200
    assert _body(response).splitlines() == [
        "unit,indicator,period,kind,value,note", f"{unit_a.code},REVENUE,2024,actual,12.5,a",
    ]


@pytest.mark.django_db
def test_values_download_as_excel(planner_client, unit_a) -> None:
    ValueFactory(indicator=IndicatorFactory(code="REVENUE"), unit=unit_a, value=Decimal("2000"))
    response = planner_client.get("/so-lieu/xuat/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="so-lieu.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("unit", "indicator", "period", "kind", "value", "note")
    assert rows[1][:5] == (unit_a.code, "REVENUE", "2024", "actual", 2000)


@pytest.mark.django_db
def test_plans_and_targets_downloads_hide_drafts_from_reporters(reporter_a_client, province) -> None:
    shown = PlanFactory(code="KH-OK", unit=province, status="approved")
    hidden = PlanFactory(code="KH-DRAFT", unit=province, status="draft")
    TargetFactory(plan=shown, indicator=IndicatorFactory(code="A"))
    TargetFactory(plan=hidden, indicator=IndicatorFactory(code="B"))
    plans = _body(reporter_a_client.get("/ke-hoach/xuat/"))
    assert "KH-OK" in plans and "KH-DRAFT" not in plans
    targets = _body(reporter_a_client.get("/ke-hoach/xuat-chi-tieu/")).splitlines()
    assert targets[0].startswith("plan,indicator,unit,period,comparator,value")
    assert [t.split(",")[0] for t in targets[1:]] == ["KH-OK"]
    assert reporter_a_client.get("/ke-hoach/xuat-chi-tieu/?plan=KH-DRAFT").status_code == 404


@pytest.mark.django_db
def test_downloads_need_a_login(anon_client) -> None:
    for url in ("/don-vi/xuat/", "/ke-hoach/xuat/", "/ke-hoach/xuat-chi-tieu/", "/so-lieu/xuat/"):
        assert anon_client.get(url).status_code == 302
