"""A filled form that is a zip bomb, declares a huge sheet or has cut-off XML: a clear 400, no
500, nothing stored, memory bounded (issue 14, points 1–3)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.management import call_command

from kehoach.core.tests import bombs
from kehoach.reporting.excel import export_form
from kehoach.reporting.models import Cell

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def _put(client, submission, data: bytes):
    tracemalloc.start()
    try:
        response = client.put(f"/api/v1/submissions/{submission.pk}/xlsx/", data=data,
                              content_type="application/octet-stream")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 400, response.content
    reasons = [e["reason"] for e in response.json()["error"]["fields"]["errors"]]
    assert not Cell.objects.exists()
    return reasons, peak


def test_zip_bomb_form(sub_a, reporter_a_client):
    data = export_form(submission=sub_a)
    bomb = bombs.inflate(data, "xl/worksheets/sheet1.xml", 300)
    assert len(bomb) < MB
    reasons, peak = _put(reporter_a_client, sub_a, bomb)
    assert "khi giải nén quá lớn" in reasons[0] and "tối đa 20 MB" in reasons[0]
    assert peak < 40 * MB  # imports and translations loaded on first use; the bomb: gigabytes


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                    "xl/styles.xml"])
def test_cut_off_xml_in_a_form(sub_a, reporter_a_client, member):
    data = export_form(submission=sub_a)
    content = zipfile.ZipFile(io.BytesIO(data)).read(member)
    reasons, _peak = _put(reporter_a_client, sub_a,
                          bombs.replace_member(data, member, content[: len(content) // 2]))
    assert reasons == ["Tệp không đọc được: không phải tệp .xlsx hoặc tệp bị hỏng."]


def test_declared_dimension_in_a_form(sub_a, reporter_a_client):
    bomb = bombs.dimension_bomb(export_form(submission=sub_a))
    reasons, peak = _put(reporter_a_client, sub_a, bomb)
    assert reasons == ["Tệp có dữ liệu quá dòng 100.000 hoặc quá cột 200: hãy chia nhỏ tệp."]
    assert peak < 60 * MB


def test_import_form_command_with_a_broken_file(sub_a, tmp_path, capsys):
    data = export_form(submission=sub_a)
    content = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    path = tmp_path / "hong.xlsx"
    path.write_bytes(bombs.replace_member(data, "xl/workbook.xml", content[:50]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_form", str(path))
    assert exit_info.value.code == 1
    assert "không đọc được" in capsys.readouterr().err
