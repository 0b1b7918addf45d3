"""The server side of the grid's shared cases (grid_cases.json): the number a cell stores and the
computed columns. The grid's JavaScript is checked on the same file by ``node --test``
(js/grid.test.js, run by ``make test``), so the browser's preview cannot drift from the server."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kehoach.core.expressions import parse
from kehoach.reporting.services.cells import parse_value

CASES = json.loads((Path(__file__).parent / "grid_cases.json").read_text(encoding="utf-8"))
MESSAGES = {"notNumber": "không phải là số", "tooBig": "Số quá lớn"}


@pytest.mark.parametrize("case", CASES["numbers"], ids=lambda c: repr(c["text"]))
def test_number(case):
    if case.get("error"):
        with pytest.raises(ValueError, match=MESSAGES[case["error"]]):
            parse_value(case["text"])
    elif case.get("empty"):
        assert parse_value(case["text"]) is None
    else:
        assert parse_value(case["text"]) == Decimal(case["value"])


@pytest.mark.parametrize("case", CASES["formulas"], ids=lambda c: f"{c['formula']} {c['env']}")
def test_formula(case):
    env = {k: None if v is None else Decimal(v) for k, v in case["env"].items()}
    result = parse(case["formula"]).evaluate(env)
    if case["result"] is None:
        assert result is None
    else:
        assert result == Decimal(case["result"]) or abs(result - Decimal(case["result"])) < Decimal("1e-20")


def test_the_cases_cover_both_outcomes():
    numbers, formulas = CASES["numbers"], CASES["formulas"]
    assert {"notNumber", "tooBig"} <= {c.get("error") for c in numbers}
    assert any(c.get("empty") for c in numbers) and any("value" in c for c in numbers)
    assert any(c["result"] is None for c in formulas) and any(c["result"] for c in formulas)


@pytest.mark.parametrize("case", CASES["formula_choice"], ids=lambda c: f"{c['rate']} {c['formula']}")
def test_formula_choice(case):
    """A row of a percentage takes the column's rate formula (a difference, not % / %)."""
    from kehoach.indicators.models import Indicator
    from kehoach.reporting.models import TemplateColumn, TemplateRow

    indicator = Indicator(code="X", kind="rate" if case["rate"] else "level")
    row = TemplateRow(indicator=indicator)
    column = TemplateColumn(formula=case["formula"], rate_formula=case["rate_formula"])
    assert column.formula_for(row) == case["chosen"]
