"""The safe expression language: precedence, types, missing values, errors with positions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.core.expressions import MAX_DEPTH, MAX_LENGTH, ExpressionError, parse

D = Decimal


def ev(text: str, **env):
    return parse(text).evaluate({k: (None if v is None else D(str(v))) for k, v in env.items()})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", D(7)),
        ("(1 + 2) * 3", D(9)),
        ("10 - 4 - 3", D(3)),
        ("24 / 4 / 2", D(3)),
        ("-2 * 3", D(-6)),
        ("- -2", D(2)),
        ("2 * -3", D(-6)),
        ("+5", D(5)),
        ("7.5 + .5", D(8)),
        ("1 / 3 * 3", D("0.9999999999999999999999999999")),
        ("abs(-2.5)", D("2.5")),
        ("min(3, 1, 2)", D(1)),
        ("max(3, 1, 2)", D(3)),
        ("sum(1, 2, 3.5)", D("6.5")),
        ("round(2.345, 2)", D("2.35")),
        ("round(2.5)", D(3)),
        ("round(-2.5)", D(-3)),
    ],
)
def test_arithmetic_and_precedence(text, expected):
    result = ev(text)
    assert isinstance(result, Decimal)
    assert result == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 < 2", True),
        ("2 <= 2", True),
        ("3 > 4", False),
        ("4 >= 4", True),
        ("1 + 1 == 2", True),
        ("1 != 1", False),
        ("1 < 2 and 3 < 2", False),
        ("1 < 2 or 3 < 2", True),
        ("not 1 < 2", False),
        # "and" binds tighter than "or"
        ("1 > 2 and 1 > 2 or 1 < 2", True),
        ("1 < 2 or 1 > 2 and 1 > 2", True),
        ("not (1 < 2 or 1 > 2)", False),
    ],
)
def test_conditions(text, expected):
    assert ev(text) is expected


def test_variables_and_text():
    expr = parse("GRDP_CUR * 1000 / POPULATION")
    assert expr.variables == frozenset({"GRDP_CUR", "POPULATION"})
    assert expr.text == "GRDP_CUR * 1000 / POPULATION"
    assert expr.evaluate({"GRDP_CUR": D(50), "POPULATION": D(4)}) == D(12500)
    assert not expr.is_condition
    assert parse("A > 1").is_condition


def test_codes_with_dots_and_function_names_as_codes():
    assert parse("IND.1 + ind_2").variables == {"IND.1", "ind_2"}
    # a function name not followed by "(" is an indicator code
    assert parse("max + 1").variables == {"max"}


def test_cannot_compute_gives_none():
    assert ev("A + 1") is None
    assert ev("A + 1", A=None) is None
    assert ev("1 / 0") is None
    assert ev("A / (B - B)", A=1, B=2) is None
    assert ev("A > 1", A=None) is None
    assert ev("max(A, 2)") is None
    assert ev("round(1, 0.5)") is None
    assert ev("9" * 60 + " * " + "9" * 60) is not None
    assert parse("A * A").evaluate({"A": D("1E+999990")}) is None  # overflow
    assert parse("A + 1").evaluate({"A": D("NaN")}) is None


def test_three_valued_logic():
    assert ev("A > 1 and 1 > 2") is False
    assert ev("A > 1 or 1 < 2") is True
    assert ev("A > 1 and 1 < 2") is None
    assert ev("A > 1 or 1 > 2") is None
    assert ev("not A > 1") is None


def test_never_evaluates_python():
    with pytest.raises(ExpressionError):
        parse("__import__('os').system('true')")
    assert parse("__import__").variables == {"__import__"}


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("1 +", 3),
        ("(1 + 2", 6),
        ("1 + 2)", 5),
        ("7,5", 1),
        ("2 ^ 3", 2),
        ("A $ B", 2),
        ("1.2.3", 0),
        ("2x", 0),
        ("", 0),
        ("   ", 0),
        ("1 < 2 < 3", 6),
        ("1 + (2 < 3)", 4),
        ("1 and 2", 0),
        ("not 5", 4),
        ("abs(1, 2)", 0),
        ("round()", 6),
        ("and", 0),
        ("Tỷ lệ", 1),
    ],
)
def test_errors_have_positions(text, position):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.position == position
    assert info.value.message


def test_decimal_comma_hint():
    with pytest.raises(ExpressionError) as info:
        parse("A * 7,5")
    assert "dấu chấm" in info.value.message


def test_limits():
    parse("1" + " + 1" * 120)
    with pytest.raises(ExpressionError) as info:
        parse("1" * (MAX_LENGTH + 1))
    assert info.value.position == MAX_LENGTH
    parse("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH)
    with pytest.raises(ExpressionError) as info:
        parse("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    assert "sâu" in info.value.message
    with pytest.raises(ExpressionError):
        parse("-" * 200 + "1")
    with pytest.raises(ExpressionError):
        parse("not " * 60 + "1 < 2")
    with pytest.raises(ExpressionError):
        parse(None)  # type: ignore[arg-type]


_ALPHABET = st.sampled_from(list("0123456789.,+-*/()<>=! abcxyzAB_Ṽ\t\nandornotminmaxround"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), st.text(_ALPHABET, max_size=80)))
def test_random_text_only_raises_expression_error(text):
    try:
        expr = parse(text)
    except ExpressionError as exc:
        assert 0 <= exc.position <= len(text)
        return
    env = {name: D(3) for name in expr.variables}
    assert expr.evaluate(env) is not NotImplemented
    assert expr.evaluate({}) is None or not expr.variables


_VALUES = st.one_of(
    st.none(), st.decimals(allow_nan=True, allow_infinity=True), st.integers().map(Decimal)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUES, min_size=3, max_size=3))
def test_evaluate_never_raises(values):
    expr = parse("round(A / B, 2) + max(A, C) * -C >= abs(B) or not A != C and sum(A, B) < 1")
    result = expr.evaluate(dict(zip(("A", "B", "C"), values, strict=True)))
    assert result in (True, False, None)
