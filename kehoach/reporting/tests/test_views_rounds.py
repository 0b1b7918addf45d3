"""Rounds pages for the whole cast: list, create/edit, copy, open/close, detail, my submissions,
completeness and its exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kehoach.reporting import services
from kehoach.reporting.models import Milestone, Round, Submission
from kehoach.reporting.selectors import submission_is_late

pytestmark = pytest.mark.django_db
ALL = ["planner_client", "admin_client_", "leader_client", "reporter_a_client",
       "reporter_b_client"]
NON_MANAGERS = ["leader_client", "reporter_a_client", "reporter_b_client"]


@pytest.fixture
def draft_round(planner):
    return services.round_create(actor=planner, code="nhap", title="Đợt còn dự thảo",
                                 kind="six_month_report", base_year=2026, period_start=2026,
                                 period_end=2026)


def round_post(**over):
    data = {
        "code": "kh-2027", "title": "Xây dựng kế hoạch năm 2027", "kind": "annual_plan",
        "legal_number": "2505/UBND-TH", "legal_date": "2026-05-07", "legal_issuer": "UBND tỉnh",
        "base_year": "2026", "period_start": "2027", "period_end": "2027",
        "reminder_offsets": "-3, 1",
        "ms-TOTAL_FORMS": "2", "ms-INITIAL_FORMS": "0",
        "ms-0-name": "Các đơn vị gửi báo cáo", "ms-0-date": "2026-07-15", "ms-0-actor": "units",
        "ms-1-name": "Sở Tài chính tổng hợp", "ms-1-date": "2026-08-15",
        "ms-1-actor": "planning_office",
    }
    data.update(over)
    return data


@pytest.mark.parametrize("name", ["reporting:rounds", "reporting:round-create",
                                  "reporting:round-copy", "reporting:mine"])
def test_anonymous_is_sent_to_login(anon_client, name):
    response = anon_client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["reporting:round", "reporting:completeness",
                                  "reporting:round-edit"])
def test_anonymous_is_sent_to_login_for_a_round(anon_client, round_, name):
    response = anon_client.get(reverse(name, args=[round_.code]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("client_name", ALL)
def test_round_list_for_the_cast(request, round_, draft_round, client_name):
    response = request.getfixturevalue(client_name).get(reverse("reporting:rounds"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Xây dựng kế hoạch năm 2026" in body and "1234/UBND-TH" in body
    assert "15/07/2025" in body and "quá hạn" in body  # the deadline has passed, none sent
    manager = client_name in ("planner_client", "admin_client_")
    assert ("Đợt còn dự thảo" in body) == (client_name != "reporter_a_client"
                                           and client_name != "reporter_b_client")
    assert ("Tạo đợt mới" in body) == manager
    # the share sent counts the user's own units only
    assert ("(0/1)" if client_name.startswith("reporter") else "(0/2)") in body
    assert ("Sao chép từ kỳ trước" in body) == manager


def test_round_list_completeness_counts_submitted(planner_client, planner, sub_a):
    services.cell_save(submission=sub_a, changes=[], actor=planner)
    Submission.objects.filter(pk=sub_a.pk).update(status="submitted",
                                                  submitted_at=dt.datetime(2025, 7, 1,
                                                                           tzinfo=dt.UTC))
    body = planner_client.get(reverse("reporting:rounds")).content.decode()
    assert "50,0%" in body and "(1/2)" in body


@pytest.mark.parametrize("client_name", ["planner_client", "leader_client"])
def test_round_detail_shows_every_assignment(request, round_, client_name):
    response = request.getfixturevalue(client_name).get(reverse("reporting:round",
                                                                args=[round_.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sở A" in body and "Sở B" in body and "Các đơn vị gửi báo cáo" in body
    assert "trễ hạn" in body and 'class="small overdue"' in body
    assert ">2025</dd>" in body and "2.025" not in body  # years are not numbers to group
    assert ("Kết thúc đợt" in body) == (client_name == "planner_client")


def test_round_detail_reporter_sees_only_its_unit(reporter_a_client, round_, sub_a, sub_b):
    response = reporter_a_client.get(reverse("reporting:round", args=[round_.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Biểu mẫu của đơn vị tôi" in body
    assert reverse("reporting:submission", args=[sub_a.pk]) in body
    assert reverse("reporting:submission", args=[sub_b.pk]) not in body and "Sở B" not in body
    assert "Kết thúc đợt" not in body


def test_draft_round_is_hidden_from_reporters(reporter_a_client, draft_round):
    response = reporter_a_client.get(reverse("reporting:round", args=[draft_round.code]))
    assert response.status_code == 404


def test_my_submissions(reporter_a_client, reporter_b_client, sub_a, sub_b):
    body = reporter_a_client.get(reverse("reporting:mine")).content.decode()
    assert reverse("reporting:submission", args=[sub_a.pk]) in body
    assert reverse("reporting:submission", args=[sub_b.pk]) not in body
    body_b = reporter_b_client.get(reverse("reporting:mine")).content.decode()
    assert reverse("reporting:submission", args=[sub_b.pk]) in body_b
    assert reverse("reporting:submission", args=[sub_a.pk]) not in body_b


@pytest.mark.parametrize(("submitted_at", "late"), [
    (None, True),  # not submitted, the deadline of 15/07/2025 has passed
    (dt.datetime(2025, 7, 15, 16, 30, tzinfo=dt.UTC), False),  # 23:30 on the 15th, UTC+7
    (dt.datetime(2025, 7, 15, 17, 30, tzinfo=dt.UTC), True),  # 00:30 on the 16th, UTC+7
])
def test_my_submissions_marks_the_late_ones(reporter_a_client, sub_a, submitted_at, late):
    status = "draft" if submitted_at is None else "submitted"
    Submission.objects.filter(pk=sub_a.pk).update(submitted_at=submitted_at, status=status,
                                                  deadline=dt.date(2025, 7, 15))
    sub_a.refresh_from_db()
    assert submission_is_late(sub_a, on=dt.date(2026, 1, 1)) is late
    response = reporter_a_client.get(reverse("reporting:mine"))
    assert response.status_code == 200
    assert ('<span class="badge st-late">' in response.content.decode()) is late


def test_planner_creates_a_round_with_milestones_and_assignments(planner_client, pl1, unit_a,
                                                                  unit_b):
    response = planner_client.get(reverse("reporting:round-create"))
    assert response.status_code == 200 and "Sở A" in response.content.decode()
    data = round_post(**{"as-templates": [str(pl1.pk)], "as-units": [str(unit_a.pk)],
                         "as-unit_codes": "SO-B"})
    response = planner_client.post(reverse("reporting:round-create"), data)
    assert response.status_code == 302
    round = Round.objects.get(code="kh-2027")
    assert response.url == reverse("reporting:round", args=[round.code])
    assert round.legal_number == "2505/UBND-TH" and round.reminder_offsets == [-3, 1]
    assert list(round.milestones.values_list("name", "actor")) == [
        ("Các đơn vị gửi báo cáo", "units"), ("Sở Tài chính tổng hợp", "planning_office")]
    assert sorted(round.submissions.values_list("unit__code", "deadline")) == [
        ("SO-A", dt.date(2026, 7, 15)), ("SO-B", dt.date(2026, 7, 15))]


@pytest.mark.parametrize("over, message", [
    ({"period_end": "2026", "period_start": "2027"}, "Năm kết thúc phải không nhỏ hơn năm bắt đầu"),
    ({"reminder_offsets": "ba ngày"}, "Nhắc hạn là các số nguyên"),
    ({"ms-0-date": "31/02/2026"}, "Nhập một ngày hợp lệ"),
    ({"as-unit_codes": "KHONG-CO"}, "Không tìm thấy đơn vị “KHONG-CO”"),
])
def test_create_round_bad_input_stores_nothing(planner_client, pl1, over, message):
    response = planner_client.post(reverse("reporting:round-create"), round_post(**over))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Round.objects.filter(code="kh-2027").exists()
    assert not Milestone.objects.exists()


def test_create_round_refused_by_service_stores_nothing(planner_client, pl1, unit_a):
    """No units' milestone and no deadline: round_assign refuses; the round is not kept."""
    data = round_post(**{"ms-0-actor": "planning_office", "as-templates": [str(pl1.pk)],
                         "as-units": [str(unit_a.pk)]})
    response = planner_client.post(reverse("reporting:round-create"), data)
    assert response.status_code == 400
    assert "Chưa có hạn nộp" in response.content.decode()
    assert not Round.objects.filter(code="kh-2027").exists()


