"""The demo's district figures: Bắc Kạn's 8 districts 2021-2024 add up to the province, the
2019 poverty rates are the published ones, loading again changes nothing a user changed, and the
leaders' ranking has districts to rank."""

from __future__ import annotations

import re
from decimal import Decimal
from io import StringIO

import pytest

from kehoach.dashboard.communes import commune_ranking
from kehoach.evaluation.consolidation.service import consolidate
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.values.models import Value
from kehoach.values.services import value_set

INDICATORS = ("POPULATION", "HOUSEHOLDS", "POOR_HOUSEHOLDS", "POVERTY_RATE", "NTM_COMMUNES",
              "HEALTH_INSURANCE")
YEARS = {2021: "actual", 2022: "actual", 2023: "actual", 2024: "estimate"}


def _load_reference(*, only_missing: bool) -> None:
    from kehoach.indicators import demo as indicators
    from kehoach.plans import demo as plans
    from kehoach.units import demo as units
    from kehoach.values import demo as values

    for module in (units, indicators, plans, values):
        module.load(stdout=StringIO(), only_missing=only_missing)


@pytest.fixture
def demo(db):
    _load_reference(only_missing=False)


def _value(unit: str, code: str, year: int, kind: str) -> Decimal:
    return Value.objects.get(unit__code=unit, indicator__code=code, period=str(year),
                             kind=kind).value


def test_every_district_has_every_figure_and_the_rates_follow_from_the_counts(demo):
    districts = Unit.objects.filter(parent__code="06-cu", type="district")
    assert districts.count() == 8
    for year, kind in YEARS.items():
        for district in districts:
            found = set(Value.objects.filter(unit=district, period=str(year), kind=kind)
                        .values_list("indicator__code", flat=True))
            assert found == set(INDICATORS), (district.code, year)
            poor = _value(district.code, "POOR_HOUSEHOLDS", year, kind)
            households = _value(district.code, "HOUSEHOLDS", year, kind)
            rate = _value(district.code, "POVERTY_RATE", year, kind)
            assert rate == (poor * 100 / households).quantize(Decimal("0.01"))
    illustrative = Value.objects.filter(unit__in=districts, period__in=["2021", "2024"])
    assert all("minh họa" in v.note for v in illustrative)


def test_the_districts_add_up_to_the_province(demo):
    for year, kind in YEARS.items():
        _adds_up(year, kind)


def _adds_up(year: int, kind: str) -> None:
    result = consolidate(year=year, kind=kind, unit=Unit.objects.get(code="06-cu"))
    items = {i.indicator.code: i for i in result.items if i.unit.code == "06-cu"}
    for code in ("POPULATION", "HOUSEHOLDS", "NTM_COMMUNES"):
        item = items[code]
        assert item.inputs == 8
        assert item.value == item.reported == _value("06-cu", code, year, kind), code
    poverty = items["POVERTY_RATE"]  # recomputed from the summed households: to its 2 decimals
    assert poverty.value.quantize(Decimal("0.01")) == poverty.reported
    health = items["HEALTH_INSURANCE"]  # weighted by population: within the rounding
    assert abs(health.reported - health.value) < Decimal("0.05")
    assert not [i for i in result.discrepancies if i.unit.code == "06-cu"]


def test_2019_poverty_rates_are_the_published_ones(demo):
    published = {"060-cu": "35.22", "062-cu": "34.41", "066-cu": "25.11", "061-cu": "23.8",
                 "063-cu": "17.46", "064-cu": "15.86", "065-cu": "16.85", "058-cu": "1.93"}
    for code, rate in published.items():
        value = Value.objects.get(unit__code=code, indicator__code="POVERTY_RATE",
                                  period="2019", kind="preliminary")
        assert value.value == Decimal(rate)
        assert "giamngheo.backan.gov.vn" in value.note


def test_loading_again_adds_nothing_and_keeps_a_changed_figure(demo):
    changed, _ = value_set(indicator=Indicator.objects.get(code="POPULATION"),
                           unit=Unit.objects.get(code="061-cu"), period="2023",
                           kind="actual", value=Decimal("51.9"), comment="số liệu mới")
    count = Value.objects.count()
    _load_reference(only_missing=True)
    assert Value.objects.count() == count
    assert _value("061-cu", "POPULATION", 2023, "actual") == Decimal("51.9")
    Value.objects.filter(unit__code="066-cu", indicator__code="NTM_COMMUNES",
                         period="2022").delete()
    _load_reference(only_missing=True)  # a deleted demo figure comes back
    assert _value("066-cu", "NTM_COMMUNES", 2022, "actual") == 3
    assert Value.objects.count() == count


