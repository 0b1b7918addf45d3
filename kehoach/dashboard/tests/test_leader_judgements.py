"""The units' own judgements beside the at-risk list: shown with the computed class, a unit
saying "có khả năng đạt" of a target at risk flagged first; in the API; never on the public
dashboard."""

from __future__ import annotations

import re

import pytest

from kehoach.dashboard.leader import leader_dashboard
from kehoach.evaluation.services.judgements import judgement_set
from kehoach.plans.models import Target

URL = "/bang-dieu-hanh/"
API = "/api/v1/dashboard/"
REASON = "Các dự án lớn sẽ đi vào hoạt động cuối kỳ"


@pytest.fixture
def judged(board_data, reporter_b):
    target = Target.objects.get(plan=board_data["five"], indicator=board_data["growth"])
    judgement_set(target=target, year=2023, outlook="unlikely", reason="Năm trước",
                  actor=reporter_b)  # another year: not shown for 2024
    judgement_set(target=target, year=2024, outlook="likely", reason=REASON, actor=reporter_b)
    return target


def _section(body: str, name: str) -> str:
    return re.search(rf'<section class="card" id="{name}">(.*?)</section>', body, re.S).group(1)


def test_a_hopeful_unit_beside_a_target_at_risk_is_flagged(leader, leader_client, judged):
    board = leader_dashboard(user=leader, year=2024)
    block = board.judgements
    assert (block["judgeable"], block["judged"], block["disagreements"], block["flagged"]) == (
        1, 1, 1, 1)
    item = block["items"][0]
    assert item["target"] == judged and item["judgement"].reason == REASON
    assert item["line"].attention == "at_risk"

    body = leader_client.get(URL).content.decode()
    section = _section(body, "judgements")
    assert "có khả năng đạt" in section and REASON in section
    assert "Có nguy cơ không đạt" in section
    assert "Đơn vị đánh giá lạc quan hơn tính toán: cần làm rõ" in section
    assert 'class="jd-flagged"' in section and "Năm trước" not in section
    assert "1/1 chỉ tiêu đã có đánh giá của đơn vị chịu trách nhiệm" in section
    # the at-risk list points at it, and the block comes right after the list
    attention = _section(body, "attention")
    assert "đơn vị cho là có khả năng đạt" in attention
    assert body.index('id="attention"') < body.index('id="judgements"') < body.index('id="cards"')
    assert reporter_name(judged) not in section  # the unit speaks, not its officer


def reporter_name(target: Target) -> str:
    judgement = target.judgements.filter(year=2024).get()
    return judgement.by.get_full_name() or judgement.by.username


def test_an_agreeing_judgement_is_not_flagged(leader, judged, reporter_b):
    judgement_set(target=judged, year=2024, outlook="unlikely", reason="Khó bù đắp",
                  actor=reporter_b)
    block = leader_dashboard(user=leader, year=2024).judgements
    assert (block["judged"], block["disagreements"], block["flagged"]) == (1, 0, 0)
    assert block["items"][0]["judgement"].reason == "Khó bù đắp"  # the current one only


def test_no_judgement_says_so(leader_client, board_data):
    section = _section(leader_client.get(URL).content.decode(), "judgements")
    assert "Chưa đơn vị nào tự đánh giá khả năng đạt của 1 chỉ tiêu 5 năm và quy hoạch" in section


def test_judgements_in_the_api(leader_client, judged):
    data = leader_client.get(API).json()["judgements"]
    assert (data["judged"], data["flagged"]) == (1, 1)
    item = data["items"][0]
    assert (item["indicator"], item["judgement"], item["computed"], item["flagged"]) == (
        "GROWTH", "likely", "at_risk", True)
    assert item["reason"] == REASON and "by" not in item


def test_public_dashboard_shows_no_judgement(anon_client, judged, board_data):
    assert board_data["five"].is_published
    for url in ("/cong-khai/", "/api/v1/public/dashboard/"):
        response = anon_client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Tăng trưởng GRDP" in text  # the published plan's target is there
        assert REASON not in text and "Năm trước" not in text
        assert "có khả năng đạt" not in text and "judgement" not in text
        assert reporter_name(judged) not in text
