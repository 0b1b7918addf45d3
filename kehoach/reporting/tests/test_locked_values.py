"""Values that came from an accepted submission are locked like it (issue 14, point 5): a reporter
never changes them (nor any value of record outside its own units), the planning office only with a
reason, reopening the submission unlocks them; the web autosave needs each cell's version."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kehoach.reporting import services
from kehoach.reporting.tests.conftest import full_changes, row
from kehoach.values.models import Value
from kehoach.values.selectors import value_lock
from kehoach.values.services import value_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(sub_a, reporter_a, planner):
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    return Value.objects.get(indicator__code="GRDP_CUR", period="2025", kind="estimate")


def _patch(user, value, body):
    client = APIClient()
    client.force_authenticate(user)
    return client.patch(f"/api/v1/values/{value.pk}/", body, format="json")


def test_reporter_cannot_change_an_accepted_value_of_the_province(accepted, sub_a, reporter_a,
                                                                  reporter_b, province):
    assert accepted.unit == province and value_lock(value=accepted) == sub_a
    for user, status in ((reporter_a, 403), (reporter_b, 404)):  # A reads it (its form), B not
        response = _patch(user, accepted, {"value": "99999"})
        assert response.status_code == status
    accepted.refresh_from_db()
    sub_a.refresh_from_db()
    assert accepted.value == Decimal("2000") and sub_a.status == "accepted"
    assert accepted.revisions.count() == 1


def test_planning_office_changes_a_locked_value_only_with_a_reason(accepted, planner, sub_a):
    response = _patch(planner, accepted, {"value": "2100"})
    assert response.status_code == 400
    assert "đã khoá" in json.dumps(response.json(), ensure_ascii=False)
    accepted.refresh_from_db()
    assert accepted.value == Decimal("2000")
    response = _patch(planner, accepted, {"value": "2100", "comment": "Số liệu Cục Thống kê"})
    assert response.status_code == 200
    accepted.refresh_from_db()
    assert accepted.value == Decimal("2100") and value_lock(value=accepted) == sub_a  # still locked


def test_reopening_unlocks(accepted, planner, sub_a):
    services.submission_reopen(submission=sub_a, actor=planner, comment="Cập nhật")
    assert value_lock(value=accepted) is None
    value_set(indicator=accepted.indicator, unit=accepted.unit, period="2025", kind="estimate",
              value=Decimal("1990"), actor=planner)
    accepted.refresh_from_db()
    assert accepted.value == Decimal("1990")


def test_reporting_unit_is_not_handed_to_another_unit(accepted, unit_a, unit_b, planner):
    value_set(indicator=accepted.indicator, unit=accepted.unit, period="2025", kind="estimate",
              value=Decimal("2050"), reported_by=unit_b, actor=planner, comment="Sửa",
              source="submission:999")
    accepted.refresh_from_db()
    assert accepted.reported_by == unit_a


def test_locked_value_of_own_unit_refused_in_service_and_import(sub_a, reporter_a, unit_a,
                                                                 indicators):
    growth = row(sub_a, "GRDP_GROWTH").indicator
    value, _outcome = value_set(indicator=growth, unit=unit_a, period="2024", kind="actual",
                                value=Decimal("7"), source=f"submission:{sub_a.pk}")
    now = timezone.now()
    type(sub_a).objects.filter(pk=sub_a.pk).update(status="accepted", submitted_at=now,
                                                   accepted_at=now)
    with pytest.raises(ValidationError):
        value_set(indicator=growth, unit=unit_a, period="2024", kind="actual", value=Decimal("8"),
                  actor=reporter_a, comment="lý do")
    client = APIClient()
    client.force_authenticate(reporter_a)
    assert _patch(reporter_a, value, {"value": "8"}).status_code == 403
    body = f"unit,indicator,period,kind,value\nSO-A,{growth.code},2024,TH,8\n".encode()
    response = client.post("/api/v1/values/import/",
                           {"file": SimpleUploadedFile("v.csv", body)}, format="multipart")
    assert response.status_code == 400
    assert "đã khoá" in response.json()["error"]["fields"]["rows"][0]["message"]
    value.refresh_from_db()
    assert value.value == Decimal("7")


def test_web_autosave_needs_a_version(sub_a, reporter_a_client):
    r = row(sub_a, "GRDP_GROWTH")
    for change in ({"row": r.pk, "column": "UTH_Y", "value": "7,5"},
                   {"row": r.pk, "column": "UTH_Y", "value": "7,5", "version": "x"}):
        response = reporter_a_client.post(f"/bao-cao/bieu/{sub_a.pk}/o/",
                                          data={"changes": [change]},
                                          content_type="application/json")
        assert response.status_code == 400
    assert not sub_a.cells.exists()


def test_web_edit_of_a_locked_value(accepted, planner_client, reporter_a_client):
    url = reverse("values:edit", args=[accepted.pk])
    assert reporter_a_client.get(url).status_code == 403
    data = {"unit": accepted.unit.pk, "indicator": accepted.indicator.pk, "period": "2025",
            "kind": "estimate", "value": "2.100", "note": "", "comment": ""}
    response = planner_client.post(url, data)
    accepted.refresh_from_db()
    assert response.status_code == 200 and accepted.value == Decimal("2000")
    assert "đã khoá" in response.content.decode() or "bắt buộc" in response.content.decode()
    response = planner_client.post(url, {**data, "comment": "Theo Cục Thống kê"})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.value == Decimal("2100")
