"""The reporting demo: an open round with submissions in every state, idempotent."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from kehoach.core.models import Role
from kehoach.core.tests.factories import UnitFactory, UserFactory, ValueFactory
from kehoach.reporting import demo
from kehoach.reporting.models import Round, SubmissionEvent, SubmissionText
from kehoach.reporting.selectors import round_compiled_sections, round_completeness
from kehoach.values.models import Value

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(indicators):
    province = UnitFactory(code="19", name="Tỉnh Thái Nguyên", type="province")
    for code, _user, _state in demo.STATES:
        UnitFactory(code=code, name=f"Sở {code}", type="department", parent=province)
    UserFactory(username="kehoach", role=Role.PLANNING, unit=UnitFactory(code="TN-STC"))
    UserFactory(username="soyte", role=Role.REPORTER, unit=UnitFactory(code="TN-SYT"))
    UserFactory(username="sonnmt", role=Role.REPORTER, unit=UnitFactory(code="TN-SNNMT"))
    ValueFactory(indicator=indicators["BUDGET_REVENUE"], unit=province, period="2025",
                 year=2025, end_year=2025, kind="estimate", value=Decimal("8200"))
    ValueFactory(indicator=indicators["GRDP_CONST"], unit=province, period="2024", year=2024,
                 end_year=2024, kind="actual", value=Decimal("90000"))
    return province


def test_demo_round_has_every_state_and_is_idempotent(demo_world):
    out = io.StringIO()
    demo.load(stdout=out)
    round = Round.objects.get(code=demo.ROUND_CODE)
    assert round.status == "open" and round.milestones.count() == 5
    states = dict(round.submissions.values_list("unit__code", "status"))
    assert states == {"TN-STC": "accepted", "TN-SNNMT": "submitted", "TN-SYT": "returned",
                      "TN-SGDDT": "draft", "TN-SCT": "not_started",
                      "TN-SVHTTDL": "not_started"}
    rows = {r["unit"]: r for r in round_completeness(round=round)["rows"]}
    assert rows["TN-SCT"]["late"] is True
    assert rows["TN-SVHTTDL"]["late"] is False and rows["TN-SYT"]["late"] is False
    assert rows["TN-STC"]["filled_percent"] == Decimal(100)
    returned = round.submissions.get(unit__code="TN-SYT")
    assert returned.comments.count() == 3
    assert returned.comments.filter(section__key="shortcomings").exists()
    # the written part: four departments wrote; Sở Y tế corrected the section it was returned
    # for; Sở NN&MT was returned for a section, corrected it and sent it again
    assert round.sections.count() == 6
    written = set(SubmissionText.objects.filter(submission__round=round)
                  .values_list("submission__unit__code", flat=True))
    assert written == {"TN-STC", "TN-SNNMT", "TN-SYT", "TN-SGDDT"}
    assert "27 trạm y tế" in SubmissionText.objects.get(
        submission=returned, section__key="shortcomings").text
    resent = round.submissions.get(unit__code="TN-SNNMT")
    assert list(resent.events.values_list("to_status", flat=True)) == [
        "draft", "submitted", "returned", "submitted"]
    compiled = round_compiled_sections(round=round)
    sources = {s["code"] for p in compiled["shortcomings"]["paragraphs"] for s in p["sources"]}
    assert sources == {"TN-STC", "TN-SNNMT", "TN-SYT"}
    assert compiled["solutions"]["report_part"] == "III" and compiled["solutions"]["paragraphs"]
    assert SubmissionEvent.objects.filter(submission=returned, to_status="returned").exists()
    # the accepted form kept the value of record the province already had
    assert Value.objects.get(indicator__code="BUDGET_REVENUE", unit=demo_world, period="2025",
                             kind="estimate").value == Decimal("8200")
    assert Value.objects.filter(source=f"submission:{round.submissions.get(unit__code='TN-STC').pk}",
                                period="2026", kind="plan").exists()
    assert Round.objects.get(code=demo.SIX_MONTH_CODE).status == "draft"
    count = SubmissionEvent.objects.count()
    demo.load(stdout=out)
    assert SubmissionEvent.objects.count() == count and Round.objects.count() == 2
    assert "already loaded" in out.getvalue()


def test_demo_six_month_round_gives_the_mid_year_form(demo_world):
    demo.load(stdout=io.StringIO())
    six_month = Round.objects.get(code=demo.SIX_MONTH_CODE)
    forms = set(six_month.submissions.values_list("template__code", flat=True))
    assert forms == {"PL1-6THANG"}
    assert six_month.submissions.count() == len(demo.STATES)
    assert set(six_month.submissions.values_list("subject_unit__code", flat=True)) == {"19"}


def test_demo_estimates_below_plan_carry_the_departments_explanation(demo_world):
    """The report's 'Nguyên nhân' of a target not met reads the units' cell notes: the demo's
    growth and budget estimates carry an explanation (marked illustrative), not a data note."""
    from kehoach.reporting.models import Cell

    demo.load(stdout=io.StringIO())
    notes = {c.row.indicator.code: c.note for c in Cell.objects.filter(
        column__key="UTH_Y", row__indicator__code__in=["GRDP_GROWTH", "BUDGET_REVENUE", "POPULATION"]
    ).select_related("row__indicator")}
    assert notes["GRDP_GROWTH"].startswith("Ước cả năm") and "minh hoạ" in notes["GRDP_GROWTH"]
    assert notes["BUDGET_REVENUE"].startswith("Ước cả năm")
    assert notes["POPULATION"] == demo.DEMO_NOTE
