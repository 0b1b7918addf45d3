"""The values and units imports (API, command) given hostile files: the upload limit of the web
forms, the shared zip and sheet guards, a capped list of errors (issue 14, points 1–2)."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook
from rest_framework.test import APIClient

from kehoach.core.exchange.importer import MAX_ERRORS
from kehoach.core.tests import bombs
from kehoach.units.models import Unit
from kehoach.values.models import Value

MB = 1024 * 1024
HEADER = b"unit,indicator,period,kind,value,note\n"


def values_xlsx() -> bytes:
    wb = Workbook()
    wb.active.append(["unit", "indicator", "period", "kind", "value"])
    wb.active.append(["SO-A", "GRDP_GROWTH", "2024", "TH", 7.5])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _post(user, url, name, data):
    client = APIClient()
    client.force_authenticate(user)
    tracemalloc.start()
    try:
        response = client.post(url, {"file": SimpleUploadedFile(name, data)}, format="multipart")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, peak


def test_values_api_upload_limit(reporter_a, growth, settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = MB
    data = HEADER + b"SO-A,GRDP_GROWTH,2024,TH,1,\n" * 40_000
    response, _peak = _post(reporter_a, "/api/v1/values/import/", "v.csv", data)
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["file"] == ["Tệp quá lớn: tối đa 1 MB."]
    assert not Value.objects.exists()


def test_units_api_upload_limit(planner, settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = MB
    data = b"code,name,type\n" + b"X1,Xa,commune\n" * 80_000
    response, _peak = _post(planner, "/api/v1/units/import/", "u.csv", data)
    assert response.status_code == 400
    assert "Tệp quá lớn: tối đa 1 MB." in str(response.json()["error"]["fields"]["file"])
    assert Unit.objects.count() == 1


@pytest.mark.parametrize("kind", ["zip", "dimension"])
def test_values_api_bombs(reporter_a, growth, kind):
    bomb = (bombs.inflate(values_xlsx(), "xl/worksheets/sheet1.xml", 300) if kind == "zip"
            else bombs.dimension_bomb(values_xlsx()))
    response, peak = _post(reporter_a, "/api/v1/values/import/", "v.xlsx", bomb)
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["rows"][0]["message"]
    assert ("khi giải nén quá lớn" if kind == "zip" else "quá dòng 100.000") in message
    assert peak < 40 * MB
    assert not Value.objects.exists()


def test_error_list_is_capped(reporter_a, growth):
    data = HEADER + b"SO-A,KHONG-CO,2024,TH,1,\n" * 1000
    response, _peak = _post(reporter_a, "/api/v1/values/import/", "v.csv", data)
    error = response.json()["error"]
    assert response.status_code == 400 and error["message"].startswith("1000 lỗi")
    rows = error["fields"]["rows"]
    assert len(rows) == MAX_ERRORS
    assert rows[-1]["message"].startswith(f"… và {1000 - MAX_ERRORS + 1} lỗi khác")
    assert not Value.objects.exists()


def test_import_values_command_with_a_bomb(reporter_a, growth, tmp_path, capsys):
    path = tmp_path / "v.xlsx"
    path.write_bytes(bombs.inflate(values_xlsx(), "xl/worksheets/sheet1.xml", 300))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_values", str(path))
    assert exit_info.value.code == 1
    assert "khi giải nén quá lớn" in capsys.readouterr().err
    assert not Value.objects.exists()
