"""Forms follow responsibility: a unit types the rows it answers for (the responsible unit of the
indicator's target in the round's plan); the others are read-only context or not shown, as the
round says; the web grid, the Excel file, the Excel and API imports all honour it, and a row
given to two units is refused, named by its unambiguous reference (``I.5``, not "Dòng 5")."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kehoach.core.tests.factories import PlanFactory, TargetFactory
from kehoach.reporting import services
from kehoach.reporting.errors import CellProblems
from kehoach.reporting.excel import FormRejected, export_form, import_form
from kehoach.reporting.excel.layout import FIRST_ROW, SHEET, layout_for
from kehoach.reporting.models import Cell, Round
from kehoach.reporting.responsibility import row_references
from kehoach.reporting.selectors import submission_grid
from kehoach.reporting.tests.conftest import full_changes, row
from kehoach.reporting.validation import submission_validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def given(indicators, province, unit_a, unit_b):
    """The 2026 plan gives GRDP growth to unit A and budget revenue and poverty to unit B."""
    plan = PlanFactory(code="KH-2026", unit=province, kind="annual", start_year=2026,
                       end_year=2026)
    for code, unit in (("GRDP_GROWTH", unit_a), ("BUDGET_REVENUE", unit_b),
                       ("POVERTY_RATE", unit_b)):
        TargetFactory(plan=plan, indicator=indicators[code], unit=province, period="2026",
                      start_year=2026, end_year=2026, responsible_unit=unit)
    return plan


def ref(submission, code):
    rows = list(submission.template.rows.order_by("position"))
    return row_references(rows)[row(submission, code).pk]


def test_row_references_name_the_group():
    class R:
        def __init__(self, pk, number, indent, indicator_id, label="x"):
            self.pk, self.number, self.indent = pk, number, indent
            self.indicator_id, self.label = indicator_id, label

    rows = [R(1, "I", 0, None), R(2, "1", 1, 7), R(3, "2", 1, None), R(4, "2.1", 2, 8),
            R(5, "II", 0, None), R(6, "1", 1, 9), R(7, "", 1, 10, "Ghi chú")]
    assert row_references(rows) == {1: "I", 2: "I.1", 3: "I.2", 4: "I.2.1", 5: "II",
                                    6: "II.1", 7: "Ghi chú"}


def test_default_is_context_and_rows_of_others_are_read_only(given, sub_a):
    assert Round.objects.get(pk=sub_a.round_id).row_scope == "context"
    grid = submission_grid(submission=sub_a)
    codes = {r.indicator.code: r for r in grid.rows if r.indicator is not None}
    assert "BUDGET_REVENUE" in codes  # context: shown
    assert grid.get(codes["BUDGET_REVENUE"], "UTH_Y").editable is False
    assert grid.get(codes["GRDP_GROWTH"], "UTH_Y").editable is True
    assert grid.get(codes["GRDP_CUR"], "UTH_Y").editable is True  # nobody was given it


def test_a_write_to_a_row_of_another_unit_is_refused_naming_it(given, sub_a, reporter_a):
    budget, growth = row(sub_a, "BUDGET_REVENUE"), row(sub_a, "GRDP_GROWTH")
    with pytest.raises(CellProblems) as info:
        services.cell_save(submission=sub_a, actor=reporter_a, changes=[
            {"row": growth.pk, "column": "UTH_Y", "value": "7,5"},
            {"row": budget.pk, "column": "UTH_Y", "value": "1.000"}])
    message = " ".join(info.value.messages)
    reference = ref(sub_a, "BUDGET_REVENUE")
    assert reference.startswith("I.") and f"Dòng {reference} " in message
    assert "Thu ngân sách" in message and "Sở B" in message
    assert info.value.problems[0]["code"] == "not_responsible"
    assert not Cell.objects.filter(submission=sub_a).exists()  # nothing half-stored


def test_unit_b_types_its_own_rows(given, sub_b, reporter_b):
    services.cell_save(submission=sub_b, actor=reporter_b, changes=[
        {"row": row(sub_b, "BUDGET_REVENUE").pk, "column": "UTH_Y", "value": "1.000"}])
    assert Cell.objects.get(submission=sub_b).value == Decimal(1000)


def test_all_scope_keeps_every_row_open(given, round_, sub_a, reporter_a, planner):
    services.round_update(round=round_, actor=planner, data={"row_scope": "all"})
    services.cell_save(submission=sub_a, actor=reporter_a, changes=[
        {"row": row(sub_a, "BUDGET_REVENUE").pk, "column": "UTH_Y", "value": "1.000"}])
    assert Cell.objects.filter(submission=sub_a).count() == 1


def test_own_scope_hides_the_rows_of_others_and_empty_headings(given, indicators, province,
                                                               unit_b, round_, sub_a, planner):
    TargetFactory(plan=given, indicator=indicators["FOREST_COVER"], unit=province, period="2026",
                  start_year=2026, end_year=2026, responsible_unit=unit_b)
    services.round_update(round=round_, actor=planner, data={"row_scope": "own"})
    sub_a.refresh_from_db()
    grid = submission_grid(submission=sub_a)
    shown = [r.indicator.code if r.indicator else r.label for r in grid.rows]
    assert "GRDP_GROWTH" in shown and "GRDP_CUR" in shown  # its own, and nobody's
    assert "BUDGET_REVENUE" not in shown and "POVERTY_RATE" not in shown
    assert "FOREST_COVER" not in shown and "Chỉ tiêu môi trường" not in shown  # empty group
    assert "Chỉ tiêu xã hội" in shown  # population is nobody's: shown, with its group


def test_required_rows_of_others_do_not_block_submission(given, sub_a, reporter_a):
    changes = [c for c in full_changes(sub_a) if c["row"] not in (
        row(sub_a, "BUDGET_REVENUE").pk, row(sub_a, "POVERTY_RATE").pk)]
    services.cell_save(submission=sub_a, actor=reporter_a, changes=changes)
    errors = submission_validate(submission=sub_a)["errors"]
    assert not [e for e in errors if e.code == "required"]
    services.submission_submit(submission=sub_a, actor=reporter_a)


def test_the_page_shows_context_rows_read_only_within_the_query_budget(
        given, reporter_a_client, sub_a):
    with CaptureQueriesContext(connection) as queries:
        response = reporter_a_client.get(reverse("reporting:submission", args=[sub_a.pk]))
    html = response.content.decode()
    budget = row(sub_a, "BUDGET_REVENUE")
    assert f'data-row="{budget.pk}" data-n="{ref(sub_a, "BUDGET_REVENUE")}" class="context"' in html
    assert "Sở B chịu trách nhiệm" in html and 'id="row-scope-note"' in html
    assert len(queries.captured_queries) <= 14  # the budget of test_views_grid: not grown


def test_the_excel_form_protects_the_rows_of_others_and_its_import_refuses_them(
        given, sub_a, reporter_a):
    data = export_form(submission=sub_a)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    grid = submission_grid(submission=sub_a)
    letter = layout_for(sub_a).letters["UTH_Y"]
    position = {r.pk: FIRST_ROW + i for i, r in enumerate(grid.rows)}
    budget, growth = row(sub_a, "BUDGET_REVENUE"), row(sub_a, "GRDP_GROWTH")
    assert ws[f"{letter}{position[budget.pk]}"].protection.locked is True
    assert ws[f"{letter}{position[growth.pk]}"].protection.locked is False
    assert ws.protection.sheet is True
    ws[f"{letter}{position[growth.pk]}"] = 7.5
    ws[f"{letter}{position[budget.pk]}"] = 1000  # protection removed by hand
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(FormRejected) as info:
        import_form(data=out.getvalue(), actor=reporter_a, submission=sub_a)
    error = info.value.errors[0]
    assert error.row == position[budget.pk] and ref(sub_a, "BUDGET_REVENUE") in error.reason
    assert not Cell.objects.filter(submission=sub_a).exists()


def test_api_refuses_a_row_of_another_unit_and_says_which_rows_are_answered(
        given, sub_a, reporter_a_client):
    url = f"/api/v1/submissions/{sub_a.pk}/cells/"
    body = [{"row": row(sub_a, "BUDGET_REVENUE").pk, "column": "UTH_Y", "value": "1000",
             "version": 0}]
    response = reporter_a_client.patch(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert ref(sub_a, "BUDGET_REVENUE") in response.json()["error"]["message"]
    assert not Cell.objects.filter(submission=sub_a).exists()
    detail = reporter_a_client.get(f"/api/v1/submissions/{sub_a.pk}/").json()
    rows = {r["indicator"]: r for r in detail["rows"]}
    assert detail["row_scope"] == "context"
    assert rows["BUDGET_REVENUE"]["answered"] is False
    assert rows["BUDGET_REVENUE"]["responsible"] == ["SO-B"]
    assert rows["GRDP_GROWTH"]["answered"] is True and rows["GRDP_GROWTH"]["ref"] == "I.1"


@pytest.fixture
def given_twice(given, indicators, province, unit_a):
    """A second annual plan of 2026 gives poverty to unit A as well: the row has two owners."""
    other = PlanFactory(code="KH-2026-B", unit=province, kind="annual", start_year=2026,
                        end_year=2026)
    TargetFactory(plan=other, indicator=indicators["POVERTY_RATE"], unit=province,
                  period="2026", start_year=2026, end_year=2026, responsible_unit=unit_a)
    return other


def test_a_row_given_to_two_units_is_refused_naming_it(round_, given_twice, sub_a, sub_b,
                                                       reporter_b, planner):
    services.round_update(round=round_, actor=planner, data={"row_scope": "all"})
    with pytest.raises(ValidationError) as info:
        services.round_update(round=round_, actor=planner, data={"row_scope": "context"})
    message = " ".join(info.value.messages)
    assert f"Dòng {ref(sub_a, 'POVERTY_RATE')} " in message and "Tỷ lệ hộ nghèo" in message
    assert "Sở A" in message and "Sở B" in message
    assert Round.objects.get(pk=round_.pk).row_scope == "all"  # nothing stored
    Round.objects.filter(pk=round_.pk).update(row_scope="context")  # set before the targets
    with pytest.raises(CellProblems) as info:
        services.cell_save(submission=sub_b, actor=reporter_b, changes=[
            {"row": row(sub_b, "POVERTY_RATE").pk, "column": "UTH_Y", "value": "10"}])
    assert "nhiều đơn vị" in " ".join(info.value.messages)
    assert not Cell.objects.filter(submission=sub_b).exists()


def test_opening_a_round_with_a_row_given_twice_is_refused(given_twice, planner, pl1, unit_a,
                                                          unit_b):
    import datetime as dt

    round = services.round_create(actor=planner, code="kh-2026-b", title="KH 2026",
                                  kind="annual_plan", base_year=2025, period_start=2026,
                                  period_end=2026, milestones=[{"name": "Gửi", "actor": "units",
                                                                "date": dt.date(2025, 7, 15)}])
    services.round_assign(round=round, units=[unit_a, unit_b], templates=[pl1], actor=planner)
    with pytest.raises(ValidationError) as info:
        services.round_open(round=round, actor=planner)
    assert "Tỷ lệ hộ nghèo" in " ".join(info.value.messages)
    assert Round.objects.get(pk=round.pk).status == "draft"


def test_round_page_and_api_change_the_scope(round_, planner_client, reporter_a_client):
    url = reverse("reporting:round-row-scope", args=[round_.code])
    response = planner_client.post(url, {"row_scope": "own"})
    assert response.status_code == 302 and Round.objects.get(pk=round_.pk).row_scope == "own"
    page = planner_client.get(reverse("reporting:round", args=[round_.code])).content.decode()
    assert '<option value="own" selected>' in page
    planner_client.post(url, {"row_scope": "everything"})
    assert Round.objects.get(pk=round_.pk).row_scope == "own"
    assert reporter_a_client.post(url, {"row_scope": "all"}).status_code == 403
    api = f"/api/v1/rounds/{round_.code}/"
    response = planner_client.patch(api, json.dumps({"row_scope": "all"}),
                                    content_type="application/json")
    assert response.status_code == 200 and response.json()["row_scope"] == "all"
    response = planner_client.patch(api, json.dumps({"row_scope": "some"}),
                                    content_type="application/json")
    assert response.status_code == 400 and Round.objects.get(pk=round_.pk).row_scope == "all"


def test_completeness_counts_only_the_rows_a_unit_answers_for(given, round_, sub_a, reporter_a,
                                                              planner):
    from kehoach.reporting.selectors import round_completeness

    own = [c for c in full_changes(sub_a) if c["row"] not in (
        row(sub_a, "BUDGET_REVENUE").pk, row(sub_a, "POVERTY_RATE").pk)]
    services.cell_save(submission=sub_a, actor=reporter_a, changes=own)
    rows = {r["unit"]: r for r in round_completeness(round=round_)["rows"]}
    assert rows["SO-A"]["filled_percent"] == Decimal(100)
    assert rows["SO-B"]["filled_percent"] == Decimal(0)
    services.round_update(round=round_, actor=planner, data={"row_scope": "all"})
    round_.refresh_from_db()
    rows = {r["unit"]: r for r in round_completeness(round=round_)["rows"]}
    assert rows["SO-A"]["filled_percent"] < Decimal(100)  # every row asked of everyone


def test_own_scope_excel_round_trip(given, round_, sub_b, reporter_b, planner):
    services.round_update(round=round_, actor=planner, data={"row_scope": "own"})
    sub_b.refresh_from_db()
    data = export_form(submission=sub_b)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    grid = submission_grid(submission=sub_b)
    labels = [ws.cell(row=FIRST_ROW + i, column=2).value for i in range(len(grid.rows))]
    assert "Tốc độ tăng trưởng GRDP" not in labels  # unit A's row is not in B's file
    budget = next(i for i, r in enumerate(grid.rows) if r.indicator
                  and r.indicator.code == "BUDGET_REVENUE")
    ws[f"{layout_for(sub_b).letters['UTH_Y']}{FIRST_ROW + budget}"] = 1234
    out = io.BytesIO()
    wb.save(out)
    result = import_form(data=out.getvalue(), actor=reporter_b, submission=sub_b)
    assert result["changed"] == 1
    assert Cell.objects.get(submission=sub_b).value == Decimal(1234)
