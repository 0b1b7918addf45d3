"""The official lists of administrative units, before and after the 2025 reorganisation.

- From ``vietnam-provinces``: the 34 provinces and 3,321 communes valid from 1/7/2025; code and
  GSO code are the GSO codes (province ``"19"``, commune ``"01840"``), parent the province.
- From ``vietnamadminunits``: the 63 provinces and their districts valid until 30/6/2025, coded
  GSO code + ``"-cu"`` (``"06-cu"``, district ``"058-cu"``) with the plain GSO code as ``gso_code``.
- Successor links, effective 1/7/2025, from the package's old-ward → new-ward mapping:
  an old province → each new province that took its communes, share = its old communes that went
  there / all its old communes (every share is 1 in the 2025 data: no province was split);
  an old district → each new commune that took its territory, share = (old communes of the
  district that went into that new commune) / (old communes of the district). An old commune
  split between k new communes counts 1/k towards each. This counts communes, not population or
  area: an approximation. The five island districts without communes count as one unit.
  Old districts are not linked to new provinces (that would count the old province twice).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from kehoach.core.services import audit_record
from kehoach.core.text import ascii_fold
from kehoach.units.models import Succession, Unit, UnitType

NEW_FROM = dt.date(2025, 7, 1)
OLD_TO = dt.date(2025, 6, 30)
OLD_SUFFIX = "-cu"
SIX = Decimal("0.000001")


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    gso_code: str
    name: str
    type: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


def _package_dir() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data"


def _tidy(name: str) -> str:
    return " ".join(name.replace("Thành Phố", "Thành phố").replace("Thị Xã", "Thị xã").split())


def new_units() -> list[OfficialUnit]:
    from vietnam_provinces import Province, VietNamDivisionType, Ward

    units = []
    for p in Province.iter_all():
        name = p.name if p.division_type != VietNamDivisionType.TINH else f"Tỉnh {p.name}"
        units.append(OfficialUnit(f"{int(p.code):02d}", f"{int(p.code):02d}", name,
                                  UnitType.PROVINCE, None, NEW_FROM, None))
    for w in Ward.iter_all():
        code = f"{int(w.code):05d}"
        units.append(OfficialUnit(code, code, " ".join(w.name.split()), UnitType.COMMUNE,
                                  f"{int(w.province_code):02d}", NEW_FROM, None))
    return units


def _legacy_rows(db: sqlite3.Connection) -> list[tuple[str, ...]]:
    return db.execute(
        "SELECT provinceKey, districtKey, COALESCE(wardKey, ''), provinceCode, province, "
        "districtCode, district FROM admin_units_legacy"
    ).fetchall()


def old_units(db: sqlite3.Connection) -> list[OfficialUnit]:
    provinces: dict[str, str] = {}
    districts: dict[str, tuple[str, str]] = {}
    for _pk, _dk, _wk, pcode, pname, dcode, dname in _legacy_rows(db):
        provinces[pcode] = pname
        districts[dcode] = (dname, pcode)
    units = [OfficialUnit(c + OLD_SUFFIX, c, _tidy(n), UnitType.PROVINCE, None, None, OLD_TO)
             for c, n in sorted(provinces.items())]
    units += [OfficialUnit(c + OLD_SUFFIX, c, _tidy(n), UnitType.DISTRICT, p + OLD_SUFFIX, None, OLD_TO)
              for c, (n, p) in sorted(districts.items())]
    return units


def _new_ward_codes(db: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(new province key, new ward key) of ``vietnamadminunits`` → the ``vietnam-provinces`` code.

    The two packages agree on names but some codes differ (114 in 2025): match the code and the
    name, else the name within the province."""
    from vietnam_provinces import Ward

    by_code = {f"{int(w.code):05d}": w for w in Ward.iter_all()}
    by_name = {(f"{int(w.province_code):02d}", ascii_fold(w.name)): c for c, w in by_code.items()}
    found = {}
    rows = db.execute("SELECT provinceKey, wardKey, provinceCode, wardCode, ward FROM admin_units")
    for pkey, wkey, pcode, wcode, wname in rows:
        same = wcode in by_code and ascii_fold(by_code[wcode].name) == ascii_fold(wname)
        code = wcode if same else by_name.get((pcode, ascii_fold(wname)))
        if code is None:
            raise ValueError(f"no vietnam-provinces commune for {pcode} {wname} ({wcode})")
        found[(pkey, wkey)] = code
    return found