@pytest.mark.parametrize("client_name", NON_MANAGERS)
def test_only_the_planning_office_creates_rounds(request, client_name):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("reporting:round-create")).status_code == 403
    assert client.post(reverse("reporting:round-create"), round_post()).status_code == 403
    assert not Round.objects.exists()


def test_edit_round_changes_milestones(planner_client, round_):
    response = planner_client.get(reverse("reporting:round-edit", args=[round_.code]))
    assert response.status_code == 200 and "Các đơn vị gửi báo cáo" in response.content.decode()
    data = round_post(code="ignored", title="Kế hoạch năm 2026 (sửa)", base_year="2025",
                      period_start="2026", period_end="2026")
    response = planner_client.post(reverse("reporting:round-edit", args=[round_.code]), data)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.title == "Kế hoạch năm 2026 (sửa)" and round_.code == "kh-2026"
    assert round_.milestones.count() == 2


def test_edit_open_round_cannot_change_years(planner_client, round_):
    data = round_post(base_year="2030", period_start="2031", period_end="2031")
    response = planner_client.post(reverse("reporting:round-edit", args=[round_.code]), data)
    assert response.status_code == 400
    assert "không đổi được năm" in response.content.decode()
    round_.refresh_from_db()
    assert round_.base_year == 2025


@pytest.mark.parametrize("client_name", NON_MANAGERS)
def test_non_managers_cannot_edit_open_or_close(request, round_, client_name):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("reporting:round-edit", args=[round_.code])).status_code == 403
    assert client.post(reverse("reporting:round-close", args=[round_.code])).status_code == 403
    round_.refresh_from_db()
    assert round_.status == "open"


