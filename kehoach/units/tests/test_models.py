"""``Unit.objects.descendants_of``: every depth, one query, never the unit itself."""

from __future__ import annotations

import pytest

from kehoach.testing.factories import UnitFactory
from kehoach.units.models import Unit

pytestmark = pytest.mark.django_db


def test_descendants_at_every_depth_in_one_query(province, unit_a, django_assert_num_queries):
    district = UnitFactory(code="H1", type="district", parent=province)
    commune = UnitFactory(code="X1", type="commune", parent=district)
    hamlet = UnitFactory(code="T1", type="commune", parent=commune)
    with django_assert_num_queries(1):
        below = Unit.objects.descendant_ids(province.pk)
    assert below == {unit_a.pk, district.pk, commune.pk, hamlet.pk}
    assert Unit.objects.descendant_ids(district.pk) == {commune.pk, hamlet.pk}
    assert Unit.objects.descendant_ids(hamlet.pk) == set()
    assert list(Unit.objects.descendants_of(district.pk).filter(type="commune")
                .values_list("code", flat=True)) == ["T1", "X1"]


def test_a_cycle_in_bad_data_ends_and_leaves_the_unit_out(province):
    district = UnitFactory(code="H1", type="district", parent=province)
    commune = UnitFactory(code="X1", type="commune", parent=district)
    Unit.objects.filter(pk=province.pk).update(parent=commune)  # only a raw update can do this
    assert Unit.objects.descendant_ids(province.pk) == {district.pk, commune.pk}
