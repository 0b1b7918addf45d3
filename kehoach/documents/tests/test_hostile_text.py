"""The plan report with a control character or a formula in stored names (issue 14, points 4
and 6): .docx and .xlsx are still produced, the text stays text."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from kehoach.indicators.models import Indicator
from kehoach.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_report_with_control_characters_and_formulas(planner_client, report_plan):
    Plan.objects.filter(code="KH-BC").update(name="Kế hoạch\x0b 5 năm\x01")
    Indicator.objects.filter(code="R_BUDGET").update(name_vi="=1+1 Thu ngân sách\x0b")
    docx = planner_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024, "format": "docx"})
    assert docx.status_code == 200
    text = "\n".join(c.text for t in Document(io.BytesIO(docx.content)).tables
                     for r in t.rows for c in r.cells)
    assert "=1+1 Thu ngân sách" in text
    xlsx = planner_client.get("/van-ban/bao-cao/", {"plan": "KH-BC", "year": 2024, "format": "xlsx"})
    assert xlsx.status_code == 200
    cells = [c for ws in load_workbook(io.BytesIO(xlsx.content)).worksheets
             for line in ws.iter_rows() for c in line]
    assert not [c for c in cells if c.data_type == "f"]
    assert [c for c in cells if c.value == "=1+1 Thu ngân sách" and c.quotePrefix]
