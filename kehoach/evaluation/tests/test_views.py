"""Pages: access for the whole cast, filters, bad input, override form, queries, consolidation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kehoach.evaluation.models import StatusOverride

PLAN_URL = "/danh-gia/ke-hoach/KH-THU/"


def test_anonymous_is_sent_to_login(cast_plan, anon_client):
    for url in ("/danh-gia/", PLAN_URL, "/danh-gia/tong-hop/?year=2024"):
        response = anon_client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("who", ["planner_client", "admin_client_", "leader_client"])
def test_province_wide_users_see_every_target(cast_plan, who, request):
    response = request.getfixturevalue(who).get(PLAN_URL, {"year": 2024})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tổng sản phẩm" in body and "Chỉ tiêu riêng của Sở A" in body
    assert "4.242,5" in body  # A's own figure, Vietnamese number format
    assert "1/2 chỉ tiêu đạt và vượt kế hoạch; 1 chỉ tiêu không đạt" in body
    assert 'class="badge st-exceeded"' in body and "vượt" in body
    assert 'class="badge st-not_met"' in body
    assert "vendor/chart.js/dist/chart.umd.js" in body


def test_reporter_a_sees_only_its_unit(cast_plan, reporter_a_client):
    response = reporter_a_client.get(PLAN_URL, {"year": 2024})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ tiêu riêng của Sở A" in body and "Tổng sản phẩm" not in body


def test_reporter_b_never_sees_unit_a(cast_plan, reporter_b_client):
    response = reporter_b_client.get(PLAN_URL, {"year": 2024})
    body = response.content.decode()
    assert response.status_code == 200
    assert "4.242,5" not in body and "Chỉ tiêu riêng của Sở A" not in body
    assert reporter_b_client.get(PLAN_URL, {"unit": "SO-A"}).status_code == 404
    index = reporter_b_client.get("/danh-gia/").content.decode()
    assert "KH-THU" not in index  # no target of this plan in B's scope


def test_index_lists_plans_and_redirects(cast_plan, planner_client):
    body = planner_client.get("/danh-gia/").content.decode()
    assert "KH-THU" in body
    response = planner_client.get("/danh-gia/", {"plan": "KH-THU", "year": 2024})
    assert response.status_code == 302 and response["Location"] == PLAN_URL + "?year=2024"
    assert planner_client.get("/danh-gia/", {"plan": "KHONG-CO"}).status_code == 404


def test_bad_year_gives_a_clear_message(cast_plan, planner_client):
    response = planner_client.get(PLAN_URL, {"year": "abc"})
    assert response.status_code == 400
    assert "Năm phải là một số" in response.content.decode()
    response = planner_client.get("/danh-gia/tong-hop/", {"year": "1500"})
    assert response.status_code == 400 and "Năm phải từ 1900" in response.content.decode()


def test_filters(cast_plan, planner_client):
    body = planner_client.get(PLAN_URL, {"year": 2024, "not_met": "on"}).content.decode()
    assert "Chỉ tiêu riêng của Sở A" in body and "Tổng sản phẩm" not in body
    body = planner_client.get(PLAN_URL, {"year": 2024, "group": "economy"}).content.decode()
    assert "Tổng sản phẩm" in body and "Chỉ tiêu riêng của Sở A" not in body
    body = planner_client.get(PLAN_URL, {"year": 2024, "status": "exceeded"}).content.decode()
    assert "Tổng sản phẩm" in body and "Chỉ tiêu riêng của Sở A" not in body


def test_drilldown_links_to_the_communes(cast_plan, planner_client):
    body = planner_client.get(PLAN_URL, {"year": 2024}).content.decode()
    assert "unit=XA-1" in body
    response = planner_client.get(PLAN_URL, {"year": 2024, "unit": "XA-1"})
    assert response.status_code == 200


def test_explanation_shows_the_numbers(cast_plan, planner_client):
    body = planner_client.get(PLAN_URL, {"year": 2024}).content.decode()
    assert "Vì sao?" in body and "chỉ tiêu kế hoạch (T)" in body
    assert "tổng hợp từ các đơn vị" in body  # the province's GRDP comes from the commune


def test_override_form_for_the_planning_office_only(cast_plan, planner_client, leader_client,
                                                    reporter_a_client):
    target = cast_plan["t_a"]
    url = reverse("evaluation:override", args=["KH-THU", target.pk])
    data = {"year": 2024, "status": "met", "reason": "Đã xác minh", "action": "set"}
    for client in (leader_client, reporter_a_client):
        assert client.post(url, data).status_code == 403
    assert StatusOverride.objects.count() == 0
    assert 'name="reason"' in planner_client.get(PLAN_URL, {"year": 2024}).content.decode()
    assert 'name="reason"' not in leader_client.get(PLAN_URL, {"year": 2024}).content.decode()
    response = planner_client.post(url, data)
    assert response.status_code == 302
    override = StatusOverride.objects.get()
    assert (override.status, override.reason, override.year) == ("met", "Đã xác minh", 2024)
    body = planner_client.get(PLAN_URL, {"year": 2024}).content.decode()
    assert "Đã xác minh" in body and 'class="badge st-not_met"' in body  # computed kept
    assert "Sau điều chỉnh của cơ quan kế hoạch: 2/2" in body
    planner_client.post(url, {"year": 2024, "action": "clear"})
    assert StatusOverride.objects.get().cleared_at is not None


def test_override_without_reason_is_refused(cast_plan, planner_client):
    url = reverse("evaluation:override", args=["KH-THU", cast_plan["t_a"].pk])
    response = planner_client.post(url, {"year": 2024, "status": "met", "reason": ""},
                                   follow=True)
    assert "Hãy ghi lý do" in response.content.decode()
    assert StatusOverride.objects.count() == 0
    assert planner_client.get(url).status_code == 405


def test_page_query_budget(cast_plan, planner_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(45):
        assert planner_client.get(PLAN_URL, {"year": 2024}).status_code == 200


def test_consolidation_page(cast_plan, planner_client, reporter_b_client,
                            django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        response = planner_client.get("/danh-gia/tong-hop/", {"year": 2024})
    body = response.content.decode()
    assert response.status_code == 200 and "Tỉnh Thử Nghiệm" in body and "GRDP_T" in body
    assert "<strong>Thực hiện</strong>" in body and "<strong>actual</strong>" not in body
    body = reporter_b_client.get("/danh-gia/tong-hop/", {"year": 2024}).content.decode()
    assert "GRDP_T" not in body  # the province is outside B's scope
    assert reporter_b_client.get("/danh-gia/tong-hop/", {"unit": "SO-A"}).status_code == 404


@pytest.mark.django_db
def test_report_downloads_are_linked(cast_plan, planner_client):
    body = planner_client.get(PLAN_URL, {"year": 2024}).content.decode()
    assert "/van-ban/bao-cao/?plan=" in body and "&amp;year=2024" in body
    assert "format=docx" in body and "format=xlsx" in body


def test_summary_when_nothing_is_due_yet():
    from kehoach.evaluation.presenters import summary

    text = summary({"judged": 0, "met_or_exceeded": 0, "not_met": 0})
    assert "Chưa có chỉ tiêu nào đến kỳ" in text and "0/0" not in text
    assert summary({"judged": 4, "met_or_exceeded": 3, "not_met": 1}).startswith("3/4 chỉ tiêu")


def test_summary_when_the_due_targets_have_no_figures():
    """Not "nothing is due" when targets are due but have no figures yet (a leader's first look)."""
    from kehoach.evaluation.presenters import summary

    text = summary({"judged": 0, "met_or_exceeded": 0, "not_met": 0, "no_data": 1})
    assert "chưa có số liệu thực hiện" in text and "Chưa có chỉ tiêu nào đến kỳ" not in text


def test_an_indicator_without_a_unit_shows_no_empty_brackets(cast_plan, planner_client):
    """HDI is an index: no unit, so no "()" after its name."""
    cast_plan["own"].unit = ""
    cast_plan["own"].save()
    body = planner_client.get(PLAN_URL, {"year": 2024}).content.decode()
    assert "Chỉ tiêu riêng của Sở A</td>" in body or "Chỉ tiêu riêng của Sở A<br>" in body
    assert '<span class="muted small">()</span>' not in body
