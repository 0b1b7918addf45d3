"""Derived indicators in a consolidation: the formula on the consolidated inputs of a level.

One read of the level's consolidated inputs, the formulas evaluated per parent (in dependency
order, so a derived input may itself be derived), one bulk insert.
"""

from __future__ import annotations

from collections import defaultdict
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


def derived_rows(cursor, *, level: int, indicators: set[int] | None) -> int:
    """Insert the derived indicators of the parents of ``level``; returns the rows written."""
    derived_qs = Indicator.objects.filter(aggregation="derived")
    if indicators is not None:
        derived_qs = derived_qs.filter(id__in=indicators)
    derived = list(derived_qs.values_list("id", "code", "formula"))
    if not derived:
        return 0
    codes = dict(Indicator.objects.values_list("id", "code"))
    cursor.execute(
        "SELECT period, kind, unit_id, indicator_id, value, inputs FROM kh_cons WHERE lvl = %s",
        [level],
    )
    envs: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
    inputs: dict[tuple, int] = defaultdict(int)
    for period, kind, unit_id, indicator_id, value, count in cursor.fetchall():
        key = (period, kind, unit_id)
        envs[key][codes[indicator_id]] = Decimal(str(value))
        inputs[key] = max(inputs[key], count)
    rows = []
    for pk, code, expression in _ordered(derived):
        for key, env in envs.items():
            result = expression.evaluate(env)
            if isinstance(result, Decimal) and result.is_finite():
                env[code] = result
                rows.append((*key, pk, str(result), inputs[key], level))
    if rows:
        cursor.executemany(
            "INSERT INTO kh_cons (period, kind, unit_id, indicator_id, value, inputs, lvl)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return len(rows)
