"""The DHIS2 page and endpoints: upload, mapping, dry run, result; export download; who may."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.core.tests.factories import IndicatorFactory, ValueFactory
from kehoach.values.models import Value

XML = (b'<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">'
       b'<dataValue dataElement="DE_A" period="2024Q1" orgUnit="OU_A" value="5.5"/>'
       b'<dataValue dataElement="DE_A" period="2024W5" orgUnit="OU_A" value="1"/></dataValueSet>')


@pytest.fixture
def indicator(db):
    return IndicatorFactory(code="IND_A")


def _body(response) -> str:
    """A download's text (exports are streamed from a spooled file)."""
    return b"".join(response.streaming_content).decode()


def _files(unit_code: str, data: bytes = XML) -> dict:
    mapping = (f"dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\n"
               f"org_unit,OU_A,{unit_code}\n").encode()
    return {"file": SimpleUploadedFile("v.xml", data),
            "mapping": SimpleUploadedFile("map.csv", mapping)}


def test_planner_imports_on_the_page_and_sees_the_summary(planner_client, indicator, unit_a) -> None:
    assert planner_client.get("/so-lieu/dhis2/").status_code == 200
    response = planner_client.post("/so-lieu/dhis2/", {**_files(unit_a.code),
                                                       "strategy": "create_and_update",
                                                       "kind": "actual"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "WARNING" in body and "2024W5" in body and "tuần" in body
    assert list(Value.objects.values_list("period", "value")) == [("2024-Q1", Decimal("5.5"))]


def test_dry_run_on_the_page_stores_nothing(planner_client, indicator, unit_a) -> None:
    response = planner_client.post("/so-lieu/dhis2/", {**_files(unit_a.code), "dry_run": "on",
                                                       "strategy": "create_and_update",
                                                       "kind": "actual"})
    assert response.status_code == 200 and "Chạy thử" in response.content.decode()
    assert not Value.objects.exists()


def test_a_reporter_cannot_write_another_units_values(reporter_b_client, indicator, unit_a) -> None:
    response = reporter_b_client.post("/so-lieu/dhis2/", {**_files(unit_a.code),
                                                          "strategy": "create_and_update",
                                                          "kind": "actual"})
    assert response.status_code == 400
    assert "không có quyền" in response.content.decode()
    assert not Value.objects.exists()


def test_who_may_open_the_page(leader_client, anon_client, reporter_a_client) -> None:
    assert anon_client.get("/so-lieu/dhis2/").status_code == 302
    assert leader_client.get("/so-lieu/dhis2/").status_code == 403
    assert reporter_a_client.get("/so-lieu/dhis2/").status_code == 200


def test_api_import_answers_the_import_summary(planner_client, indicator, unit_a) -> None:
    response = planner_client.post("/api/v1/dhis2/import/", _files(unit_a.code))
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["imported"], data["ignored"]) == ("WARNING", 1, 1)
    assert data["conflicts"][0]["object"] == "2024W5"


def test_api_import_of_an_unreadable_file_is_an_error_and_stores_nothing(planner_client, indicator,
                                                                           unit_a) -> None:
    response = planner_client.post("/api/v1/dhis2/import/", _files(unit_a.code, XML[:-30]))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "dhis2_import_failed"
    assert error["fields"]["summary"]["status"] == "ERROR"
    assert not Value.objects.exists()


def test_api_and_page_export_only_what_the_user_may_read(reporter_b_client, planner_client,
                                                         indicator, unit_a, unit_b) -> None:
    ValueFactory(indicator=indicator, unit=unit_a, value=Decimal("1"))
    ValueFactory(indicator=indicator, unit=unit_b, value=Decimal("2"))
    mapping = (f"dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\n"
               f"org_unit,OU_A,{unit_a.code}\norg_unit,OU_B,{unit_b.code}\n").encode()
    response = reporter_b_client.post("/api/v1/dhis2/export/", {
        "mapping": SimpleUploadedFile("map.csv", mapping), "format": "json"})
    assert response.status_code == 200
    assert json.loads(_body(response))["dataValues"] == [
        {"dataElement": "DE_A", "period": "2024", "orgUnit": "OU_B", "value": "2"}]
    page = planner_client.post("/so-lieu/dhis2/xuat/", {
        "mapping": SimpleUploadedFile("map.csv", mapping), "format": "csv", "kind": "actual"})
    assert page.status_code == 200
    assert page["Content-Disposition"] == 'attachment; filename="dhis2-datavalueset.csv"'
    assert _body(page).count("DE_A,2024,") == 2


def test_adx_export_names_the_data_set_on_every_group(planner_client, indicator, unit_a) -> None:
    ValueFactory(indicator=indicator, unit=unit_a, value=Decimal("1"))
    mapping = f"dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\norg_unit,OU_A,{unit_a.code}\n"
    api = planner_client.post("/api/v1/dhis2/export/", {
        "mapping": SimpleUploadedFile("map.csv", mapping.encode()), "format": "adx",
        "data_set": "pBOMPrpg1QX"})
    page = planner_client.post("/so-lieu/dhis2/xuat/", {
        "mapping": SimpleUploadedFile("map.csv", mapping.encode()), "format": "adx",
        "kind": "actual", "data_set": "pBOMPrpg1QX"})
    for response in (api, page):
        assert response.status_code == 200
        assert '<group orgUnit="OU_A" period="2024-01-01/P1Y" dataSet="pBOMPrpg1QX">' in (
            _body(response))
