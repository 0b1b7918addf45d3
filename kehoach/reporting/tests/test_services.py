"""Rounds, cells and transitions: who may do what, history rows, values of record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kehoach.core.models import AuditEntry
from kehoach.reporting import services
from kehoach.reporting.errors import CellProblems, TransitionRefused, VersionConflict
from kehoach.reporting.models import (
    Cell,
    CellRevision,
    Comment,
    Round,
    Submission,
    SubmissionEvent,
)
from kehoach.reporting.selectors import submission_grid
from kehoach.reporting.tests.conftest import full_changes, row
from kehoach.values.models import Value, ValueRevision

pytestmark = pytest.mark.django_db


def test_builtin_templates_are_numbered_and_idempotent(indicators):
    installed, warnings = services.template_install_builtin()
    # DOCTORS_PER_10K etc. do not exist: skipped with a warning, numbering without gaps
    assert any("DOCTORS_PER_10K" in w for w in warnings)
    pl1 = next(t for t in installed if t.code == "PL1-NAM")
    rows = list(pl1.rows.order_by("position").values_list("number", "label", "indicator__code"))
    assert rows[0] == ("I", "Chỉ tiêu kinh tế", None)
    assert rows[1][0] == "1" and rows[1][2] == "GRDP_GROWTH"
    structure = [r for r in rows if r[2] and r[2].startswith("SHARE_")]
    assert [r[0] for r in structure] == ["4.1", "4.2", "4.3", "4.4"]
    assert "II" in [r[0] for r in rows]
    again, _warnings = services.template_install_builtin()
    assert [t.pk for t in again] == [t.pk for t in installed]
    assert pl1.rows.count() == len(rows)
    assert list(pl1.columns.values_list("key", flat=True)) == [
        "TH_PREV", "KH_Y", "UTH_Y", "KH_NEXT", "UTH_KH", "UTH_TH"]
    assert pl1.rules.count() == 2  # the economic structure adds up to 100, per entered column


def test_round_create_validates_and_audits(planner):
    with pytest.raises(ValidationError) as exc:
        services.round_create(actor=planner, code="x", title="X", kind="annual_plan",
                              base_year=2025, period_start=2027, period_end=2026)
    assert "Năm kết thúc" in str(exc.value)
    assert not Round.objects.exists()
    round = services.round_create(actor=planner, code="x", title="X", kind="annual_plan",
                                  base_year=2025, period_start=2026, period_end=2026)
    assert round.status == "draft" and round.reminder_offsets == [-3, 1, 3]
    assert AuditEntry.objects.filter(action="round_create", object_id=str(round.pk)).exists()


def test_round_open_needs_assignments_and_close(planner):
    round = services.round_create(actor=planner, code="x", title="X", kind="annual_plan",
                                  base_year=2025, period_start=2026, period_end=2026)
    with pytest.raises(ValidationError):
        services.round_open(round=round, actor=planner)
    with pytest.raises(ValidationError):
        services.round_close(round=round, actor=planner)


def test_assign_defaults_deadline_and_subject_unit(round_, sub_a, province, unit_a):
    assert sub_a.deadline == dt.date(2025, 7, 15)
    assert sub_a.subject_unit == province and sub_a.unit == unit_a
    assert sub_a.status == "not_started"


def test_assign_commune_reports_its_own_territory(round_, pl1, commune, planner):
    [s] = services.round_assign(round=round_, units=[commune], templates=[pl1], actor=planner,
                                deadline=dt.date(2025, 8, 1))
    assert s.subject_unit == commune and s.deadline == dt.date(2025, 8, 1)


def test_round_copy_shifts_years(round_, planner):
    copy = services.round_copy(source=round_, code="kh-2027", title="KH 2027", actor=planner)
    assert (copy.base_year, copy.period_start, copy.copied_from) == (2026, 2027, round_)
    assert copy.status == "draft"
    assert list(copy.milestones.values_list("date", flat=True)) == [dt.date(2026, 7, 15)]
    assert copy.submissions.count() == 2
    assert set(copy.submissions.values_list("status", flat=True)) == {"not_started"}
    assert set(copy.submissions.values_list("deadline", flat=True)) == {dt.date(2026, 7, 15)}


def test_cell_save_reads_vietnamese_numbers_and_keeps_revisions(sub_a, reporter_a):
    r = row(sub_a, "GRDP_CUR")
    services.cell_save(submission=sub_a, actor=reporter_a, changes=[
        {"row": r.pk, "column": "UTH_Y", "value": "2.000", "version": 0},
        {"row": "GRDP_GROWTH", "column": "UTH_Y", "value": "7,5", "note": "ước", "version": 0},
    ])
    cell = Cell.objects.get(submission=sub_a, row=r, column__key="UTH_Y")
    assert cell.value == Decimal("2000") and cell.version == 1
    growth = Cell.objects.get(submission=sub_a, row__indicator__code="GRDP_GROWTH")
    assert growth.value == Decimal("7.5") and growth.note == "ước"
    sub_a.refresh_from_db()
    assert sub_a.status == "draft" and sub_a.version == 2
    assert SubmissionEvent.objects.filter(submission=sub_a, to_status="draft").count() == 1
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=[{"row": r.pk, "column": "UTH_Y", "value": 2100, "version": 1}])
    cell.refresh_from_db()
    assert cell.value == Decimal("2100") and cell.version == 2
    revisions = list(CellRevision.objects.filter(cell=cell).order_by("id")
                     .values_list("old_value", "new_value"))
    assert revisions == [(None, Decimal("2000")), (Decimal("2000"), Decimal("2100"))]


def test_cell_save_lists_every_bad_cell_and_stores_nothing(sub_a, reporter_a):
    r = row(sub_a, "GRDP_CUR")
    with pytest.raises(CellProblems) as exc:
        services.cell_save(submission=sub_a, actor=reporter_a, changes=[
            {"row": r.pk, "column": "UTH_Y", "value": "1.000"},
            {"row": r.pk, "column": "KH_NEXT", "value": "nhiều"},
            {"row": r.pk, "column": "UTH_KH", "value": "5"},
            {"row": r.pk, "column": "TH_PREV", "value": "5"},
            {"row": 999999, "column": "UTH_Y", "value": "5"},
        ])
    problems = exc.value.problems
    assert len(problems) == 4
    assert "không phải là số" in problems[0]["message"]
    assert not Cell.objects.exists()
    sub_a.refresh_from_db()
    assert sub_a.status == "not_started"


def test_two_people_save_the_same_cell(sub_a, reporter_a, planner):
    r = row(sub_a, "BUDGET_REVENUE")
    # both open the form: the cell does not exist (version 0)
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=[{"row": r.pk, "column": "UTH_Y", "value": "1000", "version": 0}])
    with pytest.raises(CellProblems) as exc:
        services.cell_save(submission=sub_a, actor=planner,
                           changes=[{"row": r.pk, "column": "UTH_Y", "value": "1200",
                                     "version": 0}])
    [problem] = exc.value.problems
    assert exc.value.is_conflict and problem["code"] == "conflict"
    assert problem["current_value"] == Decimal("1000") and problem["current_version"] == 1
    assert str(reporter_a) in problem["message"] and "1.000" in problem["message"]
    cell = Cell.objects.get(submission=sub_a, row=r)
    assert cell.value == Decimal("1000")  # the first save is not lost
    services.cell_save(submission=sub_a, actor=planner,
                       changes=[{"row": r.pk, "column": "UTH_Y", "value": "1200", "version": 1}])
    cell.refresh_from_db()
    assert cell.value == Decimal("1200") and cell.revisions.count() == 2


def test_who_may_fill(sub_a, reporter_b, leader, reporter_a, planner):
    change = [{"row": row(sub_a, "GRDP_CUR").pk, "column": "UTH_Y", "value": "1"}]
    for user in (reporter_b, leader):
        with pytest.raises(PermissionDenied):
            services.cell_save(submission=sub_a, actor=user, changes=change)
    assert not Cell.objects.exists()
    services.cell_save(submission=sub_a, actor=planner, changes=change)  # on the unit's behalf
    assert Cell.objects.count() == 1


def test_computed_and_database_columns(sub_a, reporter_a, last_year_values):
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    grid = submission_grid(submission=sub_a)
    r = row(sub_a, "GRDP_CUR")
    assert grid.value(r, "TH_PREV") == Decimal("1900")
    assert grid.value(r, "KH_Y") == Decimal("1950")
    assert grid.value(r, "UTH_KH").quantize(Decimal("0.01")) == Decimal("102.56")
    assert grid.value(r, "UTH_TH").quantize(Decimal("0.01")) == Decimal("105.26")
    assert grid.value(row(sub_a, "POPULATION"), "UTH_KH") is None  # no plan on record
    assert [gc.label for gc in grid.columns][:4] == ["TH 2024", "KH 2025", "ƯTH 2025", "KH 2026"]


def _submit_ready(sub, user, **over):
    services.cell_save(submission=sub, actor=user, changes=full_changes(sub, **over))
    return services.submission_submit(submission=sub, actor=user)


def test_submit_refused_with_errors(sub_a, reporter_a):
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=full_changes(sub_a, SHARE_AGRI=("40", "29"), POVERTY_RATE=("120", "10")))
    with pytest.raises(TransitionRefused) as exc:
        services.submission_submit(submission=sub_a, actor=reporter_a)
    codes = {i["code"] for i in exc.value.issues}
    assert codes == {"range", "rule:co-cau-100-uth-y"}
    sub_a.refresh_from_db()
    assert sub_a.status == "draft" and sub_a.submitted_at is None


def test_required_cells_block_submission(sub_a, reporter_a):
    with pytest.raises(TransitionRefused) as exc:
        services.submission_submit(submission=sub_a, actor=reporter_a)
    assert {i["code"] for i in exc.value.issues} == {"required"}
    assert len(exc.value.issues) == 9 * 2


def test_full_cycle_with_history_and_values_of_record(sub_a, reporter_a, planner, province,
                                                       unit_a, reporter_b, leader):
    _submit_ready(sub_a, reporter_a)
    sub_a.refresh_from_db()
    assert sub_a.status == "submitted" and sub_a.submitted_at is not None
    for user in (reporter_a, reporter_b, leader):
        with pytest.raises(PermissionDenied):
            services.submission_accept(submission=sub_a, actor=user)
        with pytest.raises(PermissionDenied):
            services.submission_return(submission=sub_a, actor=user, comment="x")
    with pytest.raises(ValidationError):  # locked while submitted
        services.cell_save(submission=sub_a, actor=reporter_a,
                           changes=[{"row": "GRDP_CUR", "column": "UTH_Y", "value": "1"}])
    r = row(sub_a, "GRDP_CUR")
    services.submission_return(submission=sub_a, actor=planner, comment="Xem lại GRDP",
                               cell_comments=[{"row": r.pk, "column": "UTH_Y",
                                               "text": "Số này cao quá"}])
    assert Comment.objects.filter(submission=sub_a).count() == 2
    with pytest.raises(TransitionRefused):
        services.submission_submit(submission=sub_a, actor=reporter_a)  # use resubmit
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=[{"row": r.pk, "column": "UTH_Y", "value": "1.980", "version": 1}])
    services.submission_resubmit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    sub_a.refresh_from_db()
    assert sub_a.status == "accepted" and sub_a.accepted_at is not None
    value = Value.objects.get(indicator__code="GRDP_CUR", unit=province, period="2025",
                              kind="estimate")
    assert value.value == Decimal("1980") and value.reported_by == unit_a
    assert value.source == f"submission:{sub_a.pk}"
    assert Value.objects.get(indicator__code="GRDP_CUR", period="2026", kind="plan").value == 2200
    assert Value.objects.filter(source=f"submission:{sub_a.pk}").count() == 18
    assert ValueRevision.objects.filter(source=f"submission:{sub_a.pk}").count() == 18
    transitions = list(SubmissionEvent.objects.filter(submission=sub_a).order_by("id")
                       .values_list("from_status", "to_status"))
    assert transitions == [("not_started", "draft"), ("draft", "submitted"),
                           ("submitted", "returned"), ("returned", "submitted"),
                           ("submitted", "accepted")]
    with pytest.raises(ValidationError):
        services.cell_save(submission=sub_a, actor=planner,
                           changes=[{"row": r.pk, "column": "UTH_Y", "value": "1"}])
    with pytest.raises(ValidationError):
        services.submission_reopen(submission=sub_a, actor=planner, comment="")
    services.submission_reopen(submission=sub_a, actor=planner, comment="Cập nhật số ước")
    sub_a.refresh_from_db()
    assert sub_a.status == "returned" and sub_a.accepted_at is None
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=[{"row": r.pk, "column": "UTH_Y", "value": "1990", "version": 2}])
    services.submission_resubmit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    value.refresh_from_db()
    assert value.value == Decimal("1990")
    assert ValueRevision.objects.filter(value=value).count() == 2


def test_stale_submission_version_is_refused(sub_a, reporter_a, planner):
    _submit_ready(sub_a, reporter_a)
    sub_a.refresh_from_db()
    with pytest.raises(VersionConflict):
        services.submission_accept(submission=sub_a, actor=planner,
                                   expected_version=sub_a.version - 1)
    assert Submission.objects.get(pk=sub_a.pk).status == "submitted"


def test_jump_needs_a_note_but_does_not_block(sub_a, reporter_a, last_year_values):
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=full_changes(sub_a, BUDGET_REVENUE=("2.000", "2.100")))
    from kehoach.reporting.validation import submission_validate

    result = submission_validate(submission=sub_a)
    assert [i.code for i in result["warnings"]] == ["jump"]
    assert result["warnings"][0].column == "UTH_Y"
    services.submission_submit(submission=sub_a, actor=reporter_a)
    assert Submission.objects.get(pk=sub_a.pk).status == "submitted"


def test_growth_must_match_levels(sub_a, reporter_a, indicators, province):
    from kehoach.core.tests.factories import ValueFactory
    from kehoach.reporting.validation import submission_validate

    ValueFactory(indicator=indicators["GRDP_CONST"], unit=province, period="2024", year=2024,
                 end_year=2024, value=Decimal("1000"))
    changes = full_changes(sub_a, GRDP_GROWTH=("9", "8"))
    changes.append({"row": row(sub_a, "GRDP_CONST").pk, "column": "UTH_Y", "value": "1075"})
    services.cell_save(submission=sub_a, actor=reporter_a, changes=changes)
    errors = submission_validate(submission=sub_a)["errors"]
    assert [e.code for e in errors] == ["growth"]
    assert "7,5" in errors[0].message
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=[{"row": "GRDP_GROWTH", "column": "UTH_Y", "value": "7,6"}])
    assert submission_validate(submission=sub_a)["errors"] == []


def test_closed_round_refuses_entry(round_, sub_a, reporter_a, planner):
    services.round_close(round=round_, actor=planner)
    with pytest.raises(ValidationError):
        services.cell_save(submission=sub_a, actor=reporter_a,
                           changes=[{"row": "GRDP_CUR", "column": "UTH_Y", "value": "1"}])
    with pytest.raises(ValidationError):
        services.round_update(round=round_, actor=planner, data={"title": "Y"})


def test_planning_office_rules_per_indicator(sub_a, reporter_a, indicators):
    from kehoach.reporting.models import ValidationRule
    from kehoach.reporting.validation import submission_validate

    ValidationRule.objects.create(
        indicator=indicators["POVERTY_RATE"], code="ngheo-giam", expression="KH_NEXT <= UTH_Y",
        severity="warning", column_key="KH_NEXT",
        message="Tỷ lệ hộ nghèo kế hoạch năm sau phải thấp hơn năm nay.")
    ValidationRule.objects.create(
        indicator=indicators["POVERTY_RATE"], code="hong", expression="KH_NEXT <=",
        severity="error", message="Quy tắc viết sai: báo để sửa, không chặn gửi.")
    services.cell_save(submission=sub_a, actor=reporter_a,
                       changes=full_changes(sub_a, POVERTY_RATE=("10", "11")))
    result = submission_validate(submission=sub_a)
    assert result["errors"] == []
    warning, broken = sorted(result["warnings"], key=lambda i: i.code)
    assert broken.code == "rule_broken:hong" and "viết sai" in broken.message
    assert (warning.code, warning.row, warning.column) == (
        "rule:ngheo-giam", row(sub_a, "POVERTY_RATE").pk, "KH_NEXT")


def test_five_year_form_writes_the_period_plan(templates, planner, unit_a, reporter_a, province):
    round = services.round_create(
        actor=planner, code="kh-5nam", title="Kế hoạch 5 năm 2026-2030", kind="five_year_plan",
        base_year=2025, period_start=2026, period_end=2030,
        milestones=[{"name": "Các đơn vị gửi", "date": dt.date(2025, 6, 30), "actor": "units"}])
    [sub] = services.round_assign(round=round, units=[unit_a], templates=[templates["PL1-5NAM"]],
                                  actor=planner)
    services.round_open(round=round, actor=planner)
    grid = submission_grid(submission=sub)
    assert [gc.label for gc in grid.columns] == [
        "TH 2021", "TH 2022", "TH 2023", "TH 2024", "ƯTH 2025", "KH 2026-2030"]
    changes = [{"row": r.pk, "column": key, "value": value}
               for code, values in {"GRDP_GROWTH": ("7", "8"), "GRDP_CUR": ("2.000", "3.000"),
                                    "SHARE_AGRI": ("30", "25"), "SHARE_INDUSTRY_CONSTR": ("30", "35"),
                                    "SHARE_SERVICES": ("35", "35"), "SHARE_TAX": ("5", "5"),
                                    "BUDGET_REVENUE": ("1.000", "6.000"),
                                    "POPULATION": ("320", "330"),
                                    "POVERTY_RATE": ("12", "5")}.items()
               for r in [row(sub, code)] for key, value in zip(("UTH_S1", "KH_PERIOD"), values,
                                                               strict=True)]
    services.cell_save(submission=sub, actor=reporter_a, changes=changes)
    services.submission_submit(submission=sub, actor=reporter_a)
    services.submission_accept(submission=sub, actor=planner)
    plan = Value.objects.get(indicator__code="POVERTY_RATE", unit=province, kind="plan")
    assert (plan.period, plan.year, plan.end_year, plan.value) == ("2026-2030", 2026, 2030, 5)


def test_clearing_an_empty_cell_stores_nothing(sub_a, reporter_a):
    saved = services.cell_save(submission=sub_a, actor=reporter_a,
                               changes=[{"row": "GRDP_CUR", "column": "UTH_Y", "value": "",
                                         "version": 0}])
    assert saved == [] and not Cell.objects.exists()
    sub_a.refresh_from_db()
    assert sub_a.status == "not_started" and sub_a.version == 1
