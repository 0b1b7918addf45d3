"""What a leader reads on the dashboard: no "70% of plan" beside a ceiling that was beaten."""

from __future__ import annotations

import re
from decimal import Decimal

from kehoach.core.tests.factories import IndicatorFactory, TargetFactory
from kehoach.dashboard.leader import leader_dashboard
from kehoach.dashboard.tests.conftest import value

URL = "/bang-dieu-hanh/"


def test_a_beaten_ceiling_shows_no_share_of_plan(leader, leader_client, board_data, province):
    unemployment = IndicatorFactory(code="UNEMP", name_vi="Tỷ lệ thất nghiệp", unit="%",
                                    direction="down", aggregation="none")
    TargetFactory(plan=board_data["annual"], indicator=unemployment, period="2024",
                  start_year=2024, end_year=2024, comparator="below", value=Decimal(3))
    value(province, unemployment, 2024, "2.1")
    board = leader_dashboard(user=leader, year=2024)
    line = next(x for x in board.lines if x.row.target.indicator_id == unemployment.pk)
    assert line.row.result.item["percent_of_target"] == 70.0  # the evaluation keeps it
    assert line.percent_shown is None and line.words == "Vượt"
    revenue = next(x for x in board.lines if x.row.target.indicator.code == "REVENUE")
    assert revenue.percent_shown == revenue.row.result.item["percent_of_target"]

    body = leader_client.get(URL).content.decode()
    pk = line.row.target.pk
    card = re.search(rf'<article class="ind-card[^"]*" data-target="{pk}">(.*?)</article>',
                     body, re.S).group(1)
    assert "Vượt" in card and "% KH" not in card and "70,0" not in card


def test_a_year_without_figures_shows_no_0_of_0(leader_client, board_data):
    body = leader_client.get(URL, {"year": 2025}).content.decode()
    tiles = re.search(r'<div class="tiles" id="board-tiles">(.*?)</div>\s*<section', body,
                      re.S).group(1)
    assert "0/0" not in tiles
    assert 'id="tile-no-data"' in tiles
