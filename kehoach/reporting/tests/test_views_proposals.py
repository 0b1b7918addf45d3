"""Phụ lục III on the submission page: the unit's proposed tasks and projects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kehoach.reporting import services
from kehoach.reporting.models import ProposalItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def pl3_a(round_, templates, unit_a, planner):
    return services.round_assign(round=round_, units=[unit_a], templates=[templates["PL3"]],
                                 actor=planner)[0]


def post(**over):
    data = {"pr-TOTAL_FORMS": "3", "pr-INITIAL_FORMS": "0",
            "pr-0-kind": "task", "pr-0-text": "Xây dựng đề án chuyển đổi số", "pr-0-lead_unit": "SO-A",
            "pr-0-coordinating_units": "SO-B, TINH", "pr-0-period": "2026-2030",
            "pr-0-product": "Quyết định của UBND tỉnh", "pr-0-cost": "1.500,5",
            "pr-1-kind": "project", "pr-1-text": "Đường nối trung tâm tỉnh", "pr-1-cost": "",
            "pr-2-kind": "task", "pr-2-text": ""}
    data.update(over)
    return data


def test_reporter_saves_proposals(reporter_a_client, pl3_a):
    url = reverse("reporting:submission", args=[pl3_a.pk])
    body = reporter_a_client.get(url).content.decode()
    assert 'id="proposals-form"' in body and 'id="grid"' not in body and "Tải biểu Excel" not in body
    response = reporter_a_client.post(reverse("reporting:proposals", args=[pl3_a.pk]), post())
    assert response.status_code == 302
    items = list(ProposalItem.objects.filter(submission=pl3_a).order_by("position"))
    assert [i.text for i in items] == ["Xây dựng đề án chuyển đổi số", "Đường nối trung tâm tỉnh"]
    assert items[0].cost == Decimal("1500.5") and items[0].lead_unit.code == "SO-A"
    assert sorted(u.code for u in items[0].coordinating_units.all()) == ["SO-B", "TINH"]
    pl3_a.refresh_from_db()
    assert pl3_a.status == "draft"
    body = reporter_a_client.get(url).content.decode()
    assert "Xây dựng đề án chuyển đổi số" in body and 'value="1.500,5"' in body


def test_units_are_chosen_by_name_and_shown_by_name(reporter_a_client, pl3_a, commune):
    """The picker sends codes; typed names (accents ignored) and groups work as well."""
    body = reporter_a_client.get(reverse("reporting:submission", args=[pl3_a.pk])).content.decode()
    assert 'class="unit-picker"' in body and "mã đơn vị" not in body.lower()
    response = reporter_a_client.post(reverse("reporting:proposals", args=[pl3_a.pk]), post(**{
        "pr-0-lead_unit": "", "pr-0-lead_unit__text": "so a",
        "pr-0-coordinating_units": ["@communes:TINH", "SO-B"]}))
    assert response.status_code == 302
    item = ProposalItem.objects.get(submission=pl3_a, position=1)
    assert item.lead_unit.code == "SO-A"
    assert sorted(u.code for u in item.coordinating_units.all()) == ["SO-B", "XA-1"]
    body = reporter_a_client.get(reverse("reporting:submission", args=[pl3_a.pk])).content.decode()
    assert '<input type="hidden" name="pr-0-lead_unit" value="SO-A"><span>Sở A</span>' in body


@pytest.mark.parametrize("over, message", [
    ({"pr-0-cost": "abc"}, "“abc” không phải là số."),
    ({"pr-0-lead_unit": "KHONG-CO"}, "Không tìm thấy đơn vị “KHONG-CO”"),
    ({"pr-0-lead_unit": "Sở AA"}, "có phải: Sở A (SO-A)"),
    ({"pr-0-kind": "khac"}, "Hãy chọn một lựa chọn hợp lệ"),
])
def test_bad_proposal_stores_nothing(reporter_a_client, pl3_a, reporter_a, over, message):
    services.proposal_save(submission=pl3_a, items=[{"kind": "task", "text": "Cũ"}],
                           actor=reporter_a)
    response = reporter_a_client.post(reverse("reporting:proposals", args=[pl3_a.pk]),
                                      post(**over))
    assert response.status_code == 400 and message in response.content.decode()
    assert list(ProposalItem.objects.values_list("text", flat=True)) == ["Cũ"]


def test_proposals_access(reporter_b_client, leader_client, pl3_a, reporter_a):
    services.proposal_save(submission=pl3_a, items=[{"kind": "project", "text": "Dự án X"}],
                           actor=reporter_a)
    assert reporter_b_client.get(reverse("reporting:submission",
                                         args=[pl3_a.pk])).status_code == 404
    assert reporter_b_client.post(reverse("reporting:proposals", args=[pl3_a.pk]),
                                  post()).status_code == 404
    assert leader_client.post(reverse("reporting:proposals", args=[pl3_a.pk]),
                              post()).status_code == 403
    body = leader_client.get(reverse("reporting:submission", args=[pl3_a.pk])).content.decode()
    assert "Dự án X" in body and 'id="proposals-form"' not in body
    assert list(ProposalItem.objects.values_list("text", flat=True)) == ["Dự án X"]


def test_proposals_save_and_page_query_budget(reporter_a_client, pl3_a, commune):
    """Saving Phụ lục III and showing it again cost a fixed number of queries, whatever the
    number of lines and units chosen (the unit pickers show names without a query each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("reporting:proposals", args=[pl3_a.pk])
    page = reverse("reporting:submission", args=[pl3_a.pk])
    many = post(**{"pr-0-coordinating_units": ["SO-B", "TINH", "@communes:TINH"],
                   "pr-1-lead_unit": "SO-B", "pr-1-coordinating_units": ["SO-A", "XA-1"]})
    assert reporter_a_client.post(url, many).status_code == 302
    reporter_a_client.get(page)
    with CaptureQueriesContext(connection) as saving:
        assert reporter_a_client.post(url, many).status_code == 302
    with CaptureQueriesContext(connection) as showing:
        assert reporter_a_client.get(page).status_code == 200
    assert len(saving) <= 32, [q["sql"][:100] for q in saving]
    assert len(showing) <= 16, [q["sql"][:100] for q in showing]


def _rows(n: int, units: list[str]) -> dict:
    data = {"pr-TOTAL_FORMS": str(n), "pr-INITIAL_FORMS": "0"}
    for i in range(n):
        data.update({f"pr-{i}-kind": "task", f"pr-{i}-text": f"Nhiệm vụ {i}",
                     f"pr-{i}-lead_unit": "SO-A", f"pr-{i}-coordinating_units": units,
                     f"pr-{i}-period": "2026-2030", f"pr-{i}-cost": "1,5"})
    return data


def test_saving_costs_the_same_queries_for_2_or_12_lines(reporter_a_client, pl3_a, commune):
    """Saving Phụ lục III took 1,5 s: a query per unit typed, per line, per constraint. Now the
    units of a request are resolved once and the lines and their units inserted in one go."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("reporting:proposals", args=[pl3_a.pk])
    counts = []
    reporter_a_client.post(url, _rows(1, ["SO-B"]))  # then every save replaces earlier lines
    for n in (2, 12):
        with CaptureQueriesContext(connection) as ctx:
            response = reporter_a_client.post(url, _rows(n, ["SO-B", "TINH", "@communes:TINH"]))
        assert response.status_code == 302
        counts.append(len(ctx.captured_queries))
        assert ProposalItem.objects.filter(submission=pl3_a).count() == n
    assert counts[0] == counts[1] and counts[1] <= 30, counts
    item = ProposalItem.objects.get(submission=pl3_a, position=12)
    assert sorted(u.code for u in item.coordinating_units.all()) == ["SO-B", "TINH", "XA-1"]


def test_negative_cost_is_refused_with_a_message(reporter_a, pl3_a):
    with pytest.raises(Exception) as exc:
        services.proposal_save(submission=pl3_a, actor=reporter_a, items=[
            {"kind": "task", "text": "Được"}, {"kind": "task", "text": "Âm", "cost": Decimal("-1")}])
    assert "Dòng 2" in str(exc.value) and "âm" in str(exc.value)
    assert not ProposalItem.objects.filter(submission=pl3_a).exists()
