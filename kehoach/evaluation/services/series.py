"""The yearly series a plan's targets are judged on: reported values, else consolidated ones.

Two reads for a whole plan: the reported yearly values of the targets' units and indicators, and
one set-based consolidation of those units for the same years and kinds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from kehoach.evaluation.consolidation import compute
from kehoach.evaluation.rules import Observation, ValueKind
from kehoach.values.models import Value

KINDS = [k.value for k in ValueKind]  # actual → preliminary → estimate
REPORTED, CONSOLIDATED = "reported", "consolidated"


@dataclass
class UnitSeries:
    """year → Observation, and for each year where the number came from."""

    observations: dict[int, Observation] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)
    inputs: dict[int, int] = field(default_factory=dict)


def _pick(reported: dict, consolidated: dict) -> tuple[str, str, Decimal, int] | None:
    """For each kind in order, the unit's own value, else the consolidated one."""
    for kind in KINDS:
        if kind in reported:
            return kind, REPORTED, reported[kind], 0
        if kind in consolidated:
            value, inputs = consolidated[kind]
            return kind, CONSOLIDATED, value, inputs
    return None


def load_series(
    *, pairs: Iterable[tuple[int, int]], first_year: int, last_year: int
) -> dict[tuple[int, int], UnitSeries]:
    """(indicator id, unit id) → UnitSeries for the years ``first_year..last_year``."""
    pairs = set(pairs)
    if not pairs:
        return {}
    units = {u for _i, u in pairs}
    indicators = {i for i, _u in pairs}
    periods = [str(y) for y in range(first_year, last_year + 1)]
    reported: dict[tuple, dict] = defaultdict(dict)
    for ind, unit, period, kind, value in Value.objects.filter(
        unit_id__in=units, indicator_id__in=indicators, period__in=periods, kind__in=KINDS
    ).values_list("indicator_id", "unit_id", "period", "kind", "value"):
        reported[(ind, unit, int(period))][kind] = value
    consolidated: dict[tuple, dict] = defaultdict(dict)
    for row in compute(periods=periods, kinds=KINDS, roots=units, indicators=indicators):
        # a sum of some of the parts is not the unit's figure (a merged province whose other
        # predecessor has no figure, a province where a third of the communes reported)
        if (row.indicator_id, row.unit_id) in pairs and row.complete:
            consolidated[(row.indicator_id, row.unit_id, int(row.period))][row.kind] = (
                row.value, row.inputs,
            )
    result: dict[tuple[int, int], UnitSeries] = {pair: UnitSeries() for pair in pairs}
    for key in reported.keys() | consolidated.keys():
        ind, unit, year = key
        if (ind, unit) not in pairs:
            continue
        picked = _pick(reported.get(key, {}), consolidated.get(key, {}))
        if picked is None:
            continue
        kind, source, value, inputs = picked
        series = result[(ind, unit)]
        series.observations[year] = Observation(value, ValueKind(kind))
        series.sources[year] = source
        series.inputs[year] = inputs
    return result