def test_close_and_reopen_round(planner_client, round_):
    response = planner_client.post(reverse("reporting:round-close", args=[round_.code]),
                                   follow=True)
    assert "Đã kết thúc đợt." in response.content.decode()
    round_.refresh_from_db()
    assert round_.status == "closed"
    response = planner_client.post(reverse("reporting:round-close", args=[round_.code]),
                                   follow=True)
    assert "Chỉ đóng được đợt đang mở." in response.content.decode()
    planner_client.post(reverse("reporting:round-open", args=[round_.code]))
    round_.refresh_from_db()
    assert round_.status == "open"


def test_open_without_assignments_is_refused(planner_client, draft_round):
    response = planner_client.post(reverse("reporting:round-open", args=[draft_round.code]),
                                   follow=True)
    assert "Chưa giao biểu cho đơn vị nào" in response.content.decode()
    draft_round.refresh_from_db()
    assert draft_round.status == "draft"


def test_copy_from_an_earlier_round(planner_client, round_):
    response = planner_client.get(reverse("reporting:round-copy") + f"?source={round_.pk}")
    assert response.status_code == 200 and "Sao chép từ kỳ trước" in response.content.decode()
    response = planner_client.post(reverse("reporting:round-copy"), {
        "source": round_.pk, "code": "kh-2027", "title": "Kế hoạch năm 2027", "years": 1})
    assert response.status_code == 302
    copy = Round.objects.get(code="kh-2027")
    assert copy.copied_from == round_ and copy.status == "draft" and copy.base_year == 2026
    assert copy.submissions.count() == 2
    assert copy.milestones.get().date == dt.date(2026, 7, 15)


def test_copy_with_a_taken_code_is_refused(planner_client, round_):
    response = planner_client.post(reverse("reporting:round-copy"), {
        "source": round_.pk, "code": round_.code, "title": "Trùng", "years": 1})
    assert response.status_code == 400
    assert "đã tồn tại" in response.content.decode()
    assert Round.objects.count() == 1


