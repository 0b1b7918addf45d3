"""The leaders' dashboard: a leader's home page answers "which targets are we missing?" (not met
and at risk first, with the responsible unit and what is still needed), the planning office
reaches it from the menu, reporters and the public do not; the API and the command say the same;
bad choices are refused with a Vietnamese message; the number of queries does not grow with the
targets."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory, TargetFactory
from kehoach.dashboard.leader import leader_dashboard
from kehoach.dashboard.tests.conftest import value

pytestmark = pytest.mark.django_db
URL = "/bang-dieu-hanh/"
API = "/api/v1/dashboard/"


def _attention_rows(body: str) -> list[str]:
    table = re.search(r'<section class="card" id="attention">(.*?)</section>', body, re.S).group(1)
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr class=\"att-.*?</tr>", table, re.S)
    ]


def test_leader_home_is_the_dashboard_with_missed_targets_first(leader_client, board_data):
    response = leader_client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tình hình thực hiện kế hoạch năm 2024" in body  # the latest year with judged targets
    rows = _attention_rows(body)
    assert len(rows) == 2
    assert "Tăng trưởng GRDP" in rows[0] and "Không đạt" in rows[0] and "Sở A" in rows[0]
    assert "còn cách mục tiêu 1 điểm %" in rows[0]
    assert "KH 5 năm 2021-2025" in rows[1] and "Có nguy cơ không đạt" in rows[1]
    assert (
        "Sở B" in rows[1]
        and "cần tăng bình quân" in rows[1]
        and "%/năm trong 1 năm còn lại" in rows[1]
    )
    assert "1/2 chỉ tiêu đạt và vượt kế hoạch" in body
    assert 'id="overdue"' in body and "Lập đề án chuyển đổi số" in body
    assert "NSNN địa phương" in body and "25,0%" in body  # 50 of 200 disbursed
    assert "vendor/chart.js/dist/chart.umd.js" in body and 'id="board-data"' in body
    data = json.loads(
        re.search(r'id="board-data" type="application/json">(.*?)</script>', body, re.S).group(1)
    )
    assert data["capital"]["plan"] == [200.0] and data["capital"]["disbursed"] == [50.0]
    trend = next(c for c in data["trends"] if c["values"] == [3.0, 4.0, 5.0, 5.0])
    assert trend["labels"] == ["2021", "2022", "2023", "2024"]


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("leader_client", 200),
        ("planner_client", 200),
        ("admin_client_", 200),
        ("reporter_a_client", 403),
        ("reporter_b_client", 403),
        ("anon_client", 302),
    ],
)
def test_who_may_open_the_dashboard(request, client_name, status, board_data):
    response = request.getfixturevalue(client_name).get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("client_name", "status"),
    [
        ("leader_client", 200),
        ("planner_client", 200),
        ("admin_client_", 200),
        ("reporter_a_client", 403),
        ("anon_client", 401),
    ],
)
def test_who_may_read_the_api(request, client_name, status, board_data):
    assert request.getfixturevalue(client_name).get(API).status_code == status


def test_menu_entry_for_the_province_roles_only(
    leader_client, planner_client, reporter_a_client, anon_client
):
    for client in (leader_client, planner_client):
        assert f'href="{URL}"' in client.get(reverse("plans:list")).content.decode()
    for client in (reporter_a_client, anon_client):
        assert f'href="{URL}"' not in client.get(reverse("plans:list")).content.decode()


def test_planning_office_keeps_its_work_on_the_start_page(planner_client, board_data):
    body = planner_client.get(reverse("home")).content.decode()
    assert "Việc đang chờ xử lý" in body and 'id="attention"' not in body


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "Năm phải là một số"),
        ("year=1200", "Năm phải từ 1900"),
        ("year=2024&plan=KHONG-CO", "Không có kế hoạch mã KHONG-CO"),
        ("year=2022&plan=KH2024", "Kế hoạch KH2024 không có chỉ tiêu cho năm 2022"),
    ],
)
def test_bad_choices_are_refused(leader_client, board_data, query, message):
    response = leader_client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    api = leader_client.get(f"{API}?{query}")
    assert api.status_code == 400 and message in json.dumps(api.json(), ensure_ascii=False)


def test_one_plan_and_another_year(leader_client, board_data):
    body = leader_client.get(f"{URL}?year=2024&plan=KH5").content.decode()
    rows = _attention_rows(body)
    assert len(rows) == 1 and "Có nguy cơ không đạt" in rows[0]
    data = leader_client.get(f"{API}?year=2023").json()
    assert data["year"] == 2023 and data["plan"] is None
    assert [p["code"] for p in data["plans"]] == ["KH5"]


def test_api_gives_the_page_s_data(leader_client, board_data):
    data = leader_client.get(API).json()
    assert data["year"] == 2024 and 2024 in data["years"]
    assert [
        (a["indicator"], a["attention"], a["responsible_unit_name"]) for a in data["attention"]
    ] == [("GROWTH", "not_met", "Sở A"), ("GROWTH", "at_risk", "Sở B")]
    assert data["attention"][1]["still_needed"].startswith("cần tăng bình quân")
    assert data["counts"]["met_or_exceeded"] == 1 and data["counts"]["not_met"] == 1
    assert data["overdue_tasks"]["count"] == 1
    assert data["overdue_tasks"]["items"][0]["lead_unit"] == "SO-A"
    assert data["capital"]["year"] == 2024 and data["capital"]["rate"] == 25.0
    assert data["units"][0]["code"] == "SO-A" and data["units"][0]["not_met"] == 1


def test_command_lists_the_missed_targets(board_data):
    out = io.StringIO()
    call_command("dashboard", "--year", "2024", stdout=out)
    text = out.getvalue()
    assert text.startswith("Năm 2024: 1/2 chỉ tiêu đạt và vượt kế hoạch")
    assert "not_met" in text and "at_risk" in text and "Sở A" in text
    out = io.StringIO()
    call_command("dashboard", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["attention"][0]["indicator"] == "GROWTH"


@pytest.mark.parametrize(
    "args",
    [
        ["--year", "abc"],
        ["--plan", "KHONG-CO"],
        ["--indicator", "KHONG-CO"],
        ["--public", "--plan", "KH5"],
    ],
)
def test_command_refuses_bad_input_with_exit_2(board_data, args):
    with pytest.raises(CommandError) as error:
        call_command("dashboard", *args, stdout=io.StringIO())
    assert error.value.returncode == 2


def _more_targets(plan, unit, count):
    for i in range(count):
        indicator = IndicatorFactory(code=f"EXTRA{plan.code}{i}", name_vi=f"Chỉ tiêu thêm {i}")
        TargetFactory(
            plan=plan,
            indicator=indicator,
            period="2024",
            start_year=2024,
            end_year=2024,
            comparator="at_least",
            value=Decimal(10),
        )
        value(unit, indicator, 2024, 5)


def test_query_count_does_not_grow_with_targets(leader, leader_client, board_data, province):
    leader_client.get(URL)
    with CaptureQueriesContext(connection) as before:
        assert leader_client.get(URL).status_code == 200
    _more_targets(board_data["annual"], province, 12)
    extra = PlanFactory(
        code="KH2024-B", unit=province, kind="annual", start_year=2024, end_year=2024
    )
    _more_targets(extra, province, 3)
    with CaptureQueriesContext(connection) as after:
        assert leader_client.get(URL).status_code == 200
    # 29 on SQLite and PostgreSQL: session, user, the years, the year's plans and each plan's
    # evaluation (targets, values, consolidation, overrides), the history, communes then
    # districts, rounds, tasks, capital, and (one, 28 → 29) the units' own judgements
    assert len(before) <= 29, [q["sql"][:100] for q in before]
    # another plan costs its own evaluation (5 queries); more targets cost none
    assert len(after) - len(before) <= 5, (len(before), len(after))
    board = leader_dashboard(user=leader, year=2024)
    assert sum(1 for line in board.attention if line.attention == "not_met") == 1 + 15


@pytest.fixture
def communes(board_data, province, commune):
    from kehoach.core.tests.factories import UnitFactory

    other = UnitFactory(code="XA-2", name="Xã Hai", type="commune", parent=province)
    third = UnitFactory(code="XA-3", name="Phường Ba", type="commune", parent=province)
    revenue, growth = board_data["revenue"], board_data["growth"]
    value(commune, revenue, 2024, 40)
    value(other, revenue, 2024, 70)
    value(third, revenue, 2024, 55, kind="estimate")
    value(third, revenue, 2024, 50)  # the actual figure wins over the estimate
    value(commune, growth, 2024, 6)
    value(other, growth, 2024, 4)
    return commune, other, third


def test_communes_ranked_by_an_indicator(leader_client, communes):
    data = leader_client.get(API).json()["communes"]
    # the first indicator on the leaders' list that communes reported: growth (not met)
    assert data["indicator"] == "GROWTH"
    assert [r["name"] for r in data["rows"]] == ["Xã Một", "Xã Hai"]
    data = leader_client.get(f"{API}?indicator=REVENUE").json()["communes"]
    assert [(r["rank"], r["name"], r["value"]) for r in data["rows"]] == [
        (1, "Xã Hai", 70.0),
        (2, "Phường Ba", 50.0),
        (3, "Xã Một", 40.0),
    ]
    assert data["rows"][0]["quarter"] == "top" and data["rows"][-1]["quarter"] == "bottom"
    assert {i["code"]: i["communes"] for i in data["indicators"]} == {"REVENUE": 3, "GROWTH": 2}
    body = leader_client.get(f"{URL}?indicator=REVENUE").content.decode()
    section = re.search(r'<section class="card" id="communes">(.*?)</section>', body, re.S).group(1)
    assert section.index("Xã Hai") < section.index("Phường Ba") < section.index("Xã Một")


def test_communes_without_values_say_so(leader_client, board_data):
    body = leader_client.get(URL).content.decode()
    assert "Năm 2024 chưa có số liệu của các xã, phường để xếp hạng." in body


def test_unknown_ranking_indicator_is_refused(leader_client, communes):
    for url in (f"{URL}?indicator=KHONG-CO", f"{API}?indicator=KHONG-CO"):
        response = leader_client.get(url)
        assert response.status_code == 400
        assert "không có số liệu xã, phường của chỉ tiêu KHONG-CO" in response.content.decode()


def test_districts_ranked_when_no_commune_reported(leader_client, board_data, province):
    from kehoach.core.tests.factories import UnitFactory

    for code, name, number in (("H-1", "Huyện Một", 120), ("H-2", "Huyện Hai", 300)):
        district = UnitFactory(code=code, name=name, type="district", parent=province)
        value(district, board_data["revenue"], 2024, number)
    data = leader_client.get(API).json()["communes"]
    assert data["level"] == "district" and data["indicator"] == "REVENUE"
    assert [r["name"] for r in data["rows"]] == ["Huyện Hai", "Huyện Một"]
    assert "Các huyện, thị xã, thành phố theo chỉ tiêu" in leader_client.get(URL).content.decode()


@pytest.mark.parametrize("query, field", [
    ("year=", "year"), ("year=true", "year"), ("year=2024&year=2023", "year"),
    ("plan=KH2024&plan=KH2024", "plan"), ("indicator=A&indicator=B", "indicator"),
])
def test_api_refuses_a_choice_that_means_nothing(leader_client, board_data, query, field):
    api = leader_client.get(f"{API}?{query}")
    assert api.status_code == 400 and field in api.json()["error"]["fields"]
    assert leader_client.get(f"{API}?year=2024").json()["year"] == 2024


def test_api_names_the_unknown_ranking_indicator(leader_client, communes):
    api = leader_client.get(f"{API}?indicator=KHONG-CO")
    assert api.status_code == 400 and list(api.json()["error"]["fields"]) == ["indicator"]
