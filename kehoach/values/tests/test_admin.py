"""The Django admin of values: saves through ``value_set``, deletions through ``value_delete``,
revisions read-only; only the administrator gets in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.models import AuditEntry
from kehoach.values.models import Value, ValueRevision
from kehoach.values.services import value_set

pytestmark = pytest.mark.django_db

VALUES = "/quan-tri/values/value/"
REVISIONS = "/quan-tri/values/valuerevision/"


@pytest.fixture
def value_a(unit_a, growth):
    value, _ = value_set(indicator=growth, unit=unit_a, period="2024", kind="actual",
                         value=Decimal("7.5"), note="ghi chú A")
    return value


def _add_data(indicator, unit, **extra):
    return {"indicator": indicator.pk, "unit": unit.pk, "period": "2024", "kind": "actual",
            "value": "1791857.5", "note": "mới", "reported_by": "", "comment": "",
            "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0", **extra}


def _change_data(**extra):
    return {"value": "8.1", "note": "đã sửa", "comment": "Số liệu chính thức",
            "revisions-TOTAL_FORMS": "1", "revisions-INITIAL_FORMS": "1", **extra}


@pytest.mark.parametrize("who", ["planner_client", "reporter_a_client", "reporter_b_client",
                                 "leader_client", "anon_client"])
def test_admin_only_for_administrators(request, who, value_a):
    client = request.getfixturevalue(who)
    for url in (VALUES, f"{VALUES}{value_a.pk}/change/", f"{VALUES}add/", REVISIONS):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_changelist_search_and_filters(admin_client_, value_a, unit_b, revenue):
    value_set(indicator=revenue, unit=unit_b, period="2023", kind="estimate", value=Decimal(855))
    response = admin_client_.get(VALUES)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    response = admin_client_.get(VALUES, {"q": "SO-B"})
    assert [v.unit.code for v in response.context["cl"].result_list] == ["SO-B"]
    response = admin_client_.get(VALUES, {"q": "GRDP_GROWTH"})
    assert [v.unit.code for v in response.context["cl"].result_list] == ["SO-A"]
    response = admin_client_.get(VALUES, {"kind": "estimate", "year": "2023"})
    assert [v.indicator.code for v in response.context["cl"].result_list] == ["BUDGET_REVENUE"]


def test_add_goes_through_value_set(admin_client_, admin_user, unit_a, growth):
    assert admin_client_.get(f"{VALUES}add/").status_code == 200
    response = admin_client_.post(f"{VALUES}add/", _add_data(growth, unit_a, period=" 2024-h1 "))
    assert response.status_code == 302
    value = Value.objects.get()
    assert (value.period, value.year, value.end_year, value.value, value.entered_by) == (
        "2024-H1", 2024, 2024, Decimal("1791857.5"), admin_user)
    assert value.source == "trang quản trị"
    revision = ValueRevision.objects.get()
    assert (revision.action, revision.old_value, revision.new_value, revision.changed_by) == (
        "create", None, Decimal("1791857.5"), admin_user)
    assert AuditEntry.objects.filter(action="value_create", actor=admin_user).exists()


@pytest.mark.parametrize("field, bad, message", [
    ("period", "2024-H7", "không hợp lệ"),
    ("value", "7,5,5", "Nhập một số"),
    ("value", "1e30", "24"),
    ("value", "1.0000001", "6 chữ số thập phân"),
])
def test_add_refuses_bad_input(admin_client_, unit_a, growth, field, bad, message):
    response = admin_client_.post(f"{VALUES}add/", _add_data(growth, unit_a, **{field: bad}))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert message in response.content.decode()
    assert not Value.objects.exists() and not ValueRevision.objects.exists()


def test_add_refuses_an_existing_key(admin_client_, value_a, unit_a, growth):
    response = admin_client_.post(f"{VALUES}add/", _add_data(growth, unit_a))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    value_a.refresh_from_db()
    assert value_a.value == Decimal("7.5") and Value.objects.count() == 1
    assert ValueRevision.objects.count() == 1


def test_change_keeps_a_revision(admin_client_, admin_user, value_a, unit_b):
    url = f"{VALUES}{value_a.pk}/change/"
    page = admin_client_.get(url)
    assert page.status_code == 200 and "ghi chú A" in page.content.decode()
    # The key fields are read-only: a posted unit is ignored.
    response = admin_client_.post(url, _change_data(unit=unit_b.pk))
    assert response.status_code == 302
    value_a.refresh_from_db()
    assert (value_a.value, value_a.note, value_a.unit.code) == (Decimal("8.1"), "đã sửa", "SO-A")
    revision = ValueRevision.objects.filter(action="update").get()
    assert (revision.old_value, revision.new_value, revision.old_note, revision.comment,
            revision.changed_by) == (Decimal("7.5"), Decimal("8.1"), "ghi chú A",
                                     "Số liệu chính thức", admin_user)
    assert AuditEntry.objects.filter(action="value_update", actor=admin_user).exists()


def test_change_needs_a_reason(admin_client_, value_a):
    response = admin_client_.post(f"{VALUES}{value_a.pk}/change/", _change_data(comment=""))
    assert response.status_code == 200
    assert "comment" in response.context["adminform"].form.errors
    value_a.refresh_from_db()
    assert value_a.value == Decimal("7.5") and ValueRevision.objects.count() == 1


def test_delete_goes_through_value_delete(admin_client_, admin_user, value_a):
    response = admin_client_.post(f"{VALUES}{value_a.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Value.objects.exists()
    revision = ValueRevision.objects.get(action="delete")
    assert (revision.indicator_code, revision.old_value, revision.changed_by) == (
        "GRDP_GROWTH", Decimal("7.5"), admin_user)
    assert AuditEntry.objects.filter(action="value_delete", actor=admin_user).exists()


def test_bulk_delete_action_goes_through_value_delete(admin_client_, value_a, unit_b, revenue):
    other, _ = value_set(indicator=revenue, unit=unit_b, period="2023", kind="actual",
                         value=Decimal(1))
    response = admin_client_.post(VALUES, {"action": "delete_selected", "post": "yes",
                                           "_selected_action": [value_a.pk, other.pk]})
    assert response.status_code == 302
    assert not Value.objects.exists()
    assert ValueRevision.objects.filter(action="delete").count() == 2
    assert AuditEntry.objects.filter(action="value_delete").count() == 2


def test_revisions_are_read_only(admin_client_, value_a):
    revision = ValueRevision.objects.get()
    response = admin_client_.get(REVISIONS, {"q": "SO-A"})
    assert response.status_code == 200 and response.context["cl"].result_count == 1
    assert admin_client_.get(f"{REVISIONS}add/").status_code == 403
    url = f"{REVISIONS}{revision.pk}/change/"
    page = admin_client_.get(url)
    assert page.status_code == 200 and "SO-A" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    response = admin_client_.post(url, {"comment": "đổi"})
    assert response.status_code == 403
    assert admin_client_.post(f"{REVISIONS}{revision.pk}/delete/", {"post": "yes"}).status_code == 403
    revision.refresh_from_db()
    assert revision.comment == "" and ValueRevision.objects.count() == 1