def _old_to_new(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Old ``province_district_ward`` key → the new commune codes that took it."""
    data = json.loads((_package_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    codes = _new_ward_codes(db)
    found: dict[str, list[str]] = defaultdict(list)
    for pkey, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            for old in olds:
                found[old].append(codes[(pkey, wkey)])
    for pkey, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            found[old].extend(codes[(pkey, part["newWardKey"])] for part in parts)
    return found


def _exact_shares(weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Round to 6 decimals keeping the sum at exactly 1 (the remainder goes to the largest)."""
    total = sum(weights.values())
    shares = {k: (v / total).quantize(SIX, rounding=ROUND_HALF_UP) for k, v in weights.items()}
    largest = max(shares, key=lambda k: (shares[k], k))
    shares[largest] += Decimal(1) - sum(shares.values())
    return shares


def official_links(db: sqlite3.Connection) -> dict[tuple[str, str], Decimal]:
    """(old code, new code) → share (see the module's docstring)."""
    from vietnam_provinces import Ward

    province_of = {f"{int(w.code):05d}": f"{int(w.province_code):02d}" for w in Ward.iter_all()}
    mapping = _old_to_new(db)
    by_district: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    by_province: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for pkey, dkey, wkey, pcode, _pname, dcode, _dname in _legacy_rows(db):
        targets = mapping[f"{pkey}_{dkey}_{wkey}"]
        for code in targets:
            by_district[dcode][code] += Decimal(1) / len(targets)
            by_province[pcode][province_of[code]] += Decimal(1) / len(targets)
    links: dict[tuple[str, str], Decimal] = {}
    for old, weights in [*by_province.items(), *by_district.items()]:
        for new, share in _exact_shares(dict(weights)).items():
            if share > 0:
                links[(old + OLD_SUFFIX, new)] = share
    return links


@transaction.atomic
def units_load_official(*, actor: Any = None) -> dict[str, int]:
    """Create or refresh the official units and links; idempotent. Returns the counts."""
    with sqlite3.connect(_package_dir() / "dataset.db") as db:
        wanted = new_units() + old_units(db)
        links = official_links(db)
    counts = _upsert_units(wanted)
    counts.update(_upsert_links(links))
    audit_record(actor=actor, action="units_load_official", object_type="units.unit",
                 summary=", ".join(f"{k} {v}" for k, v in counts.items()), data=counts)
    return counts


_FIELDS = ("gso_code", "name", "name_ascii", "type", "parent_id", "valid_from", "valid_to")


def _upsert_units(wanted: list[OfficialUnit]) -> dict[str, int]:
    codes = {w.code for w in wanted}
    existing = {u.code: u for u in Unit.objects.all() if u.code in codes}
    created = updated = 0
    for level in (False, True):  # parents first, then their children
        ids = dict(Unit.objects.values_list("code", "id"))
        new, changed = [], []
        for w in (w for w in wanted if (w.parent is not None) == level):
            values = {"gso_code": w.gso_code, "name": w.name, "name_ascii": ascii_fold(w.name),
                      "type": w.type, "parent_id": ids.get(w.parent) if w.parent else None,
                      "valid_from": w.valid_from, "valid_to": w.valid_to}
            unit = existing.get(w.code)
            if unit is None:
                new.append(Unit(code=w.code, **values))
            elif any(getattr(unit, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(unit, f, v)
                changed.append(unit)
        Unit.objects.bulk_create(new, batch_size=500)
        Unit.objects.bulk_update(changed, _FIELDS, batch_size=500)
        created, updated = created + len(new), updated + len(changed)
    return {"units_created": created, "units_updated": updated,
            "units_unchanged": len(wanted) - created - updated}


def _upsert_links(links: dict[tuple[str, str], Decimal]) -> dict[str, int]:
    ids = dict(Unit.objects.values_list("code", "id"))
    existing = {(s.predecessor_id, s.successor_id): s for s in Succession.objects.all()}
    new, changed = [], []
    for (old, succ), share in links.items():
        link = existing.get((ids[old], ids[succ]))
        if link is None:
            new.append(Succession(predecessor_id=ids[old], successor_id=ids[succ], share=share,
                                  effective=NEW_FROM))
        elif link.share != share or link.effective != NEW_FROM:
            link.share, link.effective = share, NEW_FROM
            changed.append(link)
    Succession.objects.bulk_create(new, batch_size=500)
    Succession.objects.bulk_update(changed, ["share", "effective"], batch_size=500)
    return {"links_created": len(new), "links_updated": len(changed),
            "links_unchanged": len(links) - len(new) - len(changed)}
