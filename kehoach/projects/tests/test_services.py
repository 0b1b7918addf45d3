from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kehoach.projects import services
from kehoach.projects.models import Disbursement, NeedScope, Project
from kehoach.projects.selectors import monthly_series, project_list, project_totals


def test_disbursement_rate_against_the_year_plan(road, planner, reporter_a):
    services.disbursement_set(project=road, actor=planner, year=2025, month=1, amount=Decimal(40))
    _row, warning = services.disbursement_set(project=road, actor=planner, year=2025, month=3,
                                              amount=Decimal(60))
    assert warning == ""
    project = project_list(user=reporter_a, year=2025).get(pk=road.pk)
    assert (project.capital_plan, project.disbursed) == (Decimal(400), Decimal(100))


def test_disbursement_above_plan_is_a_warning(road, planner):
    _row, warning = services.disbursement_set(project=road, actor=planner, year=2025, month=6,
                                              amount=Decimal("450,5".replace(",", ".")))
    assert warning == "Giải ngân năm 2025 (450,5 tỷ đồng) vượt kế hoạch vốn năm (400 tỷ đồng)."
    assert Disbursement.objects.get().amount == Decimal("450.5")


def test_negative_disbursement_refused(road, planner):
    with pytest.raises(ValidationError, match="không được âm"):
        services.disbursement_set(project=road, actor=planner, year=2025, month=2, amount=-5)
    with pytest.raises(ValidationError, match="Tháng phải từ 1 đến 12"):
        services.disbursement_set(project=road, actor=planner, year=2025, month=13, amount=5)
    assert not Disbursement.objects.exists()


def test_bad_phase_refused(plan, planner):
    with pytest.raises(ValidationError) as exc:
        services.project_create(actor=planner, plan=plan, name="X", sector="Y tế",
                                funding_source="oda", phase="sau này")
    assert "2021-2025" in str(exc.value.message_dict["phase"])
    assert not Project.objects.exists()


def test_conflicting_edits(road, planner):
    first, second = Project.objects.get(pk=road.pk), Project.objects.get(pk=road.pk)
    services.project_update(project=first, actor=planner, version=1, status="done")
    with pytest.raises(services.ProjectConflict, match="Dự án “Đường nối trung tâm tỉnh”") as raised:
        services.project_update(project=second, actor=planner, version=1, status="stopped")
    assert raised.value.code == "conflict"
    assert (raised.value.details["version"], raised.value.details["your_version"]) == (2, 1)
    assert raised.value.details["changed_by"] == planner.username
    road.refresh_from_db()
    assert road.status == "done"


def test_totals_against_the_plan_need(plan, road, hospital, planner, leader):
    services.resource_need_set(plan=plan, actor=planner, scope=NeedScope.STATE_BUDGET,
                               phase="2021-2030", amount=105000, wording="trên 105.000 tỷ đồng")
    services.disbursement_set(project=road, actor=planner, year=2025, month=2, amount=100)
    services.disbursement_set(project=hospital, actor=planner, year=2025, month=2, amount=25)
    projects = list(project_list(user=leader, plan=plan, year=2025))
    totals = project_totals(projects=projects, year=2025, plan=plan)
    assert (totals.all.investment, totals.all.capital_plan, totals.all.disbursed) == (
        Decimal("2034.5"), Decimal(500), Decimal(125))
    assert totals.all.rate == Decimal("25.0")
    assert [(t.key, t.investment, t.rate) for t in totals.by_source] == [
        ("nsnn_tw", Decimal("1234.5"), Decimal("25.0")), ("nsnn_dp", Decimal(800), Decimal("25.0"))]
    need = totals.needs[0]
    assert (need.need, need.investment, need.need_wording) == (
        Decimal(105000), Decimal("2034.5"), "trên 105.000 tỷ đồng")
    series = monthly_series(projects=projects, year=2025)["series"]
    assert series[0]["cumulative"][1] == Decimal(100) and series[0]["plan"] == Decimal(400)


@pytest.mark.django_db
def test_project_list_by_whom(road, hospital, reporter_b):
    """``user=None`` (the command line, a document) and any signed-in user see every project;
    nobody signed in sees none."""
    from django.contrib.auth.models import AnonymousUser

    assert project_list(user=None).count() == project_list(user=reporter_b).count() == 2
    assert not project_list(user=AnonymousUser()).exists()
