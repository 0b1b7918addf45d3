"""Download headers (issue 14, point 8): one builder, RFC 6266 with an ASCII fallback; unit codes
validated on input so no name breaks a header."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.core.http import content_disposition
from kehoach.units.models import Unit


@pytest.mark.parametrize("name, header", [
    ("bao-cao-kh-bc-2024.xlsx", 'attachment; filename="bao-cao-kh-bc-2024.xlsx"'),
    ('kh-2026_X"a;b.exe_PL1.xlsx',
     "attachment; filename=\"kh-2026_X_a_b.exe_PL1.xlsx\"; filename*=UTF-8''kh-2026_X_a%3Bb.exe_PL1.xlsx"),
    ("Tổng hợp Đà Nẵng.docx",
     "attachment; filename=\"Tong_hop_Da_Nang.docx\"; filename*=UTF-8''"
     "T%E1%BB%95ng%20h%E1%BB%A3p%20%C4%90%C3%A0%20N%E1%BA%B5ng.docx"),
    ("a\r\nSet-Cookie: x.csv", "attachment; filename=\"a_Set-Cookie_x.csv\"; "
                               "filename*=UTF-8''a_Set-Cookie%3A%20x.csv"),
])
def test_content_disposition(name, header):
    assert content_disposition(name) == header
    assert header.isascii() and "\n" not in header


BAD_CODES = ['X"a;b.exe', "SỞ-YT", "a/b"]


@pytest.mark.parametrize("code", BAD_CODES)
def test_unit_codes_are_validated_on_input(planner_client, province, code):
    response = planner_client.post("/api/v1/units/", {"code": code, "name": "X", "type": "department",
                                                      "parent": "TINH"},
                                   content_type="application/json")
    assert response.status_code == 400
    assert "Mã chỉ gồm chữ cái không dấu" in str(response.json()["error"])
    upload = SimpleUploadedFile("u.csv", f'code,name,type,parent\n"{code}",X,department,TINH\n'
                                .replace('"X"a', '"X""a').encode())
    response = planner_client.post("/api/v1/units/import/", {"file": upload})
    assert response.status_code == 400 and "Mã chỉ gồm chữ cái không dấu" in str(response.json())
    assert not Unit.objects.exclude(code="TINH").exists()

