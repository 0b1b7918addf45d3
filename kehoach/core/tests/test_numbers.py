from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.exchange import numbers


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("7,5", "vi", "7.5"),
        ("7.5", "vi", "7.5"),
        ("7,5", "en", "7.5"),
        ("2.000", "vi", "2000"),
        ("2.000", "en", "2.000"),
        ("1.791.857", "en", "1791857"),
        ("12.800,5", "vi", "12800.5"),
        ("1,234.5", "vi", "1234.5"),
        ("-3,2", "vi", "-3.2"),
        ("1 791 857", "vi", "1791857"),
        ("98%", "vi", "98"),
        ("0.699", "vi", "0.699"),
        ("0,699", "en", "0.699"),
        ("2000", "en", "2000"),
    ],
)
def test_parse_number(text, locale, expected):
    assert numbers.parse_number(text, locale=locale) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1.2.3,4,5", "7,5,1", "", "1..2", "--1"])
def test_not_a_number(text):
    with pytest.raises(ValueError, match="không phải là số"):
        numbers.parse_number(text, locale="vi")


def test_classify():
    assert numbers.classify("2.000") == numbers.AMBIGUOUS
    assert numbers.classify("1.791.857") == numbers.VI
    assert numbers.classify("7.5") == numbers.EN
    assert numbers.classify("7,5") == numbers.VI
    assert numbers.classify("2000") == numbers.NEUTRAL


def test_auto_locale_decisions():
    decided, problems = numbers.decide_locales(
        {"a": ["2.000", "1.500"], "b": ["7,5", "3,2"]}, locale="auto"
    )
    assert decided == {"a": "vi", "b": "vi"} and problems == []
    decided, problems = numbers.decide_locales(
        {"a": ["2.000", "1.500"], "b": ["7.5", "3.25"]}, locale="auto"
    )
    assert problems == ["a"] and decided == {"b": "en"}
    decided, problems = numbers.decide_locales({"a": ["2.000"]}, locale="auto")
    assert decided == {"a": "vi"}
    _, problems = numbers.decide_locales({"a": ["7.5", "7,5"]}, locale="auto")
    assert problems == ["a"]
    _, problems = numbers.decide_locales({"a": ["7.5", "2.000"]}, locale="auto")
    assert problems == ["a"]
    decided, problems = numbers.decide_locales({"a": ["7.5", "1,500"]}, locale="auto")
    assert decided == {"a": "en"} and problems == []
    decided, _ = numbers.decide_locales({"a": ["2.000"]}, locale="en")
    assert decided == {"a": "en"}


@given(st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False))
def test_vietnamese_format_round_trip(value):
    from django.utils import formats
    from django.utils.translation import override

    with override("vi"):
        text = formats.number_format(value, decimal_pos=3, use_l10n=True, force_grouping=True)
    assert numbers.parse_number(text, locale="vi") == value
