"""``kehoach load_units``: the official lists, old and new, with successor links; idempotent."""

from __future__ import annotations

import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from django.core.management import call_command

from kehoach.units.models import Succession, Unit
from kehoach.units.selectors import units_valid_on

pytestmark = pytest.mark.django_db
NEW, OLD = dt.date(2025, 7, 1), dt.date(2025, 6, 30)


def load() -> str:
    out = io.StringIO()
    call_command("load_units", stdout=out)
    return out.getvalue()


def test_load_units_official_lists_and_links():
    started = time.monotonic()
    out = load()
    elapsed = time.monotonic() - started
    assert elapsed < 30, elapsed
    assert "units: created 4114" in out
    assert units_valid_on(day=NEW).filter(type="province").count() == 34
    assert units_valid_on(day=NEW).filter(type="commune").count() == 3321
    assert units_valid_on(day=OLD).filter(type="province").count() == 63
    assert units_valid_on(day=OLD).filter(type="district").count() == 696
    assert not units_valid_on(day=OLD).filter(type="commune").exists()

    tn = Unit.objects.get(code="19")
    assert (tn.gso_code, tn.name, tn.valid_from, tn.valid_to) == ("19", "Tỉnh Thái Nguyên", NEW, None)
    for code in ("06-cu", "19-cu"):
        old = Unit.objects.get(code=code)
        assert old.valid_to == OLD and old.gso_code == code[:2] and old.type == "province"
        link = Succession.objects.get(predecessor=old)
        assert (link.successor, link.share, link.effective) == (tn, Decimal(1), NEW)
    assert Unit.objects.get(code="06-cu").name == "Tỉnh Bắc Kạn"
    assert Unit.objects.get(code="01843").parent == tn

    district = Unit.objects.get(code="058-cu")
    assert district.parent.code == "06-cu" and district.valid_to == OLD and district.gso_code == "058"
    shares = dict(Succession.objects.filter(predecessor=district).values_list("successor__code", "share"))
    assert sum(shares.values()) == 1
    assert set(shares) <= set(Unit.objects.filter(parent=tn).values_list("code", flat=True))
    # old districts go to communes, never straight into a new province
    assert not Succession.objects.filter(predecessor__type="district", successor__type="province").exists()


def test_every_old_unit_has_shares_summing_to_one():
    load()
    for old in Unit.objects.filter(code__endswith="-cu").prefetch_related("successor_links")[:800]:
        total = sum(link.share for link in old.successor_links.all())
        assert total == 1, old.code


def test_rerun_changes_nothing():
    load()
    units, links = Unit.objects.count(), Succession.objects.count()
    out = load()
    assert "units: created 0, updated 0, unchanged 4114" in out
    assert "links: created 0, updated 0" in out and "nothing changed" in out
    assert (Unit.objects.count(), Succession.objects.count()) == (units, links)


def test_rerun_restores_an_edited_official_unit():
    load()
    Unit.objects.filter(code="19").update(name="Sai tên")
    out = load()
    assert "units: created 0, updated 1" in out
    assert Unit.objects.get(code="19").name == "Tỉnh Thái Nguyên"
