"""Selectors: tree roots and children on a date, accent-insensitive search, predecessors."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.units import selectors
from kehoach.units.services import succession_set, unit_create

pytestmark = pytest.mark.django_db
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture
def reform(db):
    old = unit_create(code="06-cu", gso_code="06", name="Tỉnh Bắc Kạn", type="province", valid_to=BEFORE)
    old_tn = unit_create(code="19-cu", gso_code="19", name="Tỉnh Thái Nguyên", type="province",
                         valid_to=BEFORE)
    new = unit_create(code="19", gso_code="19", name="Tỉnh Thái Nguyên", type="province", valid_from=AFTER)
    district = unit_create(code="058-cu", name="Thành phố Bắc Kạn", type="district", parent=old,
                           valid_to=BEFORE)
    ward = unit_create(code="01843", name="Phường Bắc Kạn", type="commune", parent=new, valid_from=AFTER)
    succession_set(predecessor=old, successor=new, effective=AFTER)
    succession_set(predecessor=old_tn, successor=new, effective=AFTER)
    succession_set(predecessor=district, successor=ward, share="0.5", effective=AFTER)
    return {"old": old, "new": new, "district": district, "ward": ward, "old_tn": old_tn}


def test_roots_follow_the_date(reform):
    assert [u.code for u in selectors.unit_tree_roots(on=BEFORE)] == ["06-cu", "19-cu"]
    roots = list(selectors.unit_tree_roots(on=AFTER))
    assert [u.code for u in roots] == ["19"]
    assert roots[0].children_count == 1


def test_children_follow_the_date(reform):
    assert [u.code for u in selectors.unit_children(unit=reform["old"], on=BEFORE)] == ["058-cu"]
    assert list(selectors.unit_children(unit=reform["old"], on=AFTER)) == []


def test_search_ignores_accents_and_case(reform):
    found = [u.code for u in selectors.unit_search(q="bac kan", on=None)]
    assert found[:2] == ["06-cu", "058-cu"] and "01843" in found
    assert [u.code for u in selectors.unit_search(q="BẮC KẠN", on=AFTER)] == ["01843"]
    assert [u.code for u in selectors.unit_search(q="058-cu", on=None)] == ["058-cu"]
    assert list(selectors.unit_search(q="  ", on=None)) == []
    assert list(selectors.unit_search(q="khong co", on=None)) == []


def test_predecessors_with_shares(reform):
    links = list(selectors.unit_predecessors(unit=reform["new"]))
    assert {(link.predecessor.code, link.share) for link in links} == {("06-cu", 1), ("19-cu", 1)}
    (link,) = selectors.unit_predecessors(unit=reform["ward"])
    assert link.predecessor.code == "058-cu" and str(link.share) == "0.500000"
    assert [x.successor.code for x in selectors.unit_successors(unit=reform["old"])] == ["19"]
