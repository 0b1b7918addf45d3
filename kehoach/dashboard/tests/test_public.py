"""The public dashboard without a login: published plans only, their targets in plain words with
the latest figures of record (source, date), the consultations open now; never a draft plan, a
figure still waiting in a unit's form, an unofficial figure or anything about people."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from kehoach.consultation.tests.conftest import make_consultation
from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory, UserFactory
from kehoach.dashboard.tests.conftest import value
from kehoach.evaluation.services import override_set
from kehoach.reporting.services import cell_save, submission_transition
from kehoach.reporting.tests.conftest import full_changes
from kehoach.values.models import ReportedValue

pytestmark = pytest.mark.django_db
URL = "/cong-khai/"
API = "/api/v1/public/dashboard/"


def _both(client, query: str = "") -> tuple[str, str]:
    page = client.get(URL + query)
    api = client.get(API + query)
    assert page.status_code == 200 and api.status_code == 200
    return page.content.decode(), json.dumps(api.json(), ensure_ascii=False)


def test_published_plans_in_plain_words_with_source_and_date(anon_client, board_data, planner):
    consultation = make_consultation(actor=planner, slug="du-thao-2026")
    closed = make_consultation(actor=planner, slug="da-dong", days_open=(-30, -1))
    page, api = _both(anon_client)
    assert "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024" in page
    assert "Kế hoạch năm 2024" in page and "Kế hoạch 5 năm 2021-2025" in page
    assert "Không đạt" in page and "Vượt" in page and "Có nguy cơ không đạt" in page
    assert "Năm 2024: 1/2 chỉ tiêu đạt và vượt kế hoạch" in page
    assert "Cục Thống kê" in page and "cập nhật" in page  # the figure's source and date
    assert consultation.title in page and closed.title not in page
    data = json.loads(api)
    annual = data["plans"][0]
    assert annual["code"] == "KH2024" and annual["met_or_exceeded"] == 1
    growth = next(t for t in annual["targets"] if t["indicator"] == "GROWTH")
    assert growth["status_words"] == "Không đạt" and growth["wording"] == "trên 6%"
    assert growth["latest"]["value"] == 5.0 and growth["latest"]["source"] == "Cục Thống kê"
    assert growth["latest"]["year"] == 2024 and growth["latest"]["date"]
    assert [c["slug"] for c in data["consultations"]] == ["du-thao-2026"]


def test_a_draft_plan_never_appears(anon_client, leader_client, board_data, province):
    secret = IndicatorFactory(code="SECRET", name_vi="Chỉ tiêu của dự thảo nội bộ")
    draft = PlanFactory(
        code="KH-NHAP",
        name="Dự thảo kế hoạch chưa công bố",
        unit=province,
        kind="annual",
        start_year=2024,
        end_year=2024,
        status="draft",
    )
    TargetFactory(
        plan=draft,
        indicator=secret,
        period="2024",
        start_year=2024,
        end_year=2024,
        comparator="at_least",
        value=Decimal(77),
    )
    value(province, secret, 2024, 76)
    for query in ("", "?year=2024"):
        page, api = _both(anon_client, query)
        for text in ("KH-NHAP", "Dự thảo kế hoạch chưa công bố", "Chỉ tiêu của dự thảo nội bộ"):
            assert text not in page and text not in api
    # the leaders see it on theirs
    assert (
        "Dự thảo kế hoạch chưa công bố"
        in leader_client.get("/bang-dieu-hanh/?year=2024").content.decode()
    )


def test_a_figure_not_accepted_never_appears(
    anon_client, planner, reporter_a, sub_a, indicators, province, unit_a
):
    plan = PlanFactory(
        code="KH2025",
        name="Kế hoạch năm 2025",
        unit=province,
        kind="annual",
        start_year=2025,
        end_year=2025,
    )
    TargetFactory(
        plan=plan,
        indicator=indicators["BUDGET_REVENUE"],
        period="2025",
        start_year=2025,
        end_year=2025,
        comparator="at_least",
        value=Decimal(900),
    )
    ReportedValue.objects.create(
        indicator=indicators["BUDGET_REVENUE"],
        unit=province,
        period="2025",
        year=2025,
        kind="estimate",
        value=Decimal("555444"),
        reported_by=unit_a,
        reason="khác số của cơ quan thống kê",
    )
    cell_save(
        submission=sub_a,
        changes=full_changes(sub_a, BUDGET_REVENUE=("987.654", "1.100")),
        actor=reporter_a,
    )
    for step in ("draft", "submit"):
        if step == "submit":
            submission_transition(submission=sub_a, action="submit", actor=reporter_a)
        page, api = _both(anon_client, "?year=2025")
        assert "Kế hoạch năm 2025" in page
        for text in ("987.654", "987654", "555.444", "555444"):
            assert text not in page and text not in api
    submission_transition(submission=sub_a, action="accept", actor=planner)
    page, api = _both(anon_client, "?year=2025")
    assert "987.654" in page and "987654" in api  # accepted: now a figure of record
    assert "Báo cáo của" in page and "555444" not in api


def test_nothing_about_people(anon_client, board_data, planner):
    clerk = UserFactory(username="nguoi_nhap_so", first_name="Nguyễn Văn", last_name="Nhập")
    growth = board_data["growth"]
    growth.values.filter(year=2024).update(entered_by=clerk)
    target = board_data["annual"].targets.get(indicator=growth)
    override_set(
        target=target, year=2024, status="met", reason="Lý do nội bộ của văn phòng", actor=planner
    )
    page, api = _both(anon_client)
    for text in ("nguoi_nhap_so", "Nguyễn Văn", planner.username, "Lý do nội bộ"):
        assert text not in page and text not in api


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?year=abc", "Năm phải là một số"),
        ("?year=99999", "Năm phải không quá"),
    ],
)
def test_bad_year_is_refused(anon_client, board_data, query, message):
    page = anon_client.get(URL + query)
    assert page.status_code == 400 and message in page.content.decode()
    api = anon_client.get(API + query)
    assert api.status_code == 400 and message in json.dumps(api.json(), ensure_ascii=False)


@pytest.mark.parametrize("client_name", ["anon_client", "reporter_a_client", "leader_client"])
def test_everyone_may_read_it(request, client_name, board_data):
    client = request.getfixturevalue(client_name)
    assert client.get(URL).status_code == 200 and client.get(API).status_code == 200


def test_command_prints_the_public_figures(board_data):
    out = io.StringIO()
    call_command("dashboard", "--public", "--format", "csv", stdout=out)
    text = out.getvalue()
    assert text.startswith("plan,indicator,indicator_name,wording,status_words,value,year")
    assert "KH2024,GROWTH,Tăng trưởng GRDP,trên 6%,Không đạt,5.0,2024" in text


def test_pages_answer_head_and_refuse_posts(anon_client, leader_client, board_data):
    assert anon_client.head("/").status_code == 200
    assert anon_client.head(URL).status_code == 200
    assert anon_client.post(URL).status_code == 405
    assert leader_client.post("/bang-dieu-hanh/").status_code == 405


@pytest.mark.parametrize("query", ["?year=", "?year=2024.5", "?year=true", "?year=2024&year=2023",
                                   "?year=%C2%B2"])
def test_api_refuses_a_year_that_is_not_one(anon_client, board_data, query):
    api = anon_client.get(API + query)
    assert api.status_code == 400 and "year" in api.json()["error"]["fields"]
    assert anon_client.get(API + "?year=2024").json()["year"] == 2024


def test_an_outlook_without_enough_figures_says_it_cannot_forecast():
    """A multi-year target with a latest figure but too few years to project shows the figure
    beside 'chưa đủ số liệu để dự báo' (not a bare 'chưa đủ số liệu' that contradicts it)."""
    from kehoach.dashboard.figures import OUTLOOK_WORDS
    from kehoach.evaluation.presenters import OUTLOOK_LABELS

    assert str(OUTLOOK_WORDS["not_available"]) == "chưa đủ số liệu để dự báo"
    assert str(OUTLOOK_LABELS["not_available"]) == "Chưa đủ số liệu để dự báo"
