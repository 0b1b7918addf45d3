"""Next year's annual plan from a round's KH N column: the units' proposals become draft targets
given to the unit that answers for each; a row two units answer differently is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.tests.factories import PlanFactory, TargetFactory
from kehoach.plans.models import Target
from kehoach.reporting import services
from kehoach.reporting.services.drafting import plan_targets_from_round
from kehoach.reporting.tests.conftest import full_changes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_row_open(round_):
    """This round lets every unit type every row (``row_scope`` "all"), so that figures for
    indicators given to others reach acceptance and drafting, whose own rules are tested here."""
    round_.row_scope = "all"
    round_.save(update_fields=["row_scope"])


@pytest.fixture
def plan(indicators, province, unit_a, unit_b):
    """The five-year plan gives GRDP growth to unit A; the draft 2026 plan already has budget
    revenue, given to unit B."""
    five = PlanFactory(code="KH-2026-2030", unit=province, kind="five_year", start_year=2026,
                       end_year=2030)
    TargetFactory(plan=five, indicator=indicators["GRDP_GROWTH"], unit=province,
                  period="2026-2030", start_year=2026, end_year=2030, value=Decimal(8),
                  target_type="average_growth", responsible_unit=unit_a)
    plan = PlanFactory(code="KH-2026", unit=province, kind="annual", start_year=2026,
                       end_year=2026, status="draft", parent=five)
    TargetFactory(plan=plan, indicator=indicators["BUDGET_REVENUE"], unit=province,
                  period="2026", start_year=2026, end_year=2026, value=Decimal(1),
                  responsible_unit=unit_b)
    return plan


def _submit(submission, user, **over):
    services.cell_save(submission=submission, changes=full_changes(submission, **over), actor=user)
    services.submission_submit(submission=submission, actor=user)


def test_proposals_become_draft_targets(plan, round_, sub_a, sub_b, reporter_a, reporter_b,
                                        unit_a, unit_b, planner):
    _submit(sub_a, reporter_a)
    _submit(sub_b, reporter_b, GRDP_GROWTH=("7,5", "9"), BUDGET_REVENUE=("1.000", "1.150"))
    counts = plan_targets_from_round(actor=planner, plan=plan, round=round_)
    assert counts["skipped"] == 1  # budget revenue already had its target
    targets = {t.indicator.code: t for t in plan.targets.select_related("indicator")}
    assert targets["GRDP_CUR"].value == Decimal(2200) and targets["GRDP_CUR"].comparator == "at_least"
    assert targets["GRDP_CUR"].responsible_unit in (unit_a, unit_b)
    # GRDP growth: two different answers, but the five-year plan gives it to unit A
    assert targets["GRDP_GROWTH"].value == Decimal(8)
    assert targets["GRDP_GROWTH"].responsible_unit == unit_a


def test_row_answered_differently_by_two_units_is_refused(plan, round_, sub_a, sub_b, reporter_a,
                                                          reporter_b, planner):
    _submit(sub_a, reporter_a)
    _submit(sub_b, reporter_b, GRDP_CUR=("2.000", "2.300"))
    before = Target.objects.count()
    with pytest.raises(ValidationError) as info:
        plan_targets_from_round(actor=planner, plan=plan, round=round_)
    message = " ".join(info.value.messages)
    assert "GRDP theo giá hiện hành" in message and "2200" in message and "2300" in message
    assert "Dòng I.2 " in message  # the row named with its group: "Dòng 2" is in every group
    assert Target.objects.count() == before
