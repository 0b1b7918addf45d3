"""The `kh` filters show numbers and dates the Vietnamese way, in the province's time zone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st


def render(text: str, **context: object) -> str:
    with translation.override("vi"):
        return Template(text).render(Context(context))


def test_vdatetime_shows_local_time_not_utc() -> None:
    moment = dt.datetime(2026, 11, 22, 2, 55, tzinfo=dt.UTC)  # 09:55 in Hà Nội
    assert render("{{ t|vdatetime }}", t=moment) == "09:55 22/11/2026"


def test_vdate_of_an_aware_datetime_is_the_local_day() -> None:
    moment = dt.datetime(2024, 1, 28, 18, 30, tzinfo=dt.UTC)  # 01:30 on 29/01 in Hà Nội
    assert render("{{ t|vdate }}", t=moment) == "29/01/2024"


def test_vdate_of_a_date_and_empty_values() -> None:
    assert render("{{ d|vdate }}|{{ n|vdate }}|{{ n|vdatetime }}", d=dt.date(2024, 1, 29), n=None) == (
        "29/01/2024||"
    )


def test_num_and_pct_in_vietnamese() -> None:
    assert render("{{ a|num }} {{ b|num }} {{ c|pct }}", a=Decimal("7.500000"), b=2000, c=Decimal("54")) == (
        "7,5 2.000 54,0%"
    )


def test_share_as_a_percentage():
    from django.utils import translation

    from kehoach.core.templatetags.kh import share

    with translation.override("vi"):
        assert share("0.333333") == "33,3333%"
        assert share(1) == "100%"
        assert share(None) == ""


def _django_way(value: Decimal, decimals: int | None) -> str:
    """What ``format_number`` gave through Django's ``number_format`` (its former body)."""
    from django.utils import formats

    number = value.quantize(Decimal(1).scaleb(-decimals)) if decimals is not None else value.normalize()
    exponent = number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@pytest.mark.parametrize("language", ["vi", "en"])
@given(value=st.decimals(min_value=Decimal("-1e18"), max_value=Decimal("1e18"), places=6,
                         allow_nan=False, allow_infinity=False),
       decimals=st.one_of(st.none(), st.integers(min_value=0, max_value=4)))
@settings(max_examples=300, deadline=None)
def test_fast_number_format_is_djangos(language, value, decimals):
    from kehoach.core.templatetags.kh import format_number

    with translation.override(language):
        assert format_number(value, decimals) == _django_way(value, decimals)


def test_fast_number_format_examples():
    from kehoach.core.templatetags.kh import format_number

    with translation.override("vi"):
        assert format_number(Decimal("1791857.5")) == "1.791.857,5"
        assert format_number(Decimal("-0.000001")) == "-0,000001"
        assert format_number(Decimal("2000"), 0) == "2.000"
        assert format_number(Decimal("NaN")) == "NaN"
    with translation.override("en"):
        assert format_number(Decimal("1791857.5")) == "1,791,857.5"
