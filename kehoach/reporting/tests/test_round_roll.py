"""Rounds that roll forward: a copy rolls every year in its title, milestones and columns and
proposes the next code; editing a round saves when blank milestone rows are left."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kehoach.reporting import services
from kehoach.reporting.models import Round
from kehoach.reporting.selectors import template_columns
from kehoach.reporting.services.rounds import roll_years

pytestmark = pytest.mark.django_db


@pytest.fixture
def titled(round_, planner):
    services.round_update(round=round_, actor=planner, data={"row_scope": "own"}, milestones=[
        {"name": "Các sở gửi ƯTH 2025 và KH 2026", "date": dt.date(2025, 7, 15),
         "actor": "units"},
        {"name": "HĐND thông qua KH năm 2026", "date": dt.date(2025, 12, 10),
         "actor": "peoples_council"}])
    return Round.objects.get(pk=round_.pk)


@pytest.mark.parametrize("text, years, expected", [
    ("Xây dựng kế hoạch năm 2026", 1, "Xây dựng kế hoạch năm 2027"),
    ("kh-2026", 1, "kh-2027"),
    ("KH 5 năm 2021-2025", 5, "KH 5 năm 2026-2030"),
    ("Công văn 1234/UBND-TH, 120 ngày", 1, "Công văn 1234/UBND-TH, 120 ngày"),
    ("năm 20260", 1, "năm 20260"),
])
def test_roll_years(text, years, expected):
    assert roll_years(text, years) == expected


def test_copy_rolls_title_milestones_columns_and_proposes_the_code(titled, planner, pl1):
    proposal = services.round_copy_proposal(source=titled)
    assert proposal == {"code": "kh-2027", "title": "Xây dựng kế hoạch năm 2027"}
    copy = services.round_copy(source=titled, actor=planner)
    assert (copy.code, copy.title, copy.row_scope) == ("kh-2027", proposal["title"], "own")
    assert [m.name for m in copy.milestones.order_by("position")] == [
        "Các sở gửi ƯTH 2026 và KH 2027", "HĐND thông qua KH năm 2027"]
    assert copy.milestones.order_by("position").first().date == dt.date(2026, 7, 15)
    labels = [gc.label for gc in template_columns(template=pl1, round=copy)]
    assert "ƯTH 2026" in labels and "KH 2027" in labels
    # the proposed code moves on when it is taken
    assert services.round_copy_proposal(source=titled)["code"] == "kh-2027-2"


def test_copy_with_a_taken_code_names_a_free_one(titled, planner):
    services.round_copy(source=titled, actor=planner)
    with pytest.raises(ValidationError) as info:
        services.round_copy(source=titled, actor=planner, code="kh-2027")
    assert "kh-2027-2" in " ".join(info.value.messages)
    assert Round.objects.count() == 2


def test_copy_page_proposes_the_rolled_code_and_title(titled, planner_client):
    page = planner_client.get(reverse("reporting:round-copy") + f"?source={titled.code}")
    html = page.content.decode()
    assert 'value="kh-2027"' in html and 'value="Xây dựng kế hoạch năm 2027"' in html
    response = planner_client.post(reverse("reporting:round-copy"),
                                   {"source": titled.pk, "code": "", "title": "", "years": 1})
    assert response.status_code == 302
    assert Round.objects.get(code="kh-2027").title == "Xây dựng kế hoạch năm 2027"


def test_copy_api(titled, planner_client, reporter_a_client):
    url = f"/api/v1/rounds/{titled.code}/copy/"
    response = planner_client.post(url, json.dumps({}), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["code"] == "kh-2027" and body["copied_from"] == titled.code
    assert body["milestones"][1]["name"] == "HĐND thông qua KH năm 2027"
    bad = planner_client.post(url, json.dumps({"years": 0}), content_type="application/json")
    assert bad.status_code == 400
    taken = planner_client.post(url, json.dumps({"code": "kh-2027"}),
                                content_type="application/json")
    assert taken.status_code == 400 and "kh-2027-2" in json.dumps(taken.json(), ensure_ascii=False)
    assert reporter_a_client.post(url, json.dumps({}),
                                  content_type="application/json").status_code in (403, 404)
    assert Round.objects.count() == 2


def _edit_post(round_, milestones):
    data = {"title": round_.title, "kind": round_.kind, "base_year": round_.base_year,
            "period_start": round_.period_start, "period_end": round_.period_end,
            "reminder_offsets": "-3, 1, 3", "row_scope": "context",
            "ms-TOTAL_FORMS": str(len(milestones)), "ms-INITIAL_FORMS": "1",
            "ms-MIN_NUM_FORMS": "0", "ms-MAX_NUM_FORMS": "1000"}
    for i, (name, date, actor) in enumerate(milestones):
        data.update({f"ms-{i}-name": name, f"ms-{i}-date": date, f"ms-{i}-actor": actor})
    return data


def test_editing_a_round_with_blank_milestone_rows_saves(round_, planner_client):
    data = _edit_post(round_, [("Các đơn vị gửi báo cáo", "2025-07-20", "units"),
                               ("", "", "units"), ("", "", "planning_office")])
    response = planner_client.post(reverse("reporting:round-edit", args=[round_.code]), data)
    assert response.status_code == 302
    assert [(m.name, m.date) for m in round_.milestones.all()] == [
        ("Các đơn vị gửi báo cáo", dt.date(2025, 7, 20))]


def test_a_half_filled_milestone_row_is_still_refused(round_, planner_client):
    data = _edit_post(round_, [("Các đơn vị gửi báo cáo", "2025-07-20", "units"),
                               ("Tổng hợp", "", "planning_office")])
    response = planner_client.post(reverse("reporting:round-edit", args=[round_.code]), data)
    assert response.status_code == 400
    assert round_.milestones.get().date == dt.date(2025, 7, 15)  # nothing stored


def test_copy_round_command(titled, capsys):
    from django.core.management import call_command

    call_command("copy_round", titled.code)
    assert capsys.readouterr().out.startswith("kh-2027\tXây dựng kế hoạch năm 2027")
    with pytest.raises(SystemExit) as exit_:
        call_command("copy_round", titled.code, "--code", "kh-2027")
    assert exit_.value.code == 1 and "kh-2027-2" in capsys.readouterr().err
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("copy_round", "khong-co")
    assert Round.objects.count() == 2
