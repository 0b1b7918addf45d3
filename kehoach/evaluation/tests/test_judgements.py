"""The responsible unit's own judgement of a multi-year target (có khả năng đạt / khó đạt / không
đạt), with history, beside the computed class: service, pages, API, command, start page."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from kehoach.core.models import AuditEntry
from kehoach.evaluation.models import TargetJudgement
from kehoach.evaluation.services.judgements import (
    judgement_expected,
    judgement_rows,
    judgement_set,
)
from kehoach.evaluation.tests.conftest import put
from kehoach.testing.factories import IndicatorFactory, PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db
YEAR = 2024
PAGE = "/danh-gia/tu-danh-gia/"
API = "/api/v1/evaluation/judgements/"


@pytest.fixture
def target(province, unit_a):
    """A master-plan target of the province for 2030 that unit A answers for, on track in 2024."""
    plan = PlanFactory(code="QH-2030", kind="master", start_year=2021, end_year=2030,
                       unit=province, status="approved")
    indicator = IndicatorFactory(code="BEDS", name_vi="Số giường bệnh trên 1 vạn dân",
                                 unit="giường", kind="level", aggregation="none")
    for year, value in ((2020, 28), (2021, 29), (2022, 30), (2023, 31), (2024, 32)):
        put(indicator, province, str(year), value)
    return TargetFactory(plan=plan, indicator=indicator, unit=province, period="2030",
                         start_year=2030, end_year=2030, comparator="at_least",
                         value=Decimal("35"), responsible_unit=unit_a)


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_computed_class_is_what_the_unit_is_compared_with(target, reporter_a):
    [row] = judgement_rows(user=reporter_a, year=YEAR)
    assert row.row.section == "progress" and row.row.outlook == "on_track"
    assert row.expected == "likely" and row.judgement is None and not row.disagrees


def test_judgement_expected_mapping():
    assert judgement_expected(section="progress", outlook="on_track") == "likely"
    assert judgement_expected(section="progress", outlook="acceleration_needed") == "difficult"
    assert judgement_expected(section="progress", outlook="at_risk") == "unlikely"
    assert judgement_expected(section="progress", outlook="not_available") is None
    assert judgement_expected(section="annual", status="met") == "likely"
    assert judgement_expected(section="annual", status="not_met") == "unlikely"
    assert judgement_expected(section="annual", status="not_due") is None


def test_a_new_judgement_keeps_the_one_before(target, reporter_a):
    first = judgement_set(target=target, year=YEAR, outlook="likely",
                          reason="Đủ nguồn lực", actor=reporter_a)
    second = judgement_set(target=target, year=YEAR, outlook="difficult",
                           reason="  Bệnh viện mới chậm\x07 tiến độ  ", actor=reporter_a)
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert second.reason == "Bệnh viện mới chậm tiến độ"  # control character dropped
    assert second.unit_id == target.responsible_unit_id and second.by == reporter_a
    assert AuditEntry.objects.filter(action="target_judgement_set").count() == 2
    [row] = judgement_rows(user=reporter_a, year=YEAR)
    assert row.judgement == second and row.history == [first] and row.disagrees


@pytest.mark.parametrize(("changes", "field"), [
    ({"outlook": "chac-chan"}, "outlook"),
    ({"reason": "   "}, "reason"),
    ({"reason": "x" * 2001}, "reason"),
    ({"year": 2019}, "year"),
    ({"year": 2031}, "year"),
])
def test_bad_input_is_refused_and_nothing_stored(target, reporter_a, changes, field):
    data = {"year": YEAR, "outlook": "likely", "reason": "Lý do", **changes}
    with pytest.raises(ValidationError) as exc:
        judgement_set(target=target, actor=reporter_a, **data)
    assert field in exc.value.message_dict
    assert not TargetJudgement.objects.exists()


def test_only_the_responsible_units_reporter_judges(target, reporter_b, planner, leader):
    for user in (reporter_b, planner, leader):
        with pytest.raises(PermissionDenied):
            judgement_set(target=target, year=YEAR, outlook="likely", reason="x", actor=user)
    target.responsible_unit = None
    target.save()
    with pytest.raises(ValidationError, match="chưa giao đơn vị"):
        judgement_set(target=target, year=YEAR, outlook="likely", reason="x", actor=reporter_b)
    assert not TargetJudgement.objects.exists()


def test_an_annual_plans_target_is_not_judged(province, unit_a, reporter_a):
    annual = TargetFactory(plan=PlanFactory(kind="annual", start_year=2024, end_year=2024,
                                            unit=province), unit=province, period="2024",
                           start_year=2024, end_year=2024, responsible_unit=unit_a)
    with pytest.raises(ValidationError, match="kế hoạch 5 năm"):
        judgement_set(target=annual, year=2024, outlook="likely", reason="x", actor=reporter_a)


def test_the_units_page_lists_and_saves(target, reporter_a_client):
    body = reporter_a_client.get(f"{PAGE}?year={YEAR}").content.decode()
    assert "Số giường bệnh trên 1 vạn dân" in body and "judgement-save" not in body
    assert f'action="/danh-gia/tu-danh-gia/{target.pk}/"' in body and "chưa đánh giá" in body
    response = reporter_a_client.post(f"{PAGE}{target.pk}/", {
        "year": YEAR, "outlook": "difficult", "reason": "Dự án bệnh viện chậm giải phóng mặt bằng"})
    assert response.status_code == 302 and f"#j-{target.pk}" in response["Location"]
    judgement = TargetJudgement.objects.get()
    assert judgement.outlook == "difficult"
    body = reporter_a_client.get(f"{PAGE}?year={YEAR}").content.decode()
    assert "khác với tính toán" in body and "1 chỉ tiêu đơn vị đánh giá khác với tính toán" in body
    assert "chậm giải phóng mặt bằng" in body


def test_the_page_refuses_bad_input_with_a_message(target, reporter_a_client):
    response = reporter_a_client.post(f"{PAGE}{target.pk}/", {
        "year": YEAR, "outlook": "difficult", "reason": ""}, follow=True)
    assert "Hãy ghi lý do của đánh giá." in response.content.decode()
    response = reporter_a_client.post(f"{PAGE}{target.pk}/", {
        "year": 1800, "outlook": "xyz", "reason": "a"}, follow=True)
    body = response.content.decode()
    assert "Khả năng đạt không hợp lệ" in body and "Năm phải từ 1900" in body
    assert not TargetJudgement.objects.exists()
    assert reporter_a_client.get(f"{PAGE}?year=abc").status_code == 400


def test_who_may_open_and_post(target, reporter_b_client, leader_client, planner_client,
                               anon_client, reporter_a):
    judgement_set(target=target, year=YEAR, outlook="unlikely", reason="Không đủ vốn",
                  actor=reporter_a)
    body = reporter_b_client.get(f"{PAGE}?year={YEAR}").content.decode()
    assert "Số giường bệnh" not in body and "Không đủ vốn" not in body
    data = {"year": YEAR, "outlook": "likely", "reason": "x"}
    assert reporter_b_client.post(f"{PAGE}{target.pk}/", data).status_code == 404
    assert leader_client.post(f"{PAGE}{target.pk}/", data).status_code == 403
    assert planner_client.post(f"{PAGE}{target.pk}/", data).status_code == 403
    assert anon_client.post(f"{PAGE}{target.pk}/", data).status_code == 302
    assert anon_client.get(PAGE).status_code == 302
    body = leader_client.get(f"{PAGE}?year={YEAR}").content.decode()
    assert "Không đủ vốn" in body and 'name="outlook"' not in body  # leaders read only
    assert TargetJudgement.objects.get().outlook == "unlikely"


def test_beside_the_computed_class_on_the_evaluation_pages(target, reporter_a, leader_client):
    judgement_set(target=target, year=YEAR, outlook="difficult", reason="Chậm giải phóng mặt bằng",
                  actor=reporter_a)
    body = leader_client.get(f"/danh-gia/nam/?year={YEAR}").content.decode()
    assert "Đơn vị tự đánh giá" in body and "Chậm giải phóng mặt bằng" in body
    assert 'class="judgement small disagree"' in body and "judgement-summary" in body
    body = leader_client.get(f"/danh-gia/ke-hoach/QH-2030/?year={YEAR}").content.decode()
    assert "Chậm giải phóng mặt bằng" in body and "khác với tính toán" in body
    body = leader_client.get(f"/danh-gia/nam/?year={YEAR - 1}").content.decode()
    assert "Chậm giải phóng mặt bằng" not in body  # a judgement is of its year


def test_api_lists_posts_and_refuses(target, reporter_a, reporter_b, leader):
    client = _client(reporter_a)
    response = client.post(API, {"target": target.pk, "year": YEAR, "outlook": "difficult",
                                 "reason": "Chậm tiến độ"}, format="json")
    assert response.status_code == 201 and response.json()["outlook"] == "difficult"
    data = client.get(API, {"year": YEAR}).json()
    assert data["judged"] == 1 and data["disagreements"] == 1
    [item] = data["items"]
    assert item["expected"] == "likely" and item["judgement"]["reason"] == "Chậm tiến độ"
    assert item["disagrees"] is True and item["history"] == []
    bad = client.post(API, {"target": target.pk, "year": YEAR, "outlook": "no", "reason": ""},
                      format="json")
    assert bad.status_code == 400 and "outlook" in json.dumps(bad.json())
    assert client.post(API, {"target": "abc"}, format="json").status_code == 400
    assert _client(reporter_b).get(API, {"year": YEAR}).json()["items"] == []
    post = {"target": target.pk, "year": YEAR, "outlook": "likely", "reason": "x"}
    assert _client(reporter_b).post(API, post, format="json").status_code == 404
    assert _client(leader).post(API, post, format="json").status_code == 403
    assert APIClient().get(API).status_code == 401
    assert _client(leader).get(API, {"year": YEAR, "disagree": "true"}).json()["total"] == 1
    year = _client(leader).get("/api/v1/evaluation/year/", {"year": YEAR}).json()
    [row] = [i for i in year["items"] if i["indicator"] == "BEDS"]
    assert row["unit_judgement"]["outlook"] == "difficult" and row["judgement_disagrees"]
    assert TargetJudgement.objects.count() == 1


def test_command(target, reporter_a, unit_b):
    judgement_set(target=target, year=YEAR, outlook="difficult", reason="Chậm", actor=reporter_a)
    out = io.StringIO()
    call_command("judgements", "--year", str(YEAR), "--format", "json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["indicator"] == "BEDS" and row["computed"] == "on_track"
    assert row["judgement"] == "difficult" and row["disagrees"] is True
    out = io.StringIO()
    call_command("judgements", "--year", str(YEAR), "--unit", "SO-B", "--format", "csv", stdout=out)
    assert out.getvalue().strip().count("\n") == 0  # the header only
    with pytest.raises(CommandError, match="unknown unit"):
        call_command("judgements", "--unit", "KHONG-CO", stdout=io.StringIO())


def test_start_page_card(target, reporter_a_client, reporter_b_client, monkeypatch):
    import datetime as dt

    from django.utils import timezone
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(YEAR + 1, 6, 1))
    body = reporter_a_client.get("/").content.decode()
    assert 'id="my-judgements"' in body and "đã đánh giá 0/1 chỉ tiêu" in body
    assert 'id="my-judgements"' not in reporter_b_client.get("/").content.decode()


def test_the_office_filters_by_unit(target, reporter_a, planner_client, reporter_b_client,
                                    unit_b):
    judgement_set(target=target, year=YEAR, outlook="difficult", reason="Chậm", actor=reporter_a)
    body = planner_client.get(f"{PAGE}?year={YEAR}&unit=SO-A&disagree=on").content.decode()
    assert "Số giường bệnh" in body and 'name="outlook"' not in body
    assert "Số giường bệnh" not in planner_client.get(
        f"{PAGE}?year={YEAR}&unit=SO-B").content.decode()
    assert planner_client.get(f"{PAGE}?unit=KHONG-CO").status_code == 400
    assert reporter_b_client.get(f"{PAGE}?year={YEAR}&unit=SO-A").status_code == 404


@pytest.mark.parametrize("query, field", [
    ("disagree=%C3%81", "disagree"), ("disagree=on", "disagree"), ("disagree=", "disagree"),
    ("disagree=true&disagree=false", "disagree"), ("year=", "year"), ("year=true", "year"),
    ("year=2024&year=2023", "year"),
])
def test_api_refuses_a_filter_that_means_nothing(query, field, target, leader):
    response = _client(leader).get(f"{API}?{query}")
    assert response.status_code == 400 and field in response.json()["error"]["fields"]


def test_api_disagree_true_or_false(target, leader):
    client = _client(leader)
    assert len(client.get(f"{API}?year={YEAR}&disagree=false").json()["items"]) == 1
    assert client.get(f"{API}?year={YEAR}&disagree=true").json()["items"] == []


def test_api_refuses_an_unknown_field(target, reporter_a):
    response = _client(reporter_a).post(API, {"target": target.pk, "year": YEAR,
                                              "outlook": "difficult", "reason": "Thiếu vốn",
                                              "expected": "likely"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["expected"]
    assert not TargetJudgement.objects.exists()
