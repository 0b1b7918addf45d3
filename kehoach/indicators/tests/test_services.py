"""indicator_create / indicator_update: aggregation rules, formulas, cycles, NFC, audit."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.models import AuditEntry
from kehoach.indicators.models import Indicator
from kehoach.indicators.selectors import indicator_list
from kehoach.indicators.services import indicator_create, indicator_update
from kehoach.testing.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

BASE = {"group": "economy", "kind": "flow", "direction": "up", "unit": "tỷ đồng"}


def make(code, aggregation="sum", actor=None, **extra):
    return indicator_create(actor=actor, code=code, name_vi=extra.pop("name_vi", code),
                            aggregation=aggregation, **{**BASE, **extra})


def test_create_normalises_and_audits(planner):
    nfd = unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo")
    indicator = make("POOR_RATE", actor=planner, name_vi=nfd, aggregation="none", unit="%")
    indicator.refresh_from_db()
    assert indicator.name_vi == unicodedata.normalize("NFC", "Tỷ lệ hộ nghèo")
    assert indicator.name_ascii == "ty le ho ngheo"
    entry = AuditEntry.objects.get(action="indicator_create")
    assert entry.actor == planner and entry.object_id == str(indicator.pk)


def test_accent_insensitive_search():
    make("POOR_RATE", name_vi="Tỷ lệ hộ nghèo", aggregation="none")
    make("GRDP", name_vi="Tổng sản phẩm trên địa bàn")
    assert [i.code for i in indicator_list(query="ty le ho ngheo")] == ["POOR_RATE"]
    assert [i.code for i in indicator_list(query="HỘ NGHÈO")] == ["POOR_RATE"]
    assert [i.code for i in indicator_list(query="grdp")] == ["GRDP"]
    assert list(indicator_list(query="khong co")) == []
    assert [i.code for i in indicator_list(group="society")] == []


@pytest.mark.parametrize(
    ("aggregation", "extra", "field"),
    [
        ("ratio", {}, "numerator"),
        ("weighted_mean", {}, "weight"),
        ("derived", {}, "formula"),
        ("derived", {"formula": "A +"}, "formula"),
        ("derived", {"formula": "A > 1"}, "formula"),
        ("derived", {"formula": "A * NOPE"}, "formula"),
        ("derived", {"formula": "X1 + 1"}, "formula"),
        ("sum", {"formula": "A + 1"}, "formula"),
    ],
)
def test_aggregation_rules(aggregation, extra, field):
    make("A")
    with pytest.raises(ValidationError) as info:
        make("X1", aggregation=aggregation, **extra)
    assert field in info.value.message_dict
    assert not Indicator.objects.filter(code="X1").exists()


def test_reference_only_for_its_aggregation():
    a = make("A")
    with pytest.raises(ValidationError) as info:
        make("B", weight=a)
    assert "weight" in info.value.message_dict


def test_ratio_and_weighted_mean_and_derived_ok():
    a, b = make("A"), make("B")
    assert make("R", aggregation="ratio", numerator=a, denominator=b).numerator == a
    assert make("W", aggregation="weighted_mean", weight=b).weight == b
    assert make("D", aggregation="derived", formula="A * 1000 / B").formula == "A * 1000 / B"


@pytest.mark.parametrize("code", ["", "1ABC", "GRDP-GROWTH", "Tỷ_lệ", "and", "A B"])
def test_bad_codes(code):
    with pytest.raises(ValidationError) as info:
        make(code)
    assert "code" in info.value.message_dict


def test_duplicate_code():
    make("A")
    with pytest.raises(ValidationError) as info:
        make("A")
    assert "Đã có" in info.value.message_dict["code"][0]


def test_formula_cycle_refused():
    make("A")
    make("D1", aggregation="derived", formula="A + 1")
    d2 = make("D2", aggregation="derived", formula="D1 * 2")
    d1 = Indicator.objects.get(code="D1")
    with pytest.raises(ValidationError) as info:
        indicator_update(indicator=d1, actor=None, data={"formula": "D2 + A"})
    assert "vòng lặp" in info.value.message_dict["formula"][0]
    assert "D1 → D2 → D1" in info.value.message_dict["formula"][0]
    assert Indicator.objects.get(code="D1").formula == "A + 1"
    assert d2.formula == "D1 * 2"


def test_update_reports_change_and_audits(planner):
    a = make("A")
    _, changed = indicator_update(indicator=a, actor=planner,
                                  data={"name_vi": "A", "tolerance": None})
    assert changed is False
    assert not AuditEntry.objects.filter(action="indicator_update").exists()
    _, changed = indicator_update(indicator=a, actor=planner,
                                  data={"name_vi": "Vốn đầu tư", "tolerance": Decimal("0.5")})
    assert changed is True
    a.refresh_from_db()
    assert a.name_ascii == "von dau tu" and a.tolerance == Decimal("0.5")
    entry = AuditEntry.objects.get(action="indicator_update")
    assert entry.data["name_vi"] == ["A", "Vốn đầu tư"]


def test_update_bad_value_changes_nothing():
    a = IndicatorFactory(code="A")
    with pytest.raises(ValidationError):
        indicator_update(indicator=a, actor=None,
                         data={"decimals": 9, "tolerance": Decimal(-1), "group": "xx"})
    a.refresh_from_db()
    assert a.decimals == 1 and a.group == "economy"


def test_rename_used_in_formula_refused():
    a = make("A")
    make("D", aggregation="derived", formula="A * 2")
    with pytest.raises(ValidationError) as info:
        indicator_update(indicator=a, actor=None, data={"code": "A2"})
    assert "D" in info.value.message_dict["code"][0]
    assert Indicator.objects.filter(code="A").exists()
    b = make("B")
    assert indicator_update(indicator=b, actor=None, data={"code": "B2"})[1] is True
    assert Indicator.objects.filter(code="B2").exists()
