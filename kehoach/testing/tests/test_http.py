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



@pytest.mark.django_db
def test_a_nul_in_the_query_is_a_400_not_a_server_error(client):
    response = client.get("/api/v1/plans/?q=%00%01")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid" and "NUL" in response.json()["error"]["message"]
    page = client.get("/ke-hoach/?q=a%00b")
    assert page.status_code == 400
    assert client.get("/ke-hoach/?q=a").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("when, ok", [("0346-11-07T21:57:21Z", False), ("2201-01-01T00:00:00Z", False),
                                      ("2026-01-05T08:00:00+07:00", True)])
def test_dates_outside_the_years_are_refused(when, ok):
    from rest_framework import serializers

    class Dates(serializers.Serializer):
        at = serializers.DateTimeField()
        day = serializers.DateField(required=False)

    checked = Dates(data={"at": when, "day": when[:10]})
    assert checked.is_valid() == ok
    if not ok:
        assert "Năm phải từ 1900 đến 2200" in str(checked.errors["at"][0])
        assert "day" in checked.errors


def test_integers_beyond_64_bits_are_refused():
    from rest_framework import serializers

    class Ids(serializers.Serializer):
        ids = serializers.ListField(child=serializers.IntegerField())

    assert not Ids(data={"ids": [10**30]}).is_valid()
    assert Ids(data={"ids": [2**63 - 1]}).is_valid()
