import datetime as dt

import pytest

from kehoach.tasks.deadlines import parse_deadline


@pytest.mark.parametrize("text, kind, due, start", [
    ("Quý II/2025", "quarter", dt.date(2025, 6, 30), dt.date(2025, 4, 1)),
    ("quý 4 năm 2026", "quarter", dt.date(2026, 12, 31), dt.date(2026, 10, 1)),
    ("Trước 30/6/2025", "before", dt.date(2025, 6, 30), None),
    ("trước ngày 15 tháng 3 năm 2024", "before", dt.date(2024, 3, 15), None),
    ("29/01/2025", "date", dt.date(2025, 1, 29), None),
    ("2025-01-29", "date", dt.date(2025, 1, 29), None),
    ("Tháng 2/2024", "month", dt.date(2024, 2, 29), dt.date(2024, 2, 1)),
    ("2025", "year", dt.date(2025, 12, 31), dt.date(2025, 1, 1)),
    ("Năm 2026", "year", dt.date(2026, 12, 31), dt.date(2026, 1, 1)),
    ("2026-2030", "range", dt.date(2030, 12, 31), dt.date(2026, 1, 1)),
    ("Giai đoạn 2026 - 2030", "range", dt.date(2030, 12, 31), dt.date(2026, 1, 1)),
    ("Thường xuyên", "ongoing", None, None),
])
def test_deadlines_as_documents_write_them(text, kind, due, start):
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.due, deadline.start) == (kind, due, start)
    assert deadline.text == text


def test_yearly_duty_with_consolidation():
    deadline = parse_deadline("Hằng năm, trước 20/10; tổng hợp trước 31/10")
    assert deadline.kind == "recurring" and deadline.due is None
    assert deadline.due_in(2025) == dt.date(2025, 10, 20)
    assert deadline.consolidate_in(2025) == dt.date(2025, 10, 31)
    plain = parse_deadline("Hàng năm, trước ngày 20/10")
    assert plain.due_in(2024) == dt.date(2024, 10, 20) and plain.consolidate_in(2024) is None


@pytest.mark.parametrize("text, message", [
    ("Quý V/2025", "một năm chỉ có bốn quý"),
    ("Quý 0/2025", "một năm chỉ có bốn quý"),
    ("Trước 31/6/2025", "không có trong lịch"),
    ("Hằng năm, trước 31/2", "không có trong lịch"),
    ("2030-2026", "giai đoạn bị ngược"),
    ("sớm nhất có thể", "Không đọc được thời hạn"),
    ("", "Thiếu thời hạn"),
    ("Tháng 13/2025", "tháng phải từ 1 đến 12"),
])
def test_bad_deadlines_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_deadline(text)
