"""Shared fixtures of the values tests: two indicators and a helper to write files."""

from __future__ import annotations

import pytest

from kehoach.core.tests.factories import IndicatorFactory


@pytest.fixture
def growth(db):
    return IndicatorFactory(code="GRDP_GROWTH", name_vi="Tốc độ tăng trưởng GRDP", unit="%",
                            kind="growth", aggregation="none")


@pytest.fixture
def revenue(db):
    return IndicatorFactory(code="BUDGET_REVENUE", name_vi="Thu ngân sách", unit="tỷ đồng")


@pytest.fixture
def csv_file(tmp_path):
    def write(text: str, name: str = "values.csv", raw: bytes | None = None) -> str:
        path = tmp_path / name
        path.write_bytes(raw if raw is not None else text.encode("utf-8"))
        return str(path)
    return write
