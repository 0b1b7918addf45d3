import datetime as dt

import pytest

from kehoach.core.periods import parse_period, period_label


@pytest.mark.parametrize(
    ("raw", "code", "start", "end"),
    [
        ("2024", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-H1", "2024-H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("2024-h2", "2024-H2", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
        ("2024-Q3", "2024-Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        ("2024-02", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2021 - 2025", "2021-2025", dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_parse(raw, code, start, end):
    period = parse_period(raw)
    assert (period.code, period.start, period.end) == (code, start, end)


@pytest.mark.parametrize("raw", ["", "24", "2024-13", "2025-2021", "2024-Q5", "năm 2024"])
def test_invalid(raw):
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_period(raw)


def test_labels():
    assert period_label("2024-H1") == "6 tháng đầu năm 2024"
    assert period_label("2024-Q3") == "Quý III/2024"
    assert period_label("2021-2030") == "giai đoạn 2021-2030"
