"""Services of the units app: validation, cycles, name_ascii, succession links, audit."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.models import AuditEntry
from kehoach.core.text import ascii_fold
from kehoach.units.models import Succession, Unit
from kehoach.units.services import succession_set, unit_create, unit_update

pytestmark = pytest.mark.django_db


def test_unit_create_computes_name_ascii_and_nfc(planner):
    unit = unit_create(code="BK", name=unicodedata.normalize("NFD", "Tỉnh  Bắc Kạn"),
                       type="province", actor=planner)
    unit.refresh_from_db()
    assert unit.name == unicodedata.normalize("NFC", "Tỉnh Bắc Kạn")
    assert unit.name_ascii == "tinh bac kan"
    assert AuditEntry.objects.filter(action="unit_create", object_id=str(unit.pk), actor=planner).exists()


def test_ascii_fold_handles_d_bar():
    assert ascii_fold("Đắk Lắk  ĐỒNG") == "dak lak dong"


def test_valid_range_refused_with_vietnamese_message(province):
    with pytest.raises(ValidationError) as exc:
        unit_create(code="X", name="X", type="department", parent=province,
                    valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2025, 6, 30))
    assert "valid_to" in exc.value.message_dict
    assert "phải sau hoặc bằng" in exc.value.message_dict["valid_to"][0]
    assert not Unit.objects.filter(code="X").exists()


def test_equal_dates_allowed(province):
    unit = unit_create(code="X", name="X", type="department", valid_from=dt.date(2025, 7, 1),
                       valid_to=dt.date(2025, 7, 1))
    assert unit.pk


def test_own_parent_refused(unit_a):
    with pytest.raises(ValidationError) as exc:
        unit_update(unit=unit_a, actor=None, data={"parent": unit_a})
    assert "chính nó" in exc.value.message_dict["parent"][0]
    unit_a.refresh_from_db()
    assert unit_a.parent.code == "TINH"


def test_two_unit_cycle_refused(province, unit_a):
    with pytest.raises(ValidationError) as exc:
        unit_update(unit=province, actor=None, data={"parent": unit_a})
    assert "vòng lặp" in exc.value.message_dict["parent"][0]
    province.refresh_from_db()
    assert province.parent_id is None


def test_longer_cycle_refused(province, unit_a):
    child = unit_create(code="PHONG", name="Phòng", type="other", parent=unit_a)
    grandchild = unit_create(code="TO", name="Tổ", type="other", parent=child)
    with pytest.raises(ValidationError):
        unit_update(unit=province, actor=None, data={"parent": grandchild})
    assert Unit.objects.get(code="TINH").parent_id is None


def test_update_reports_changes_and_audits_only_changes(unit_a, planner):
    before = AuditEntry.objects.count()
    assert unit_update(unit=unit_a, data={"name": "Sở A"}, actor=planner) == []
    assert AuditEntry.objects.count() == before
    assert unit_update(unit=unit_a, data={"name": "Sở Tài chính"}, actor=planner) == ["name"]
    unit_a.refresh_from_db()
    assert unit_a.name_ascii == "so tai chinh"
    entry = AuditEntry.objects.get(action="unit_update")
    assert entry.data == {"name": ["Sở A", "Sở Tài chính"]}


def test_update_rejects_unknown_field(unit_a):
    with pytest.raises(TypeError):
        unit_update(unit=unit_a, actor=None, data={"name_ascii": "x"})  # type: ignore[typeddict-unknown-key]


def test_duplicate_code_refused(unit_a):
    with pytest.raises(ValidationError) as exc:
        unit_create(code="SO-A", name="Khác", type="department")
    assert "code" in exc.value.message_dict
    assert Unit.objects.filter(code="SO-A").count() == 1


def test_bad_type_refused(province):
    with pytest.raises(ValidationError) as exc:
        unit_create(code="Z", name="Z", type="planet")
    assert "type" in exc.value.message_dict


def test_succession_set_create_update_unchanged(unit_a, unit_b, planner):
    link, status = succession_set(predecessor=unit_a, successor=unit_b, share="0.5",
                                  effective=dt.date(2025, 7, 1), actor=planner)
    assert status == "created" and link.share == Decimal("0.5")
    assert succession_set(predecessor=unit_a, successor=unit_b, share=Decimal("0.5"),
                          effective=dt.date(2025, 7, 1))[1] == "unchanged"
    assert succession_set(predecessor=unit_a, successor=unit_b, share=1,
                          effective=dt.date(2025, 7, 1))[1] == "updated"
    assert Succession.objects.get().share == 1
    assert AuditEntry.objects.filter(action="succession_set").count() == 2


def test_unit_cannot_succeed_itself(unit_a):
    with pytest.raises(ValidationError) as exc:
        succession_set(predecessor=unit_a, successor=unit_a)
    assert "chính nó" in exc.value.message_dict["successor"][0]
    assert not Succession.objects.exists()


@pytest.mark.parametrize("share", ["0", "-0.1", "1.5", "abc"])
def test_share_out_of_range_refused(unit_a, unit_b, share):
    with pytest.raises(ValidationError) as exc:
        succession_set(predecessor=unit_a, successor=unit_b, share=share)
    assert "share" in exc.value.message_dict
    assert not Succession.objects.exists()