def test_reporter_cannot_copy(reporter_a_client, round_):
    response = reporter_a_client.post(reverse("reporting:round-copy"), {
        "source": round_.pk, "code": "kh-2027", "title": "X", "years": 1})
    assert response.status_code == 403 and Round.objects.count() == 1


# --- completeness ------------------------------------------------------------------------------

@pytest.mark.parametrize("client_name", ["planner_client", "admin_client_", "leader_client"])
def test_completeness_for_province_wide_roles(request, round_, client_name):
    response = request.getfixturevalue(client_name).get(
        reverse("reporting:completeness", args=[round_.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sở A" in body and "Sở B" in body and "vendor/chart.js/dist/chart.umd.js" in body
    assert 'id="status-chart-data"' in body and "Chưa thực hiện" in body


def test_completeness_reporter_sees_only_its_unit(reporter_b_client, round_):
    body = reporter_b_client.get(reverse("reporting:completeness",
                                         args=[round_.code])).content.decode()
    assert "Sở B" in body and "Sở A" not in body and "SO-A" not in body


def test_completeness_late_filter_and_on_time_rate(planner_client, planner, sub_a, round_):
    services.cell_save(submission=sub_a, changes=[], actor=planner)
    Submission.objects.filter(pk=sub_a.pk).update(
        status="submitted", submitted_at=dt.datetime(2025, 7, 10, tzinfo=dt.UTC))
    url = reverse("reporting:completeness", args=[round_.code])
    body = planner_client.get(url).content.decode()
    assert "Sở A" in body and "Sở B" in body and "50,0%" in body  # on time: A of A and B
    late = planner_client.get(url, {"late": "1"}).content.decode()
    assert "Sở B" in late and 'data-unit="SO-A"' not in late


def test_completeness_exports(planner_client, round_):
    url = reverse("reporting:completeness", args=[round_.code])
    response = planner_client.get(url, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["unit"] for r in rows] == ["SO-A", "SO-B"] and rows[0]["late"] == "có"
    response = planner_client.get(url, {"format": "xlsx", "late": "1"})
    assert response.status_code == 200 and "late" not in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == round_.title and sheet["A4"].value == "SO-A"


def test_completeness_export_reporter_scope(reporter_a_client, round_):
    response = reporter_a_client.get(reverse("reporting:completeness", args=[round_.code]),
                                     {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["unit"] for r in rows] == ["SO-A"]


@pytest.mark.parametrize("client_name", ["planner_client", "admin_client_", "leader_client"])
def test_my_submissions_for_province_wide_roles(request, sub_a, client_name):
    response = request.getfixturevalue(client_name).get(reverse("reporting:mine"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đơn vị của bạn chưa được giao biểu nào." in body  # their unit is the province
    assert reverse("reporting:submission", args=[sub_a.pk]) not in body


def test_round_detail_reporter_b_sees_only_b(reporter_b_client, round_, sub_a, sub_b):
    body = reporter_b_client.get(reverse("reporting:round", args=[round_.code])).content.decode()
    assert reverse("reporting:submission", args=[sub_b.pk]) in body
    assert reverse("reporting:submission", args=[sub_a.pk]) not in body and "Sở A" not in body


def test_admin_may_create_and_leader_may_not_copy(admin_client_, leader_client, round_):
    assert admin_client_.get(reverse("reporting:round-create")).status_code == 200
    response = leader_client.post(reverse("reporting:round-copy"), {
        "source": round_.pk, "code": "kh-2027", "title": "X", "years": 1})
    assert response.status_code == 403 and Round.objects.count() == 1


def test_reporter_sees_its_own_extended_deadline(reporter_a_client, planner_client, round_, sub_a,
                                                 sub_b):
    Submission.objects.filter(pk=sub_a.pk).update(deadline=dt.date(2099, 12, 2))
    mine = reporter_a_client.get(reverse("reporting:rounds")).content.decode()
    assert "02/12/2099" in mine and "quá hạn" not in mine
    office = planner_client.get(reverse("reporting:rounds")).content.decode()
    assert "15/07/2025" in office and "quá hạn" in office
