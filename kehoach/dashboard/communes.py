"""Where the communes stand: the communes below the year's plans ranked by one indicator.

A map coloured by the indicator would need the communes' boundaries after the 2025
reorganisation, which no maintained registry package ships (docs/dashboards.md); the ranking is a
table with a bar for the value and a colour for the quarter the commune falls in. The indicators
offered are those with commune values of record in the year; the default is the first indicator
on the leaders' list that has some and compares units of different sizes fairly (``comparable``),
else the comparable one most communes reported, else the first on the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from kehoach.evaluation.services.series import KINDS
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit, UnitType
from kehoach.values.models import Value

QUARTERS = ("top", "upper", "lower", "bottom")
#: The level ranked: communes; before the 2025 reorganisation a province's figures were often
#: reported by district, so the districts when no commune has a figure that year.
LEVELS = (UnitType.COMMUNE, UnitType.DISTRICT)


class UnknownIndicator(ValueError):
    pass


def _communes(roots: Iterable[Unit]) -> set[int]:
    below: set[int] = set()
    for root in roots:
        below |= Unit.objects.descendant_ids(root.pk)
    return below


def _offered(year: int, below: set[int], level: str) -> list[dict[str, Any]]:
    rows = (
        Value.objects.filter(unit_id__in=below, unit__type=level, year=year, kind__in=KINDS)
        .order_by()
        .values("indicator_id")
        .annotate(n=Count("unit_id", distinct=True))
    )
    counts = {r["indicator_id"]: r["n"] for r in rows}
    indicators = Indicator.objects.filter(pk__in=counts).order_by("position", "code")
    return sorted(
        (
            {"indicator": i, "code": i.code, "name": i.name_vi, "communes": counts[i.pk]}
            for i in indicators
        ),
        key=lambda o: -o["communes"],
    )


def _pick(offered: list[dict[str, Any]], code: str, preferred: list[int], year: int) -> Any:
    by_code = {o["code"]: o["indicator"] for o in offered}
    if code:
        if code not in by_code:
            raise UnknownIndicator(
                _(
                    "Năm %(y)s không có số liệu xã, phường của chỉ tiêu "
                    "%(code)s: chọn một chỉ tiêu trong danh sách."
                )
                % {"y": year, "code": code}
            )
        return by_code[code]
    by_id = {o["indicator"].pk: o["indicator"] for o in offered}
    listed = [by_id[pk] for pk in preferred if pk in by_id]
    fair = [o["indicator"] for o in offered if comparable(o["indicator"])]
    found = [i for i in listed if comparable(i)] + fair + listed
    return found[0] if found else (offered[0]["indicator"] if offered else None)


def comparable(indicator: Indicator) -> bool:
    """Fair between units of different sizes: a rate, a mean or a per-capita figure, with a good
    direction. A total (the biggest unit wins: a city of two communes would rank last by its
    new-rural communes) or a level with no good direction (population) is offered, never the
    default."""
    return indicator.aggregation != "sum" and indicator.direction != "band"


def _quarter(index: int, count: int) -> int:
    """0 (the best quarter) … 3 (the worst); the first is always 0 and the last always 3."""
    return round(index * 3 / (count - 1)) if count > 1 else 0


def _ranked(indicator: Indicator, year: int, below: set[int], level: str) -> list[dict[str, Any]]:
    """One value per unit (actual, else preliminary, else estimate), best first."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    best: dict[int, Value] = {}
    for value in Value.objects.filter(
        indicator=indicator,
        year=year,
        kind__in=KINDS,
        unit_id__in=below,
        unit__type=level,
    ).select_related("unit"):
        kept = best.get(value.unit_id)
        if kept is None or order[value.kind] < order[kept.kind]:
            best[value.unit_id] = value
    lower_better = indicator.direction == "down"
    rows = sorted(best.values(), key=lambda v: (v.value if lower_better else -v.value, v.unit.name))
    top = max((abs(v.value) for v in rows), default=Decimal(0)) or Decimal(1)
    shown: list[dict[str, Any]] = []
    for i, v in enumerate(rows):
        tied = shown and shown[-1]["value"] == v.value  # equal values share rank and colour
        shown.append({
            "rank": shown[-1]["rank"] if tied else i + 1,
            "unit": v.unit,
            "code": v.unit.code,
            "name": v.unit.name,
            "value": v.value,
            "kind": v.kind,
            # a level with no good direction (population) is not coloured good or bad
            "quarter": ("" if indicator.direction == "band" else
                        shown[-1]["quarter"] if tied else QUARTERS[_quarter(i, len(rows))]),
            "bar": int(abs(v.value) * 100 / top),
        })
    return shown


def commune_ranking(
    *, year: int, roots: Iterable[Unit], indicator: str = "", preferred: Iterable[int] = ()
) -> dict[str, Any]:
    """The indicators offered, the one shown and the communes ranked by it."""
    below = _communes(roots)
    level, offered = LEVELS[0], []
    for level in LEVELS if below else ():
        offered = _offered(year, below, level)
        if offered:
            break
    chosen = _pick(offered, indicator, list(preferred), year)
    return {
        "level": str(level),
        "offered": offered,
        "indicator": chosen,
        "rows": _ranked(chosen, year, below, level) if chosen is not None else [],
    }
