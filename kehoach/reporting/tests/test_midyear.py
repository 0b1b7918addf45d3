"""The mid-year form (PL1-6THANG): TH N-1 | KH N | TH 6 tháng N | ƯTH N | KH N+1 | two ratios;
the first half stored as the period ``N-H1``; ratios of a percentage are differences."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from kehoach.reporting import services
from kehoach.reporting.errors import CellProblems
from kehoach.reporting.excel import FormRejected, export_form, import_form
from kehoach.reporting.excel.layout import FIRST_ROW, SHEET
from kehoach.reporting.models import Cell, FormTemplate
from kehoach.reporting.selectors import submission_grid
from kehoach.reporting.tests.conftest import row
from kehoach.reporting.validation import submission_validate
from kehoach.values.models import Value

pytestmark = pytest.mark.django_db

LABELS = ["TH 2024", "KH 2025", "TH 6 tháng 2025", "ƯTH 2025", "KH 2026",
          "ƯTH 2025/KH 2025 (%)", "ƯTH 2025/TH 2024 (%)"]


@pytest.fixture
def mid(templates):
    return templates["PL1-6THANG"]


@pytest.fixture
def sub_mid(planner, mid, unit_a, unit_b, province):
    round = services.round_create(
        actor=planner, code="6t-2025", title="Báo cáo 6 tháng đầu năm 2025",
        kind="six_month_report", base_year=2025, period_start=2025, period_end=2025,
        milestones=[{"name": "Các đơn vị gửi báo cáo", "date": dt.date(2025, 6, 28),
                     "actor": "units"}])
    services.round_assign(round=round, units=[unit_a, unit_b], templates=[mid], actor=planner,
                          subject_units={unit_a.pk: province, unit_b.pk: province})
    services.round_open(round=round, actor=planner)
    return round.submissions.get(unit=unit_a)


def test_installed_with_its_columns_and_guide(mid):
    assert mid.kind == "phu_luc_i_mid_year"
    columns = list(mid.columns.order_by("position"))
    assert [c.key for c in columns] == ["TH_PREV", "KH_Y", "TH_H1", "UTH_Y", "KH_NEXT",
                                        "UTH_KH", "UTH_TH"]
    h1 = columns[2]
    assert (h1.source, h1.value_kind, h1.period_pattern) == ("entered", "actual", "{Y}-H1")
    assert {c.key: c.rate_formula for c in columns if c.source == "computed"} == {
        "UTH_KH": "UTH_Y - KH_Y", "UTH_TH": "UTH_Y - TH_PREV"}
    assert "2025-H1" in mid.description and "điểm %" in mid.description
    assert mid.rules.count() == 3  # the structure adds up to 100 in each entered column


def test_install_forms_twice_changes_nothing(mid, capsys):
    call_command("install_forms")
    assert FormTemplate.objects.filter(code="PL1-6THANG").count() == 1
    assert mid.columns.count() == 7


def test_grid_labels_ratios_and_differences(sub_mid, reporter_a, last_year_values):
    services.cell_save(submission=sub_mid, actor=reporter_a, changes=[
        {"row": row(sub_mid, "BUDGET_REVENUE").pk, "column": "TH_H1", "value": "480"},
        {"row": row(sub_mid, "BUDGET_REVENUE").pk, "column": "UTH_Y", "value": "1.050"},
        {"row": row(sub_mid, "POVERTY_RATE").pk, "column": "TH_H1", "value": "12,8"},
        {"row": row(sub_mid, "POVERTY_RATE").pk, "column": "UTH_Y", "value": "11,5"},
    ])
    grid = submission_grid(submission=sub_mid)
    assert [gc.label for gc in grid.columns] == LABELS
    assert [gc.period for gc in grid.columns][:5] == ["2024", "2025", "2025-H1", "2025", "2026"]
    budget, poverty = row(sub_mid, "BUDGET_REVENUE"), row(sub_mid, "POVERTY_RATE")
    assert grid.value(budget, "UTH_KH") == Decimal("105")  # 1.050 / 1.000 × 100
    assert grid.value(budget, "UTH_TH").quantize(Decimal("0.01")) == Decimal("110.53")
    # a rate is never divided by a rate: 11,5% against the plan's 12% is 0,5 point below
    assert grid.value(poverty, "UTH_KH") == Decimal("-0.5")
    assert grid.value(poverty, "UTH_TH") == Decimal("-2.5")  # against 14% last year


def test_the_page_shows_the_rate_formula_and_the_guide(client, reporter_a, sub_mid):
    client.force_login(reporter_a)
    body = client.get(f"/bao-cao/bieu/{sub_mid.pk}/").content.decode()
    assert 'data-rate-formula="UTH_Y - KH_Y"' in body
    assert f'data-row="{row(sub_mid, "POVERTY_RATE").pk}"' in body
    assert body.count('data-rate="1"') == sub_mid.template.rows.filter(
        indicator__kind__in=["rate", "growth", "share"]).count()
    assert "TH 6 tháng 2025" in body and 'id="form-guide"' in body


def test_a_computed_column_cannot_be_typed(sub_mid, reporter_a):
    with pytest.raises(CellProblems):
        services.cell_save(submission=sub_mid, actor=reporter_a, changes=[
            {"row": row(sub_mid, "POVERTY_RATE").pk, "column": "UTH_KH", "value": "1"}])
    assert not Cell.objects.exists()


def test_no_jump_warning_for_half_a_year_against_a_year(sub_mid, reporter_a, last_year_values):
    services.cell_save(submission=sub_mid, actor=reporter_a, changes=[
        {"row": row(sub_mid, "BUDGET_REVENUE").pk, "column": "TH_H1", "value": "480"}])
    warnings = submission_validate(submission=sub_mid)["warnings"]
    assert not [w for w in warnings if w.code == "jump" and w.column == "TH_H1"]
    services.cell_save(submission=sub_mid, actor=reporter_a, changes=[
        {"row": row(sub_mid, "BUDGET_REVENUE").pk, "column": "UTH_Y", "value": "2.000"}])
    warnings = submission_validate(submission=sub_mid)["warnings"]
    assert [w for w in warnings if w.code == "jump" and w.column == "UTH_Y"]  # still checked


def test_accepting_stores_the_first_half_as_h1(sub_mid, reporter_a, planner):
    changes = []
    values = {"GRDP_GROWTH": "7", "GRDP_CUR": "1.000", "SHARE_AGRI": "30",
              "SHARE_INDUSTRY_CONSTR": "30", "SHARE_SERVICES": "35", "SHARE_TAX": "5",
              "BUDGET_REVENUE": "480", "POPULATION": "320", "POVERTY_RATE": "12,8"}
    for code, value in values.items():
        for key in ("TH_H1", "UTH_Y", "KH_NEXT"):
            changes.append({"row": row(sub_mid, code).pk, "column": key, "value": value})
    services.cell_save(submission=sub_mid, actor=reporter_a, changes=changes)
    services.submission_submit(submission=sub_mid, actor=reporter_a)
    services.submission_accept(submission=sub_mid, actor=planner)
    half = Value.objects.get(indicator__code="BUDGET_REVENUE", period="2025-H1")
    assert half.kind == "actual" and half.value == Decimal("480")
    assert Value.objects.filter(indicator__code="POVERTY_RATE", period="2025",
                                kind="estimate", value=Decimal("12.8")).exists()


def _excel_row(submission, code: str) -> int:
    rows = list(submission.template.rows.order_by("position"))
    return FIRST_ROW + [r.indicator.code if r.indicator_id else None for r in rows].index(code)


def test_excel_round_trip(sub_mid, reporter_a, last_year_values):
    wb = load_workbook(io.BytesIO(export_form(submission=sub_mid)))
    ws = wb[SHEET]
    assert [ws.cell(row=6, column=c).value for c in range(4, 11)] == LABELS
    budget, poverty = _excel_row(sub_mid, "BUDGET_REVENUE"), _excel_row(sub_mid, "POVERTY_RATE")
    assert ws[f"I{budget}"].value == f'=IF(OR(G{budget}="",E{budget}=""),"",IFERROR(G{budget}/E{budget}*100,""))'
    assert ws[f"I{poverty}"].value == f'=IF(OR(G{poverty}="",E{poverty}=""),"",IFERROR(G{poverty}-E{poverty},""))'
    assert ws[f"J{poverty}"].value == f'=IF(OR(G{poverty}="",D{poverty}=""),"",IFERROR(G{poverty}-D{poverty},""))'
    assert ws[f"F{budget}"].protection.locked is False  # TH 6 tháng is typed
    ws[f"F{budget}"], ws[f"G{budget}"] = "480,5", 1050
    out = io.BytesIO()
    wb.save(out)
    result = import_form(data=out.getvalue(), actor=reporter_a)
    assert result["changed"] == 2
    grid = submission_grid(submission=sub_mid)
    assert grid.value(row(sub_mid, "BUDGET_REVENUE"), "TH_H1") == Decimal("480.5")


def test_excel_bad_first_half_value_is_refused_whole(sub_mid, reporter_a):
    wb = load_workbook(io.BytesIO(export_form(submission=sub_mid)))
    ws = wb[SHEET]
    budget = _excel_row(sub_mid, "BUDGET_REVENUE")
    ws[f"F{budget}"], ws[f"G{budget}"] = "bốn trăm", 1050
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(FormRejected) as exc:
        import_form(data=out.getvalue(), actor=reporter_a)
    assert any("TH 6 tháng 2025" in str(e) or e.column == "F" for e in exc.value.errors), exc.value.errors
    assert not Cell.objects.exists()


def test_the_mid_year_form_proposes_the_directive_sections(sub_mid):
    sections = list(sub_mid.round.sections.order_by("position"))
    assert [s.key for s in sections] == ["results", "shortcomings", "causes", "lessons",
                                         "solutions", "recommendations"]
    assert sections[0].title == "Kết quả thực hiện 6 tháng đầu năm và ước thực hiện cả năm 2025"
    assert "so sánh với kết quả thực hiện năm 2024" in sections[0].guidance
    assert "kế hoạch năm 2026" in sections[4].guidance
    assert all(s.max_words for s in sections)


def test_sections_the_office_chose_are_kept(planner, mid, pl1, unit_a):
    round = services.round_create(
        actor=planner, code="6t-x", title="Báo cáo 6 tháng", kind="six_month_report",
        base_year=2025, period_start=2025, period_end=2025,
        milestones=[{"name": "Gửi", "date": dt.date(2025, 6, 28), "actor": "units"}])
    services.round_assign(round=round, units=[unit_a], templates=[pl1], actor=planner)
    assert not round.sections.exists()  # the annual form proposes no sections
    services.round_sections_set(round=round, sections=[{"key": "results"}], actor=planner)
    services.round_assign(round=round, units=[unit_a], templates=[mid], actor=planner)
    assert list(round.sections.values_list("key", flat=True)) == ["results"]


def test_the_form_in_the_api(mid, reporter_a):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(reporter_a)
    forms = client.get("/api/v1/forms/").json()
    forms = forms.get("results", forms) if isinstance(forms, dict) else forms
    [form] = [f for f in forms if f["code"] == "PL1-6THANG"]
    assert form["kind"] == "phu_luc_i_mid_year" and "2025-H1" in form["description"]
    columns = {c["key"]: c for c in form["columns"]}
    assert columns["TH_H1"]["period_pattern"] == "{Y}-H1"
    assert columns["UTH_KH"]["rate_formula"] == "UTH_Y - KH_Y"
