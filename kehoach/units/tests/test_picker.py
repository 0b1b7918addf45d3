"""The unit picker: search by name (accents ignored), groups, and the fields behind it."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.urls import reverse

from kehoach.testing.factories import UnitFactory
from kehoach.units.picker import UnitCodeField, UnitField, UnitsField


@pytest.fixture
def health(province):
    return UnitFactory(code="SYT", name="Sở Y tế", type="department", parent=province)


@pytest.fixture
def district(province):
    return UnitFactory(code="H-1", name="Huyện Đông Anh", type="district", parent=province,
                       valid_to=dt.date(2099, 1, 1))


def _pick(client, q, groups=""):
    response = client.get(reverse("units:pick"), {"q": q, "groups": groups})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_search_ignores_accents_and_case(reporter_a_client, health, unit_a):
    results = _pick(reporter_a_client, "so y te")
    assert results[0] == {"value": "SYT", "label": "Sở Y tế",
                          "detail": "Sở, ban, ngành · Tỉnh Thử Nghiệm"}
    assert [r["value"] for r in _pick(reporter_a_client, "SỞ Y TẾ")] == ["SYT"]
    assert _pick(reporter_a_client, "khong co don vi nay") == []


def test_groups_are_offered_and_filtered_by_the_words_typed(planner_client, health, commune):
    offered = _pick(planner_client, "", "communes,departments")
    assert [g["value"] for g in offered] == ["@departments", "@communes:TINH"]
    assert offered[1]["label"] == "Tất cả xã, phường của Tỉnh Thử Nghiệm"
    assert [g["value"] for g in _pick(planner_client, "tat ca so", "communes,departments")] == [
        "@departments"]
    assert _pick(planner_client, "", "") == []


def test_search_needs_a_signed_in_user(anon_client, health):
    response = anon_client.get(reverse("units:pick"), {"q": "y te"})
    assert response.status_code == 302 and "SYT" not in response.content.decode()


class _Form(forms.Form):
    one = UnitField(required=False)
    code = UnitCodeField(required=False)
    many = UnitsField(required=False, groups=("communes", "departments"))


def test_fields_take_codes_names_and_groups(health, unit_a, unit_b, commune, district):
    form = _Form({"one": "SYT", "code__text": "so y te", "many": ["@departments", "XA-1"]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == health and form.cleaned_data["code"] == "SYT"
    assert sorted(u.code for u in form.cleaned_data["many"]) == ["SO-A", "SO-B", "SYT", "XA-1"]
    by_text = _Form({"many__text": "Xã Một; sở a", "many": "SO-B, SYT"})
    assert by_text.is_valid() and [u.code for u in by_text.cleaned_data["many"]] == [
        "SO-B", "SYT", "XA-1", "SO-A"]
    comma = UnitFactory(code="SVH", name="Sở Văn hóa, Thể thao và Du lịch", type="department")
    named = _Form({"many": "Sở Văn hóa, Thể thao và Du lịch"})
    assert named.is_valid() and named.cleaned_data["many"] == [comma]


def test_fields_refuse_unknown_ambiguous_and_groups_for_one(health, unit_a, unit_b, commune):
    form = _Form({"one__text": "khong co", "code__text": "Sở", "many": ["@communes:KHONG"]})
    assert not form.is_valid()
    assert form.errors["one"][0].startswith("Không tìm thấy đơn vị “khong co”")
    assert form.errors["code"][0].startswith("“Sở” khớp nhiều đơn vị (")
    assert form.errors["many"] == ["Nhóm đơn vị “@communes:KHONG” không có đơn vị nào."]
    assert _Form({"one": "@departments"}).errors["one"] == [
        "Hãy chọn một đơn vị, không phải một nhóm."]


def test_widget_shows_names_and_sends_codes(health, unit_a):
    html = str(_Form(initial={"one": health, "many": ["SO-A", "@departments"]})["many"])
    assert 'name="many" value="SO-A"' in html and "<span>Sở A</span>" in html
    assert "<span>Tất cả sở, ban, ngành</span>" in html and 'name="many__text"' in html
    assert 'data-groups="communes,departments"' in html and 'data-multiple="1"' in html
    single = str(_Form(initial={"one": health})["one"])
    assert 'name="one" value="SYT"' in single and "<span>Sở Y tế</span>" in single
    assert 'data-multiple=""' in single
