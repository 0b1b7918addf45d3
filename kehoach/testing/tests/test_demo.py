"""``kehoach load_demo``: everything loaded once, nothing overwritten later, logins printed."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from kehoach.core.models import User
from kehoach.indicators.models import Indicator
from kehoach.plans.models import Plan, Target
from kehoach.units.models import Succession, Unit
from kehoach.values.models import Value, ValueRevision
from kehoach.values.services import value_set

ANSWER_KEY = "/work/shared/data/extraction/003_c4e7c0fd68722bba.json"


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count()
            for m in (Unit, Succession, Indicator, Plan, Target, Value, ValueRevision, User)}


@pytest.mark.django_db
def test_demo_loads_everything_once_and_keeps_user_changes():
    output = load("--if-empty")
    for username, password in (("quantri", "demo-quantri-2026"), ("kehoach", "demo-kehoach-2026"),
                               ("soyte", "demo-soyte-2026"), ("sonnmt", "demo-sonnmt-2026"),
                               ("lanhdao", "demo-lanhdao-2026")):
        assert username in output and password in output
        assert User.objects.get(username=username).check_password(password)
    assert User.objects.get(username="kehoach").unit.code == "TN-STC"
    assert User.objects.get(username="lanhdao").role == "leader"

    # units: today's province, the old ones with their successor, districts, communes, departments
    assert Unit.objects.get(code="19").valid_from.isoformat() == "2025-07-01"
    bac_kan = Unit.objects.get(code="06-cu")
    assert (bac_kan.gso_code, bac_kan.valid_to.isoformat()) == ("06", "2025-06-30")
    assert Succession.objects.get(predecessor=bac_kan).successor.code == "19"
    assert Unit.objects.filter(parent=bac_kan, type="district").count() == 8
    assert Unit.objects.get(code="058-cu").name == "Thành phố Bắc Kạn"
    assert Unit.objects.get(code="01843").name == "Phường Bắc Kạn"
    assert Succession.objects.get(predecessor__code="BK-SKHDT").successor.code == "TN-STC"

    # plans and the 41 targets of the answer key, every one mapped to an indicator
    plan = Plan.objects.get(code="KH-56-BK")
    assert (plan.parent.code, plan.document, plan.issuer, plan.status) == (
        "QH-BK-2030", "56/KH-UBND", "UBND tỉnh Bắc Kạn", "approved")
    assert Plan.objects.get(code="KH-TN-2026-2030").status == "consultation"
    with open(ANSWER_KEY, encoding="utf-8") as handle:
        key = json.load(handle)
    targets = list(plan.targets.select_related("indicator"))
    assert len(targets) == len(key) == 41
    assert len({t.indicator_id for t in targets}) == 41
    by_code = {t.indicator.code: t for t in targets}
    growth = by_code["GRDP_GROWTH"]
    assert (growth.period, growth.comparator, growth.value, growth.target_type) == (
        "2021-2030", "above", Decimal("7.5"), "average_growth")
    assert by_code["SOCIAL_INVESTMENT"].value == Decimal("105000")
    assert by_code["TOURISTS"].value == Decimal("3000000")
    assert by_code["POVERTY_RATE"].target_type == "annual_change"
    assert sorted(float(t.value) for t in targets) == sorted(
        float(k["value"]) * {"nghìn tỷ đồng": 1000, "triệu lượt người": 1000000}.get(k["unit"], 1)
        for k in key)

    # values: seed 002 and every published figure, the source in the note
    grdp = dict(Value.objects.filter(indicator__code="GRDP_GROWTH", unit=bac_kan)
                .values_list("year", "value"))
    assert grdp == {2020: Decimal("3.16"), 2021: Decimal("3.73"), 2022: Decimal("6.01"),
                    2023: Decimal("6.33"), 2024: Decimal("7.4"), 2025: Decimal("8")}
    demo_values = Value.objects.filter(source="import_values values.csv")
    # 19 published figures with their source, 116 illustrative ones marked as such (demo notes)
    assert demo_values.count() == 135 and demo_values.filter(unit=bac_kan).count() == 135
    assert not demo_values.filter(note="").exists()
    assert demo_values.filter(note__startswith="Số liệu minh họa").count() == 116
    assert Value.objects.get(indicator__code="GRDP_CONST", period="2024", kind="plan").value == 9521
    # the 2025 estimates (ƯTH) of the five-year plan's 13 indicators: illustrative, said so
    estimates = Value.objects.filter(source="import_values estimates_2025.csv")
    assert estimates.count() == 13 and set(estimates.values_list("kind", flat=True)) == {"estimate"}
    assert estimates.filter(unit=bac_kan, period="2025",
                            note__startswith="Số liệu minh họa").count() == 13

    # a user changes a value; re-running changes nothing and keeps the change
    value = Value.objects.get(indicator__code="GRDP_GROWTH", period="2024")
    value_set(indicator=value.indicator, unit=value.unit, period="2024", kind="estimate",
              value=Decimal("7.5"), note="số liệu đã chỉnh", actor=User.objects.get(username="kehoach"))
    before = _counts()
    assert "every row already there" in load()
    assert "nothing changed" in load("--if-empty")
    assert _counts() == before
    value.refresh_from_db()
    assert (value.value, value.note) == (Decimal("7.5"), "số liệu đã chỉnh")

    # a demo value the user deleted comes back on a plain run, and only it
    Value.objects.get(indicator__code="BUDGET_REVENUE", unit=bac_kan, period="2022").delete()
    output = load()
    assert "created 1, updated 0, unchanged 0" in output
    assert demo_values.count() == 135
    assert _counts() == {**before, "ValueRevision": before["ValueRevision"] + 1}
    value.refresh_from_db()
    assert value.value == Decimal("7.5")
