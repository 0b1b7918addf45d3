"""Derived indicators in a consolidation: the formula on the consolidated inputs of a level.

The catalogue (the derived indicators in scope, in dependency order, and every indicator's code)
is read once per consolidation; then, per level, the formulas are evaluated in Python on the
level's consolidated rows (so a derived input may itself be derived).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kehoach.core.expressions import Expression, ExpressionError, parse
from kehoach.indicators.models import Indicator


@lru_cache(maxsize=512)
def _parsed(formula: str) -> Expression | None:
    try:
        return parse(formula)
    except ExpressionError:
        return None


def formula_codes(formula: str) -> frozenset[str]:
    expression = _parsed(formula or "")
    return frozenset() if expression is None else frozenset(expression.variables)


def _ordered(derived: list[tuple[int, str, str]]) -> list[tuple[int, str, Expression]]:
    """Derived indicators whose formula parses, inputs before the formulas that use them."""
    pending: dict[str, tuple[int, str, Expression]] = {}
    for pk, code, formula in derived:
        expression = _parsed(formula)
        if expression is not None:
            pending[code] = (pk, code, expression)
    ordered: list[tuple[int, str, Expression]] = []
    while pending:
        ready = [c for c, (_pk, _c, e) in pending.items() if not (e.variables & pending.keys() - {c})]
        if not ready:  # a cycle: evaluate the rest in any order (their inputs stay missing)
            ready = list(pending)
        for code in sorted(ready):
            pk, _code, expression = pending.pop(code)
            ordered.append((pk, code, expression))
    return ordered


@dataclass(frozen=True)
class DerivedCatalogue:
    """The derived indicators to compute (dependency order) and every indicator's code."""

    ordered: list[tuple[int, str, Expression]]
    codes: dict[int, str]


def derived_catalogue(indicators: set[int] | None) -> DerivedCatalogue | None:
    """The derived indicators in ``indicators`` (all when None); None when there are none."""
    derived_qs = Indicator.objects.filter(aggregation="derived")
    if indicators is not None:
        derived_qs = derived_qs.filter(id__in=indicators)
    derived = list(derived_qs.values_list("id", "code", "formula"))
    if not derived:
        return None
    return DerivedCatalogue(_ordered(derived), dict(Indicator.objects.values_list("id", "code")))


def derived_compute(catalogue: DerivedCatalogue | None, rows: Iterable[tuple]) -> list[tuple]:
    """Derived rows ``(period, kind, unit_id, indicator_id, value, inputs)`` of a level, from
    the level's consolidated rows (same shape; ``value`` a number or its text)."""
    if catalogue is None:
        return []
    envs: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
    inputs: dict[tuple, int] = defaultdict(int)
    for period, kind, unit_id, indicator_id, value, count in rows:
        key = (period, kind, unit_id)
        envs[key][catalogue.codes[indicator_id]] = Decimal(str(value))
        inputs[key] = max(inputs[key], count)
    result = []
    for pk, code, expression in catalogue.ordered:
        for key, env in envs.items():
            value = expression.evaluate(env)
            if isinstance(value, Decimal) and value.is_finite():
                env[code] = value
                result.append((*key, pk, value, inputs[key]))
    return result


def derived_rows(cursor, *, level: int, catalogue: DerivedCatalogue | None) -> int:
    """Insert into ``kh_cons`` the derived indicators of the parents of ``level`` (temporary-table
    path); returns the rows written."""
    if catalogue is None:
        return 0
    cursor.execute(
        "SELECT period, kind, unit_id, indicator_id, value, inputs FROM kh_cons WHERE lvl = %s",
        [level],
    )
    rows = [(*row[:4], str(row[4]), row[5], level)
            for row in derived_compute(catalogue, cursor.fetchall())]
    if rows:
        cursor.executemany(
            "INSERT INTO kh_cons (period, kind, unit_id, indicator_id, value, inputs, lvl)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return len(rows)
