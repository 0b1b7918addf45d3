"""Pages: list, history, enter/change a value, import — for the whole cast."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.values.models import Value, ValueRevision
from kehoach.values.services import value_set

HEADER = "unit,indicator,period,kind,value,note\n"


@pytest.fixture
def value_a(unit_a, growth):
    value, _ = value_set(indicator=growth, unit=unit_a, period="2024", kind="actual",
                         value=Decimal("1791857.5"), note="ghi chú A")
    return value


@pytest.fixture
def value_b(unit_b, revenue):
    value, _ = value_set(indicator=revenue, unit=unit_b, period="2023", kind="estimate",
                         value=Decimal("855"), note="ghi chú B")
    return value


@pytest.fixture
def province_value_reported_by_a(province, unit_a, revenue):
    value, _ = value_set(indicator=revenue, unit=province, period="2024", kind="actual",
                         value=Decimal("2000"), reported_by=unit_a)
    return value


def test_anonymous_is_sent_to_login(anon_client, value_a):
    for url in (reverse("values:list"), reverse("values:history", args=[value_a.pk]),
                reverse("values:create"), reverse("values:import"),
                reverse("values:edit", args=[value_a.pk])):
        response = anon_client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("who, sees_a, sees_b", [
    ("planner_client", True, True), ("admin_client_", True, True), ("leader_client", True, True),
    ("reporter_a_client", True, False), ("reporter_b_client", False, True),
])
def test_list_shows_only_readable_values(request, who, sees_a, sees_b, value_a, value_b):
    client = request.getfixturevalue(who)
    response = client.get(reverse("values:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert ("ghi chú A" in body) is sees_a and ("ghi chú B" in body) is sees_b
    if sees_a:
        assert "1.791.857,5" in body  # Vietnamese number format


def test_value_reported_by_a_is_readable_by_a_not_b(reporter_a_client, reporter_b_client,
                                                      province_value_reported_by_a):
    url = reverse("values:history", args=[province_value_reported_by_a.pk])
    assert reporter_a_client.get(url).status_code == 200
    assert reporter_b_client.get(url).status_code == 404


def test_list_filters_and_htmx(planner_client, value_a, value_b):
    url = reverse("values:list")
    body = planner_client.get(url, {"unit": "SO-B"}).content.decode()
    assert "ghi chú B" in body and "ghi chú A" not in body
    body = planner_client.get(url, {"kind": "actual", "indicator": "GRDP_GROWTH"}).content.decode()
    assert "ghi chú A" in body and "ghi chú B" not in body
    body = planner_client.get(url, {"q": "ghi chú B"}).content.decode()
    assert "ghi chú B" in body and "ghi chú A" not in body
    response = planner_client.get(url, {"period": "2024"}, headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode() and "ghi chú A" in response.content.decode()
    response = planner_client.get(url, {"period": "2024-H7"})
    assert response.status_code == 200 and "không hợp lệ" in response.content.decode()
    assert "ghi chú A" not in response.content.decode()


def test_history_page(reporter_a_client, reporter_b_client, value_a, reporter_a):
    value_set(indicator=value_a.indicator, unit=value_a.unit, period="2024", kind="actual",
              value=Decimal("7.5"), note="sửa", actor=reporter_a, comment="số liệu chính thức")
    response = reporter_a_client.get(reverse("values:history", args=[value_a.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "số liệu chính thức" in body and "1.791.857,5" in body and "7,5" in body
    assert "bao_cao_a" in body
    assert reporter_b_client.get(reverse("values:history", args=[value_a.pk])).status_code == 404
    assert reporter_b_client.get(reverse("values:history", args=[999999])).status_code == 404


@pytest.mark.parametrize("who, status", [
    ("planner_client", 302), ("admin_client_", 302), ("reporter_a_client", 302),
    ("reporter_b_client", 404), ("leader_client", 403),
])
def test_edit_value(request, who, status, value_a):
    client = request.getfixturevalue(who)
    url = reverse("values:edit", args=[value_a.pk])
    response = client.post(url, {"value": "8,25", "note": "mới", "comment": "điều chỉnh"})
    assert response.status_code == status
    value_a.refresh_from_db()
    if status == 302:
        assert value_a.value == Decimal("8.25") and value_a.note == "mới"
        revision = value_a.revisions.first()
        assert revision.action == "update" and revision.comment == "điều chỉnh"
    else:
        assert value_a.value == Decimal("1791857.5")
        assert value_a.revisions.count() == 1


def test_edit_needs_a_reason_and_a_number(planner_client, value_a):
    url = reverse("values:edit", args=[value_a.pk])
    response = planner_client.post(url, {"value": "bảy", "comment": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "không phải là số" in body
    assert "bắt buộc" in body
    value_a.refresh_from_db()
    assert value_a.value == Decimal("1791857.5") and value_a.revisions.count() == 1


@pytest.mark.parametrize("stored, shown", [
    ("7.125", "7,125"), ("1000", "1.000"), ("1791857.5", "1.791.857,5"), ("-0.000001", "-0,000001"),
])
def test_edit_shows_the_number_as_typed_and_keeps_it(planner_client, value_a, stored, shown):
    """The form shows the stored number the page's way, so saving only a new note keeps it
    (``7.125`` must not come back as 7125, nor ``1000`` as ``1E+3``)."""
    value_set(indicator=value_a.indicator, unit=value_a.unit, period="2024", kind="actual",
              value=Decimal(stored), note="ghi chú A")
    url = reverse("values:edit", args=[value_a.pk])
    response = planner_client.get(url)
    assert response.status_code == 200
    assert response.context["form"]["value"].value() == shown
    response = planner_client.post(url, {"value": shown, "note": "ghi chú mới", "comment": "ghi chú"})
    assert response.status_code == 302
    value_a.refresh_from_db()
    assert value_a.value == Decimal(stored) and value_a.note == "ghi chú mới"
    assert value_a.revisions.first().old_value == value_a.revisions.first().new_value


def test_create_value(reporter_a_client, reporter_b_client, leader_client, unit_a, growth):
    data = {"unit": unit_a.pk, "indicator": growth.pk, "period": "2025-h1", "kind": "estimate",
            "value": "2.000", "note": ""}
    response = reporter_b_client.post(reverse("values:create"), data)
    assert response.status_code == 200 and "Hãy chọn" in response.content.decode()
    assert leader_client.get(reverse("values:create")).status_code == 403
    assert Value.objects.count() == 0
    response = reporter_a_client.post(reverse("values:create"), data)
    assert response.status_code == 302
    value = Value.objects.get()
    assert (value.period, value.kind, value.value, value.reported_by) == ("2025-H1", "estimate",
                                                                         Decimal("2000"), unit_a)
    assert value.revisions.get().changed_by.username == "bao_cao_a"


def _upload(client, text: str, **extra):
    upload = SimpleUploadedFile("so-lieu.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("values:import"), {"file": upload, "locale": "auto", **extra})


def test_import_page(reporter_a_client, reporter_b_client, leader_client, unit_a, growth):
    good = HEADER + "SO-A,GRDP_GROWTH,2024,actual,\"7,5\",\n"
    assert leader_client.get(reverse("values:import")).status_code == 403
    response = _upload(reporter_b_client, good)
    assert response.status_code == 400 and "<td>unit</td>" in response.content.decode()
    assert "bạn không có quyền" in response.content.decode()
    response = _upload(reporter_a_client, good, dry_run="on")
    assert response.status_code == 200 and "chạy thử" in response.content.decode()
    assert Value.objects.count() == 0
    response = _upload(reporter_a_client, good + "SO-A,NOPE,2024,actual,1,\n")
    body = response.content.decode()
    assert response.status_code == 400 and "<td>indicator</td>" in body and ">3<" in body
    assert Value.objects.count() == 0 and ValueRevision.objects.count() == 0
    response = _upload(reporter_a_client, good)
    assert response.status_code == 200 and "tạo mới 1" in response.content.decode()
    assert Value.objects.get().value == Decimal("7.5")
