"""A small province catalogue, the built-in forms and an open annual round with unit A and
unit B assigned Phụ lục I."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kehoach.core.tests.factories import IndicatorFactory, ValueFactory
from kehoach.reporting import services
from kehoach.reporting.models import FormTemplate

INDICATORS = [
    # code, name, unit, kind
    ("GRDP_GROWTH", "Tốc độ tăng trưởng GRDP", "%", "growth"),
    ("GRDP_CUR", "GRDP theo giá hiện hành", "tỷ đồng", "flow"),
    ("GRDP_CONST", "GRDP theo giá so sánh 2010", "tỷ đồng", "flow"),
    ("SHARE_AGRI", "Tỷ trọng nông, lâm nghiệp và thủy sản", "%", "share"),
    ("SHARE_INDUSTRY_CONSTR", "Tỷ trọng công nghiệp - xây dựng", "%", "share"),
    ("SHARE_SERVICES", "Tỷ trọng dịch vụ", "%", "share"),
    ("SHARE_TAX", "Thuế sản phẩm trừ trợ cấp sản phẩm", "%", "share"),
    ("BUDGET_REVENUE", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "flow"),
    ("POPULATION", "Dân số trung bình", "nghìn người", "level"),
    ("POVERTY_RATE", "Tỷ lệ hộ nghèo", "%", "rate"),
    ("FOREST_COVER", "Tỷ lệ che phủ rừng", "%", "rate"),
]


@pytest.fixture
def indicators(db):
    return {code: IndicatorFactory(code=code, name_vi=name, unit=unit, kind=kind)
            for code, name, unit, kind in INDICATORS}


@pytest.fixture
def templates(indicators):
    services.template_install_builtin()
    return {t.code: t for t in FormTemplate.objects.all()}


@pytest.fixture
def pl1(templates):
    return templates["PL1-NAM"]


@pytest.fixture
def round_(planner, pl1, unit_a, unit_b, province):
    round = services.round_create(
        actor=planner, code="kh-2026", title="Xây dựng kế hoạch năm 2026", kind="annual_plan",
        legal_number="1234/UBND-TH", legal_date=dt.date(2025, 6, 10),
        legal_issuer="UBND tỉnh", base_year=2025, period_start=2026, period_end=2026,
        milestones=[{"name": "Các đơn vị gửi báo cáo", "date": dt.date(2025, 7, 15),
                     "actor": "units"}],
    )
    services.round_assign(round=round, units=[unit_a, unit_b], templates=[pl1], actor=planner)
    services.round_open(round=round, actor=planner)
    return round


@pytest.fixture
def sub_a(round_, unit_a):
    return round_.submissions.get(unit=unit_a)


@pytest.fixture
def sub_b(round_, unit_b):
    return round_.submissions.get(unit=unit_b)


def row(submission, code):
    return submission.template.rows.get(indicator__code=code)


def full_changes(submission, **over):
    """Changes filling every required cell with consistent numbers."""
    values = {
        "GRDP_GROWTH": ("7,5", "8"), "GRDP_CUR": ("2.000", "2.200"),
        "SHARE_AGRI": ("30", "29"), "SHARE_INDUSTRY_CONSTR": ("30", "31"),
        "SHARE_SERVICES": ("35", "35"), "SHARE_TAX": ("5", "5"),
        "BUDGET_REVENUE": ("1.000", "1.100"), "POPULATION": ("320", "322"),
        "POVERTY_RATE": ("12,5", "10"),
    }
    values.update(over)
    changes = []
    for code, (uth, kh) in values.items():
        r = row(submission, code)
        changes.append({"row": r.pk, "column": "UTH_Y", "value": uth})
        changes.append({"row": r.pk, "column": "KH_NEXT", "value": kh})
    return changes


@pytest.fixture
def last_year_values(indicators, province):
    """Values of record the form reads: actual 2024 and plan 2025 of the province."""
    rows = {"GRDP_CUR": ("1.900", "1.950"), "BUDGET_REVENUE": ("950", "1.000"),
            "POVERTY_RATE": ("14", "12")}
    for code, (actual, plan) in rows.items():
        for kind, period, value in (("actual", "2024", actual), ("plan", "2025", plan)):
            ValueFactory(indicator=indicators[code], unit=province, period=period,
                         year=int(period), end_year=int(period), kind=kind,
                         value=Decimal(value.replace(".", "").replace(",", ".")))
