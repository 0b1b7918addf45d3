"""The values and DHIS2 bodies refuse the fields they do not take (``KnownFieldsMixin``): a
misspelt field is a 400 naming it, and nothing is stored, changed, imported or queued."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kehoach.core.tests.factories import IndicatorFactory
from kehoach.values.models import ImportJob, Value, ValueRevision
from kehoach.values.services import value_set

pytestmark = pytest.mark.django_db

MAPPING = "dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\norg_unit,OU_A,{unit}\n"
DHIS2_CSV = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n" \
            "DE_A,2024,OU_A,,,5.5\n"


@pytest.fixture
def api(planner) -> APIClient:
    client = APIClient()
    client.force_authenticate(planner)
    return client


def _refused(response, *names: str) -> None:
    assert response.status_code == 400, response.content
    fields = response.json()["error"]["fields"]
    assert sorted(fields) == sorted(names)
    for name in names:
        assert f"Không có trường “{name}”" in fields[name][0]


def test_a_new_value_with_an_unknown_field_is_refused(api, unit_a, growth):
    data = {"unit": "SO-A", "indicator": "GRDP_GROWTH", "period": "2025", "kind": "estimate",
            "value": 6.5, "notes": "ước"}
    response = api.post("/api/v1/values/", data, format="json")
    _refused(response, "notes")
    assert "note" in response.json()["error"]["fields"]["notes"][0]  # the accepted ones listed
    assert not Value.objects.exists()
    data["note"] = data.pop("notes")
    assert api.post("/api/v1/values/", data, format="json").status_code == 201


def test_a_change_with_an_unknown_field_changes_nothing(api, unit_a, growth):
    value = value_set(indicator=growth, unit=unit_a, period="2024", kind="actual",
                      value=Decimal("7.5"))[0]
    revisions = ValueRevision.objects.count()
    response = api.patch(f"/api/v1/values/{value.pk}/",
                         {"value": "8", "indicator_name": "x", "comentt": "sửa"}, format="json")
    _refused(response, "comentt")
    value.refresh_from_db()
    assert value.value == Decimal("7.5") and ValueRevision.objects.count() == revisions
    good = api.patch(f"/api/v1/values/{value.pk}/", {"value": "8", "comment": "sửa"},
                     format="json")
    assert good.status_code == 200 and good.json()["value"] == 8


def test_what_was_read_can_be_sent_back_changed(api, unit_a, growth):
    """GET, change a field, PUT the whole object back: the read-only fields it carries (id,
    names, year…) are ignored, as DRF does; only a name that is no field at all is refused."""
    value = value_set(indicator=growth, unit=unit_a, period="2024", kind="actual",
                      value=Decimal("7.5"))[0]
    body = api.get(f"/api/v1/values/{value.pk}/").json()
    assert "id" in body and "year" in body
    body.update(value="8.1", comment="sửa theo số chính thức")
    response = api.put(f"/api/v1/values/{value.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    value.refresh_from_db()
    assert value.value == Decimal("8.1") and value.year == 2024


def test_a_values_file_with_an_unknown_field_is_not_imported(api, unit_a, growth):
    upload = SimpleUploadedFile("v.csv", b"unit,indicator,period,kind,value\n"
                                         b"SO-A,GRDP_GROWTH,2024,actual,7.5\n")
    response = api.post("/api/v1/values/import/", {"file": upload, "dryrun": "true"},
                        format="multipart")
    _refused(response, "dryrun")
    assert not Value.objects.exists()


def _dhis2(unit_code: str, **extra: str) -> dict:
    return {"file": SimpleUploadedFile("v.csv", DHIS2_CSV.encode()),
            "mapping": SimpleUploadedFile("m.csv", MAPPING.format(unit=unit_code).encode()),
            **extra}


@pytest.mark.parametrize("background", [False, True])
def test_a_dhis2_import_with_an_unknown_field_imports_and_queues_nothing(api, unit_a, settings,
                                                                         background):
    IndicatorFactory(code="IND_A")
    settings.KEHOACH_BACKGROUND_IMPORT_BYTES = 10 if background else 10_000_000
    response = api.post("/api/v1/dhis2/import/", _dhis2(unit_a.code, stratgy="delete"),
                        format="multipart")
    _refused(response, "stratgy")
    assert not Value.objects.exists() and not ImportJob.objects.exists()
    if not background:
        good = api.post("/api/v1/dhis2/import/", _dhis2(unit_a.code), format="multipart")
        assert good.status_code == 200, good.content
        assert list(Value.objects.values_list("period", "value")) == [("2024", Decimal("5.5"))]


def test_a_dhis2_export_with_an_unknown_field_is_refused(api, unit_a):
    IndicatorFactory(code="IND_A")
    mapping = SimpleUploadedFile("m.csv", MAPPING.format(unit=unit_a.code).encode())
    response = api.post("/api/v1/dhis2/export/", {"mapping": mapping, "yaer": "2024"},
                        format="multipart")
    _refused(response, "yaer")


def test_the_schema_documents_the_strict_bodies(planner_client):
    schemas = planner_client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("ValueRequest", "PatchedValueRequest", "ImportRequestRequest",
                 "Dhis2ImportRequestRequest", "Dhis2ExportRequestRequest"):
        assert schemas[name]["additionalProperties"] is False, name
    assert "indicator_name" not in schemas["ValueRequest"]["properties"]
