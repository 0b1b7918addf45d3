"""Biểu số 01 … 04: every comparison computed from the numbers of its own row, points (not a
ratio) for rates, the .xlsx read back (numbers, formats, row heights, print set-up) and the
.docx (landscape sections, repeated header, rows that cannot split)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from kehoach.documents.decree30 import Decree30Document
from kehoach.documents.reports.appendices import (
    appendices_add_to_docx,
    appendices_xlsx,
    appendix_tables,
)
from kehoach.documents.reports.appendix_model import Number, cell_text
from kehoach.evaluation.services import plan_evaluate
from kehoach.projects import services as project_services
from kehoach.tasks import services as task_services
from kehoach.testing.pdf import Rendered, needs_libreoffice

from .conftest import put

DAY = dt.date(2025, 2, 5)


def _table(tables, key):
    return next(t for t in tables if t.key == key)


def _row(table, name):
    return next(r for r in table.rows if r.cells[1] == name)


@pytest.fixture
def programme(report_plan, province, unit_a, unit_b, planner):
    plan = report_plan["plan"]
    done = task_services.task_create(
        actor=planner,
        plan=plan,
        number="1",
        text="Lập đề án chuyển đổi số",
        lead_unit=unit_a,
        deadline_text="Trước 30/6/2024",
        product="Đề án",
        group="key",
    )
    task_services.progress_report_create(
        task=done,
        actor=planner,
        unit=unit_a,
        text="Đã trình đề án",
        percent=Decimal(100),
        date=dt.date(2024, 6, 20),
    )
    task_services.task_create(
        actor=planner,
        plan=plan,
        number="2",
        text="Rà soát quy hoạch ngành",
        lead_unit=unit_b,
        deadline_text="Trước 30/9/2024",
        product="Báo cáo",
        group="key",
    )
    road = project_services.project_create(
        actor=planner,
        plan=plan,
        name="Đường tỉnh 258",
        sector="Giao thông",
        funding_source="nsnn_dp",
        phase="2021-2025",
        total_investment=Decimal("650.5"),
        location=province,
    )
    school = project_services.project_create(
        actor=planner,
        plan=plan,
        name="Trường THPT chuyên",
        sector="Giáo dục",
        funding_source="nsnn_tw",
        phase="2021-2025",
        total_investment=Decimal(300),
        investor_unit=unit_a,
    )
    for project, planned, paid in ((road, "180", "174.6"), (school, "60", "42.666")):
        project_services.capital_plan_set(
            project=project, actor=planner, year=2024, amount=Decimal(planned)
        )
        project_services.disbursement_set(
            project=project, actor=planner, year=2024, month=11, amount=Decimal(paid)
        )
    return report_plan


def _tables(plan, **kwargs):
    return appendix_tables(plan=plan, year=2024, issuer_date=DAY, **kwargs)


def test_bieu01_columns_come_from_the_row(report_plan):
    table = _table(_tables(report_plan["plan"]), "01")
    budget = [cell_text(c) for c in _row(table, "Thu ngân sách nhà nước").cells]
    # TH 2023 | KH 2024 | ƯTH 2024 | KH 2025 | ƯTH/KH | ƯTH/TH | KH 2025/ƯTH
    assert budget[3:10] == ["4.800", "5.000", "5.200", "", "104", "108,3", ""]
    growth = _row(table, "Tốc độ tăng trưởng GRDP")
    # a growth rate is compared in points: 7,4 − 7,5 and 7,4 − 5,1, never 7,4/7,5 or 5,86/7,5
    assert [cell_text(c) for c in growth.cells[3:10]] == [
        "5,1",
        "7,5",
        "7,4",
        "",
        "-0,1\u00a0điểm",
        "+2,3\u00a0điểm",
        "",
    ]
    assert "78" not in " ".join(cell_text(c) for c in growth.cells)
    average = table.rows[table.rows.index(growth) + 1]
    assert average.kind == "sub" and average.cells[0] == "1.1"
    assert all(c is None for c in average.cells[3:10])  # the period average is not a year column
    assert "bình quân giai đoạn 2021-2024" in average.cells[10]


def test_every_ratio_is_recomputable_from_its_row(report_plan):
    for table in _tables(report_plan["plan"]):
        if table.key != "01":
            continue
        for row in table.rows:
            th, kh, uth, kh_next = row.cells[3:7]
            for value, top, bottom in (
                (row.cells[7], uth, kh),
                (row.cells[8], uth, th),
                (row.cells[9], kh_next, uth),
            ):
                if top is None or bottom is None:
                    assert value is None
                elif value.points:
                    assert value.value == top.value - bottom.value
                else:
                    assert value.value == (top.value * 100 / bottom.value).quantize(Decimal("0.1"))


def test_a_reduction_target_has_no_plan_figure(report_plan):
    poverty = _row(_table(_tables(report_plan["plan"]), "01"), "Tỷ lệ hộ nghèo")
    assert poverty.cells[4] is None and poverty.cells[7] is None
    assert cell_text(poverty.cells[8]) == "-0,3\u00a0điểm"


def test_next_years_plan_comes_from_the_annual_plan_being_built(report_plan, province):
    from kehoach.core.tests.factories import PlanFactory

    from .conftest import target

    budget = report_plan["indicators"]["budget"]
    annual = PlanFactory(
        code="KH-2025", kind="annual", start_year=2025, end_year=2025, unit=province, status="draft"
    )
    target(annual, budget, province, "2025", "at_least", 5720)
    row = _row(_table(_tables(report_plan["plan"]), "01"), "Thu ngân sách nhà nước")
    assert [cell_text(c) for c in (row.cells[6], row.cells[9])] == ["5.720", "110"]


def test_estimate_and_actual_are_said(report_plan):
    budget = report_plan["indicators"]["budget"]
    put(budget, report_plan["plan"].unit, 2023, 4700, kind="estimate")
    row = _row(_table(_tables(report_plan["plan"]), "01"), "Thu ngân sách nhà nước")
    assert "năm 2024 đã có số thực hiện" in row.cells[10]


def test_bieu02_groups_targets_by_unit(report_plan):
    table = _table(_tables(report_plan["plan"]), "02")
    groups = [r.cells[1] for r in table.rows if r.kind == "group"]
    assert "SỞ A" in groups
    own = _row(table, "Chỉ tiêu riêng của Sở A")
    assert [cell_text(c) for c in own.cells[3:8]] == [
        "Sở A",
        "tối thiểu 5.000 tỷ đồng",
        "5.000",
        "4.242,5",
        "84,9",
    ]


def test_bieu03_and_04(programme):
    tables = _tables(programme["plan"])
    tasks = _table(tables, "03")
    texts = {r.cells[1]: r for r in tasks.rows if r.kind == "item"}
    assert cell_text(texts["Lập đề án chuyển đổi số"].cells[5]) == "Hoàn thành"
    assert texts["Lập đề án chuyển đổi số"].cells[7] == "Đã trình đề án (20/06/2024)"
    assert texts["Rà soát quy hoạch ngành"].cells[5] == "Chưa thực hiện (quá hạn)"
    projects = _table(tables, "04")
    total = projects.rows[0]
    assert total.kind == "total"
    # totals are sums of the figures shown (42,666 is shown 42,67)
    assert [cell_text(c) for c in total.cells[4:8]] == ["950,5", "240", "217,27", "90,5"]
    school = _row(projects, "Trường THPT chuyên")
    assert [cell_text(c) for c in school.cells[5:8]] == ["60", "42,67", "71,1"]


def test_a_units_report_lists_its_own_tasks_and_projects(programme, unit_a, reporter_a):
    plan = programme["plan"]
    evaluation = plan_evaluate(plan=plan, year=2024, unit=unit_a, user=reporter_a)
    tables = _tables(plan, unit=unit_a, evaluation=evaluation, user=reporter_a)
    tasks = [r.cells[1] for r in _table(tables, "03").rows if r.kind == "item"]
    assert tasks == ["Lập đề án chuyển đổi số"]
    projects = [r.cells[1] for r in _table(tables, "04").rows if r.kind == "item"]
    assert projects == ["Trường THPT chuyên"]


def test_xlsx_numbers_formats_heights_and_print_setup(programme):
    workbook = load_workbook(io.BytesIO(appendices_xlsx(_tables(programme["plan"]))))
    assert workbook.sheetnames == ["Biểu 01", "Biểu 02", "Biểu 03", "Biểu 04"]
    sheet = workbook["Biểu 01"]
    rows = {sheet.cell(r, 2).value: r for r in range(1, sheet.max_row + 1)}
    budget = rows["Thu ngân sách nhà nước"]
    assert [sheet.cell(budget, c).value for c in range(4, 10)] == [
        4800,
        5000,
        5200,
        None,
        104,
        108.3,
    ]
    assert sheet.cell(budget, 4).number_format == "[$-42A]#,##0.0"
    assert sheet.cell(budget, 8).number_format == "[$-42A]#,##0.0"
    growth = rows["Tốc độ tăng trưởng GRDP"]
    assert sheet.cell(growth, 8).value == pytest.approx(-0.1)
    assert sheet.cell(growth, 8).number_format.startswith('[$-42A]+#,##0.00" điểm";')
    assert sheet.cell(1, 11).value is None and sheet.cell(1, 1).value == "Biểu số 01"
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$4:$6"  # the three header rows, on every page
    assert sheet.print_area == f"'Biểu 01'!$A$1:$K${sheet.max_row}"
    assert sum(sheet.column_dimensions[c].width for c in "ABCDEFGHIJK") <= 140
    average = budget  # a one-line row stays short; a wrapped note makes its row taller
    long_row = next(
        r for r in range(8, sheet.max_row) if len(str(sheet.cell(r, 11).value or "")) > 40
    )
    assert sheet.row_dimensions[long_row].height > sheet.row_dimensions[average].height
    tasks = load_workbook(io.BytesIO(appendices_xlsx(_tables(programme["plan"]))))["Biểu 03"]
    assert all(tasks.row_dimensions[r].height for r in range(1, tasks.max_row + 1))


def test_docx_sections_are_landscape_with_repeated_header(programme):
    doc = Decree30Document()
    doc.paragraph("Nội dung báo cáo")
    tables = _tables(programme["plan"])
    appendices_add_to_docx(doc, tables)
    document = Document(io.BytesIO(doc.to_bytes()))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT] + [
        WD_ORIENT.LANDSCAPE
    ] * 4
    texts = [p.text for p in document.paragraphs]
    assert "Biểu số 01" in texts and "Biểu số 04" in texts
    assert "CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024" in texts
    first = document.tables[0]
    assert first.rows[0].cells[7].text == "So sánh"
    assert [c.text for c in first.rows[1].cells[7:10]] == [
        "ƯTH 2024/KH 2024 (%)",
        "ƯTH 2024/TH 2023 (%)",
        "KH 2025/ƯTH 2024 (%)",
    ]
    for row in first.rows[:3]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in first.rows)
    budget = next(r for r in first.rows if r.cells[1].text == "Thu ngân sách nhà nước")
    assert [c.text for c in budget.cells[3:10]] == [
        "4.800",
        "5.000",
        "5.200",
        "",
        "104",
        "108,3",
        "",
    ]


def test_empty_tables_are_left_out(report_plan):
    keys = [t.key for t in _tables(report_plan["plan"])]
    assert keys == ["01", "02"]


def test_number_text():
    assert Number(Decimal("-0.30"), 2, points=True).text() == "-0,3\u00a0điểm"
    assert Number(Decimal("1234.50"), 2).text() == "1.234,5"
    assert Number(Decimal("0"), 1, points=True).text() == "0\u00a0điểm"


@needs_libreoffice
def test_libreoffice_prints_the_xlsx_landscape_one_page_wide(programme, tmp_path):
    """Every sheet prints on A4 landscape pages (fitted to the width: no page of cut-off
    columns); the first and the last page are rendered for review."""
    source = tmp_path / "phu-luc.xlsx"
    source.write_bytes(appendices_xlsx(_tables(programme["plan"])))
    pdf = Rendered(source)
    assert pdf.pages >= 4  # one page at least per Biểu
    width, height = pdf.page_size()
    assert round(width) == 842 and round(height) == 595  # A4 landscape
    first, last = pdf.text(1, layout=True), pdf.text(pdf.pages, layout=True)
    # fitted to the width: the first and the last column on the same page
    assert "STT" in first and "Ghi chú" in first and "Tình trạng" in last
    assert "4.800" in first and "108,3" in first and "-0,10 điểm" in first  # Vietnamese numbers
    pdf.save_pngs("appendices-xlsx", {"first": 1, "last": pdf.pages})


def test_bieu02_names_the_successor_of_a_merged_department(report_plan, province, unit_a):
    from kehoach.core.tests.factories import UnitFactory
    from kehoach.units.models import Succession

    old = UnitFactory(
        code="SO-CU",
        name="Sở Kế hoạch cũ",
        type="department",
        parent=province,
        valid_to=dt.date(2025, 6, 30),
    )
    Succession.objects.create(predecessor=old, successor=unit_a, share=1)
    budget = report_plan["targets"]["budget"]
    budget.responsible_unit = old
    budget.save()
    before = _table(_tables(report_plan["plan"]), "02")  # dated 05/02/2025: the old department
    assert "SỞ KẾ HOẠCH CŨ" in [r.cells[1] for r in before.rows if r.kind == "group"]
    after = _table(
        appendix_tables(plan=report_plan["plan"], year=2024, issuer_date=dt.date(2025, 12, 1)), "02"
    )
    groups = [r.cells[1] for r in after.rows if r.kind == "group"]
    assert "SỞ KẾ HOẠCH CŨ" not in groups and "SỞ A" in groups
    rows_a = after.rows[groups and [r.cells[1] for r in after.rows].index("SỞ A") + 1 :]
    assert "Thu ngân sách nhà nước" in [r.cells[1] for r in rows_a]
