"""The mapping file: ``dhis2_kind, dhis2_id, kehoach_code`` (interfaces.md §2.1).

``data_element`` → an indicator; ``org_unit`` → a unit; ``category_option_combo`` → the indicator
kehoach keeps that disaggregation as. A combo's ``dhis2_id`` may be the combo alone or a DHIS2
operand ``dataElement.categoryOptionCombo`` (needed to export it back); an ADX disaggregation is
written ``CATEGORY=OPTION;CATEGORY=OPTION`` (any order). DHIS2 ids may be uids,
codes or names. Every row is checked before any data is read: a code kehoach does not have
refuses the whole run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit

KINDS = ("data_element", "org_unit", "category_option_combo")
#: DHIS2's default category option combo: a value with it is the data element's own total.
DEFAULT_COMBOS = {"", "HllvX50cXC0", "default", "bRowv6yZOF2"}


class MappingError(Exception):
    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{o}: {m}" for o, m in problems))
        self.problems = problems  # (object, message)


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


@dataclass
class Mapping:
    data_elements: dict[str, Indicator] = field(default_factory=dict)
    org_units: dict[str, Unit] = field(default_factory=dict)
    combos: dict[str, Indicator] = field(default_factory=dict)
    entries: list[tuple[str, str, Any]] = field(default_factory=list)  # (kind, id, target)
    #: an org unit that spans a reorganisation: the units after the first one, each valid in
    #: other years (``org_unit,TN_uid,19-cu`` then ``org_unit,TN_uid,19``)
    more_units: dict[str, list[Unit]] = field(default_factory=dict)

    def _find(self, table: dict[str, Any], ident: str) -> Any:
        found = table.get(ident)
        if found is None and ident:
            found = table.get(_key(ident)) or table.get(_key(ident).casefold())
        return found

    def data_element(self, ident: str) -> Indicator | None:
        return self._find(self.data_elements, ident)

    def org_unit(self, ident: str) -> Unit | None:
        return self._find(self.org_units, ident)

    def org_unit_in(self, ident: str, first: Unit, start: Any, end: Any) -> Unit:
        """The unit mapped to ``ident`` that is valid from ``start`` to ``end`` (else the first
        one, whose validity the caller reports)."""
        for unit in [first, *(self._find(self.more_units, ident) or [])]:
            if _valid(unit, start, end):
                return unit
        return first

    def combo(self, data_element: str, combo: str) -> Indicator | None:
        return self._find(self.combos, f"{data_element}.{combo}") or self._find(self.combos, combo)

    def reverse(self) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
        """For the export: indicator id → (data element id, combo id), unit id → org unit id
        (the first mapping row naming each)."""
        indicators: dict[int, tuple[str, str]] = {}
        units: dict[int, str] = {}
        for kind, ident, target in self.entries:
            if kind == "org_unit":
                units.setdefault(target.pk, ident)
            elif kind == "data_element":
                indicators.setdefault(target.pk, (ident, ""))
            elif "." in ident:
                de, _dot, coc = ident.partition(".")
                indicators.setdefault(target.pk, (de, coc))
        return indicators, units


def _rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MappingError([("mapping", _("tệp ánh xạ không phải UTF-8."))])
    reader = csv.DictReader(io.StringIO(text))
    header = [_key(h).lower() for h in reader.fieldnames or []]
    missing = [c for c in ("dhis2_kind", "dhis2_id", "kehoach_code") if c not in header]
    if missing:
        raise MappingError([("mapping", _("tệp ánh xạ thiếu cột: %(c)s (cần dhis2_kind, dhis2_id, "
                                          "kehoach_code).") % {"c": ", ".join(missing)})])
    return [{_key(k or "").lower(): _key(v or "") for k, v in row.items()} for row in reader]


def _valid(unit: Unit, start: Any, end: Any) -> bool:
    return not ((unit.valid_from and unit.valid_from > end)
                or (unit.valid_to and unit.valid_to < start))


def _overlap(a: Unit, b: Unit) -> bool:
    low, high = dt.date.min, dt.date.max
    return ((a.valid_from or low) <= (b.valid_to or high)
            and (b.valid_from or low) <= (a.valid_to or high))


def _combo_id(ident: str) -> str:
    """An ADX disaggregation ``[DE.]CAT=OPTION;CAT=OPTION`` in the order the reader writes it
    (sorted), whatever order the mapping file gives."""
    if "=" not in ident:
        return ident
    head, dot, rest = ident.partition(".")
    prefix, combo = (head + ".", rest) if dot and "=" not in head else ("", ident)
    return prefix + ";".join(sorted(p.strip() for p in combo.split(";") if p.strip()))


def _another_span(mapping: Mapping, ident: str, unit: Unit) -> bool:
    """Take ``unit`` as one more unit of the org unit ``ident`` if its validity overlaps none of
    the units ``ident`` already names."""
    others = [mapping.org_units[ident], *mapping.more_units.get(ident, [])]
    if unit in others:
        return True
    if any(_overlap(unit, other) for other in others):
        return False
    for key in (ident, ident.casefold()):
        mapping.more_units.setdefault(key, []).append(unit)
    return True


def mapping_read(data: bytes) -> Mapping:
    """The mapping, every row checked; MappingError lists every bad row."""
    rows = _rows(data)
    indicators = {i.code: i for i in Indicator.objects.all()}
    units = {u.code: u for u in Unit.objects.filter(code__in={r["kehoach_code"] for r in rows})}
    mapping, problems = Mapping(), []
    tables: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {"data_element": (mapping.data_elements, indicators, _("chỉ tiêu")),
              "org_unit": (mapping.org_units, units, _("đơn vị")),
              "category_option_combo": (mapping.combos, indicators, _("chỉ tiêu"))}
    for line, row in enumerate(rows, start=2):
        kind, ident, code = row["dhis2_kind"].lower(), row["dhis2_id"], row["kehoach_code"]
        where = _("dòng %(l)s của tệp ánh xạ") % {"l": line}
        if kind not in tables:
            problems.append((where, _("dhis2_kind “%(k)s” không hợp lệ: dùng data_element, "
                                      "org_unit hoặc category_option_combo.") % {"k": kind}))
            continue
        if kind == "category_option_combo":
            ident = _combo_id(ident)
        table, known, noun = tables[kind]
        target = known.get(code)
        if not ident or target is None:
            problems.append((where, _("không có %(n)s mã “%(c)s” trong kehoach.") % {"n": noun,
                                                                                    "c": code}
                             if ident else _("thiếu dhis2_id.")))
            continue
        if ident in table and table[ident] != target:
            if kind == "org_unit" and _another_span(mapping, ident, target):
                mapping.entries.append((kind, ident, target))
                continue
            problems.append((where, _("“%(i)s” đã được ánh xạ tới “%(c)s” ở dòng trước.")
                             % {"i": ident, "c": getattr(table[ident], "code", "")}
                             + (" " + _("Một đơn vị DHIS2 chỉ ứng với nhiều đơn vị kehoach khi "
                                        "thời gian hiệu lực của chúng không chồng nhau.")
                                if kind == "org_unit" else "")))
            continue
        table[ident] = target
        table.setdefault(ident.casefold(), target)
        mapping.entries.append((kind, ident, target))
    if problems:
        raise MappingError(problems)
    if not (mapping.data_elements or mapping.combos) or not mapping.org_units:
        raise MappingError([("mapping", _("tệp ánh xạ phải có ít nhất một data_element và một "
                                          "org_unit."))])
    return mapping
