"""Small helpers shared by the extraction tests."""

from __future__ import annotations

from decimal import Decimal

from kehoach.intake.extraction import ExtractedTarget, extract_targets

PLAN_TITLE = "KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH THỜI KỲ 2026 - 2035\n"


def items(text: str, title: str = PLAN_TITLE) -> list[ExtractedTarget]:
    """The figures of ``text`` read under a plan title (horizon 2026-2035 by default)."""
    return extract_targets(title + text)


def one(text: str, title: str = PLAN_TITLE) -> ExtractedTarget:
    found = items(text, title)
    assert len(found) == 1, [t.to_json_dict() for t in found]
    return found[0]


def figure(target: ExtractedTarget) -> tuple[str, Decimal, str, str]:
    """(comparator, value, unit, period): the exact part of a comparison."""
    return target.comparator, target.value, target.unit, target.period