def test_the_ranking_has_the_districts_to_rank(demo):
    ranking = commune_ranking(year=2024, roots=[Unit.objects.get(code="06-cu")],
                              indicator="POVERTY_RATE")
    assert ranking["level"] == "district"
    rows = ranking["rows"]
    assert len(rows) == 8
    # lower is better: the city first, Pác Nặm (the poorest district in 2019 too) last
    assert (rows[0]["code"], rows[-1]["code"]) == ("058-cu", "060-cu")
    assert [r["quarter"] for r in (rows[0], rows[-1])] == ["top", "bottom"]
    offered = {o["code"] for o in ranking["offered"]}
    assert set(INDICATORS) <= offered


def test_the_default_ranking_compares_like_with_like(demo):
    """New-rural communes is first on the leaders' 2024 list (not met), but a count favours the
    big districts: the default is a rate; the count stays offered, equal counts share a rank."""
    province = Unit.objects.get(code="06-cu")
    ntm = Indicator.objects.get(code="NTM_COMMUNES")
    ranking = commune_ranking(year=2024, roots=[province], preferred=[ntm.pk])
    assert ranking["indicator"].code in ("POVERTY_RATE", "HEALTH_INSURANCE")
    rows = commune_ranking(year=2024, roots=[province], indicator="NTM_COMMUNES")["rows"]
    assert [(r["rank"], r["quarter"]) for r in rows[-2:]] == [(7, "bottom"), (7, "bottom")]
    assert {r["code"] for r in rows[-2:]} == {"058-cu", "060-cu"}
    population = commune_ranking(year=2024, roots=[province], indicator="POPULATION")["rows"]
    assert {r["quarter"] for r in population} == {""}  # no good direction: not coloured


def test_the_consolidation_page_shows_the_districts_adding_up(demo, planner_client):
    response = planner_client.get("/danh-gia/tong-hop/",
                                  {"year": 2024, "kind": "estimate", "unit": "06-cu"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "0 chênh lệch" in body

    def cells(code: str) -> list[str]:
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{code}(?:(?!</tr>).)*</tr>", body, re.S)
        assert row, code
        return [re.sub(r"<[^>]+>", "", c).strip()
                for c in re.findall(r'<td class="num">(.*?)</td>', row.group(0), re.S)]

    # consolidated, units, reported, difference: each at the indicator's decimals
    assert cells("POPULATION") == ["330,0", "8", "330,0", "0,0"]
    assert cells("POVERTY_RATE") == ["6,00", "8", "6,00", "0,00"]
    # 98,27 from the districts beside the province's 98,3: within the rounding, not 0,03
    assert cells("HEALTH_INSURANCE") == ["98,3", "8", "98,3", "0,0"]


def test_todays_thai_nguyen_adds_up_its_two_predecessors(demo):
    """For 2024 the merged province is the old Thái Nguyên plus Bắc Kạn, not Bắc Kạn alone."""
    result = consolidate(year=2024, kind="estimate", unit=Unit.objects.get(code="19"))
    items = {i.indicator.code: i for i in result.items if i.unit.code == "19"}
    assert items["POPULATION"].inputs == 2
    assert items["POPULATION"].value == (_value("06-cu", "POPULATION", 2024, "estimate")
                                         + _value("19-cu", "POPULATION", 2024, "estimate"))
    assert items["POPULATION"].value == Decimal("1692.0")
    bac_kan = Value.objects.filter(unit__parent__code="06-cu", period="2024", kind="estimate")
    poor = _value("19-cu", "POOR_HOUSEHOLDS", 2024, "estimate") + sum(
        v.value for v in bac_kan.filter(indicator__code="POOR_HOUSEHOLDS"))
    households = _value("19-cu", "HOUSEHOLDS", 2024, "estimate") + _value(
        "06-cu", "HOUSEHOLDS", 2024, "estimate")
    assert items["POVERTY_RATE"].value.quantize(Decimal("0.01")) == (
        poor * 100 / households).quantize(Decimal("0.01"))
    assert Decimal(3) < items["POVERTY_RATE"].value < Decimal(4)  # between the two provinces
