"""Pages of the units app for the whole cast: tree, children (htmx), detail, create, edit, import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kehoach.core.models import AuditEntry
from kehoach.units.models import Unit
from kehoach.units.services import succession_set, unit_create

pytestmark = pytest.mark.django_db
READERS = ["planner_client", "admin_client_", "leader_client", "reporter_a_client", "reporter_b_client"]
NON_EDITORS = ["leader_client", "reporter_a_client", "reporter_b_client"]
EDITORS = ["planner_client", "admin_client_"]


@pytest.fixture
def reform(province, unit_a, unit_b, commune):
    old = unit_create(code="06-cu", gso_code="06", name="Tỉnh Bắc Kạn", type="province",
                      valid_to=dt.date(2025, 6, 30))
    new = unit_create(code="19", gso_code="19", name="Tỉnh Thái Nguyên", type="province",
                      valid_from=dt.date(2025, 7, 1))
    district = unit_create(code="058-cu", name="Thành phố Bắc Kạn", type="district", parent=old,
                           valid_to=dt.date(2025, 6, 30))
    ward = unit_create(code="01843", name="Phường Bắc Kạn", type="commune", parent=new,
                       valid_from=dt.date(2025, 7, 1))
    succession_set(predecessor=old, successor=new, effective=dt.date(2025, 7, 1))
    succession_set(predecessor=district, successor=ward, share="0.5", effective=dt.date(2025, 7, 1))
    return {"old": old, "new": new, "district": district, "ward": ward}


@pytest.mark.parametrize("name", ["units:tree", "units:create", "units:import"])
def test_anonymous_is_sent_to_login(anon_client, name):
    response = anon_client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("view", ["units:detail", "units:children", "units:edit"])
def test_anonymous_is_sent_to_login_for_a_unit(anon_client, unit_a, view):
    response = anon_client.get(reverse(view, args=[unit_a.code]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("client_name", READERS)
def test_tree_for_every_logged_in_user(request, reform, client_name):
    client = request.getfixturevalue(client_name)
    response = client.get(reverse("units:tree"), {"on": "2025-06-30"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tỉnh Bắc Kạn" in body and "Trước 1/7/2025" in body and "Từ 1/7/2025" in body
    assert "Tỉnh Thái Nguyên" in body  # as the successor of Bắc Kạn
    assert "30/06/2025" in body
    assert "Phường Bắc Kạn" not in body  # children are loaded lazily
    assert ("Thêm đơn vị" in body) == (client_name in EDITORS)


def test_tree_after_reform_and_lazy_children(planner_client, reform):
    body = planner_client.get(reverse("units:tree"), {"on": "2025-07-01"}).content.decode()
    assert "Tỉnh Thái Nguyên" in body and "Tỉnh Bắc Kạn" not in body
    assert 'hx-get="/don-vi/19/con/?on=2025-07-01"' in body
    kids = planner_client.get(reverse("units:children", args=["19"]), {"on": "2025-07-01"},
                              HTTP_HX_REQUEST="true")
    assert kids.status_code == 200
    text = kids.content.decode()
    assert "Phường Bắc Kạn" in text and "<html" not in text
    kids = planner_client.get(reverse("units:children", args=["06-cu"]), {"on": "2025-07-01"})
    assert "Thành phố Bắc Kạn" not in kids.content.decode()


def test_search_is_accent_insensitive(reporter_b_client, reform):
    body = reporter_b_client.get(reverse("units:tree"), {"q": "bac kan", "on": "2025-06-30"}).content.decode()
    assert "Tỉnh Bắc Kạn" in body and "Thành phố Bắc Kạn" in body
    assert "2 kết quả cho “bac kan”" in body  # not Phường Bắc Kạn, valid from 1/7/2025 only
    assert len(reporter_b_client.get(reverse("units:tree"), {"q": "bac kan", "on": "2025-06-30"})
               .context["units"]) == 2


def test_bad_date_falls_back_with_message(planner_client, reform):
    response = planner_client.get(reverse("units:tree"), {"on": "30-02-2025"})
    assert response.status_code == 200 and "Ngày không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("client_name", READERS)
def test_detail_for_every_logged_in_user(request, reform, client_name):
    client = request.getfixturevalue(client_name)
    response = client.get(reverse("units:detail", args=["058-cu"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thành phố Bắc Kạn" in body and "Phường Bắc Kạn" in body and "50%" in body
    assert "Tỉnh Bắc Kạn" in body and "30/06/2025" in body


def test_detail_shows_predecessors(leader_client, reform):
    body = leader_client.get(reverse("units:detail", args=["19"])).content.decode()
    assert "Tỉnh Bắc Kạn" in body and "06-cu" in body and "Phường Bắc Kạn" in body


def test_unknown_unit_is_404(planner_client, db):
    assert planner_client.get(reverse("units:detail", args=["KHONG"])).status_code == 404
    assert planner_client.get(reverse("units:children", args=["KHONG"])).status_code == 404


@pytest.mark.parametrize("client_name", NON_EDITORS)
def test_non_editors_cannot_create_edit_or_import(request, unit_a, client_name):
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("units:create")).status_code == 403
    response = client.post(reverse("units:create"), {"code": "NEW", "name": "N", "type": "department"})
    assert response.status_code == 403
    assert client.post(reverse("units:edit", args=["SO-A"]), {"code": "SO-A", "name": "Đổi",
                                                              "type": "department"}).status_code == 403
    assert client.get(reverse("units:import")).status_code == 403
    assert not Unit.objects.filter(code="NEW").exists()
    assert Unit.objects.get(code="SO-A").name == "Sở A"


@pytest.mark.parametrize("client_name", EDITORS)
def test_editors_create_a_department_under_the_province(request, province, client_name):
    client = request.getfixturevalue(client_name)
    form = client.get(reverse("units:create"), {"parent": "TINH"})
    assert form.status_code == 200 and 'value="TINH"' in form.content.decode()
    response = client.post(reverse("units:create"), {
        "code": "SO-TC", "name": "Sở Tài chính", "type": "department", "parent": "TINH",
        "valid_from": "2025-07-01",
    })
    assert response.status_code == 302 and response.url == reverse("units:detail", args=["SO-TC"])
    unit = Unit.objects.get(code="SO-TC")
    assert unit.parent == province and unit.name_ascii == "so tai chinh"
    assert AuditEntry.objects.filter(action="unit_create", object_id=str(unit.pk)).exists()


def test_create_with_bad_input_shows_errors_stores_nothing(planner_client, province):
    response = planner_client.post(reverse("units:create"), {
        "code": "SO-X", "name": "Sở X", "type": "department", "parent": "KHONG",
    })
    assert response.status_code == 200 and "Không có đơn vị mã “KHONG”" in response.content.decode()
    response = planner_client.post(reverse("units:create"), {
        "code": "SO-X", "name": "Sở X", "type": "department", "valid_from": "2025-07-01",
        "valid_to": "2025-01-01",
    })
    assert "phải sau hoặc bằng" in response.content.decode()
    assert not Unit.objects.filter(code="SO-X").exists()


def test_edit_unit_and_cycle_refused(planner_client, province, unit_a):
    url = reverse("units:edit", args=["SO-A"])
    assert 'value="Sở A"' in planner_client.get(url).content.decode()
    response = planner_client.post(url, {"code": "SO-A", "name": "Sở Tài chính", "type": "department",
                                         "parent": "TINH"})
    assert response.status_code == 302
    assert Unit.objects.get(code="SO-A").name == "Sở Tài chính"
    response = planner_client.post(reverse("units:edit", args=["TINH"]), {
        "code": "TINH", "name": "Tỉnh Thử Nghiệm", "type": "province", "parent": "SO-A"})
    assert response.status_code == 200 and "vòng lặp" in response.content.decode()
    assert Unit.objects.get(code="TINH").parent_id is None


def _upload(text: str, name: str = "units.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_import_page_dry_run_then_commit(planner_client, province):
    url = reverse("units:import")
    assert planner_client.get(url).status_code == 200
    text = "code,name,type,parent\nSO-TC,Sở Tài chính,department,TINH\nSO-XD,Sở Xây dựng,sở,TINH\n"
    response = planner_client.post(url, {"file": _upload(text), "locale": "auto", "action": "check"})
    body = response.content.decode()
    assert response.status_code == 200 and "tạo mới 2" in body and "chạy thử" in body
    assert not Unit.objects.filter(code__startswith="SO-").exclude(code__in=["SO-A", "SO-B"]).exists()
    token = response.context["token"]
    response = planner_client.post(url, {"action": "commit", "token": token})
    assert response.status_code == 200 and "tạo mới 2" in response.content.decode()
    assert set(Unit.objects.filter(parent=province).values_list("code", flat=True)) >= {"SO-TC", "SO-XD"}
    # the stash is used once
    again = planner_client.post(url, {"action": "commit", "token": token})
    assert again.status_code == 302
    assert Unit.objects.filter(code="SO-TC").count() == 1


def test_import_page_shows_every_error_and_stores_nothing(planner_client, province):
    text = "code,name,type,parent\nSO-TC,Sở Tài chính,department,KHONG\nSO-XD,Sở Xây dựng,planet,TINH\n"
    response = planner_client.post(reverse("units:import"), {"file": _upload(text), "locale": "auto"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 lỗi" in body and "KHONG" in body and "planet" in body
    assert "Lưu vào hệ thống" not in body
    assert response.context["result"].errors[0].line == 2
    assert not Unit.objects.filter(code__in=["SO-TC", "SO-XD"]).exists()


def test_import_page_without_file(planner_client, db):
    response = planner_client.post(reverse("units:import"), {"locale": "auto"})
    assert response.status_code == 200 and "Hãy chọn một tệp" in response.content.decode()


def test_import_page_binary_file(planner_client, db):
    upload = SimpleUploadedFile("units.csv", bytes(range(256)), content_type="text/csv")
    response = planner_client.post(reverse("units:import"), {"file": upload, "locale": "auto"})
    assert "nhị phân" in response.content.decode()


def test_admin_add_goes_through_the_service(admin_client_, province):
    response = admin_client_.post("/quan-tri/units/unit/add/", {
        "code": "SO-YT", "name": "Sở Y tế", "type": "department", "parent": province.pk,
        "gso_code": "", "email": "",
        "successor_links-TOTAL_FORMS": "0", "successor_links-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="SO-YT")
    assert unit.name_ascii == "so y te"
    assert AuditEntry.objects.filter(action="unit_create", object_id=str(unit.pk)).exists()
    assert admin_client_.get("/quan-tri/units/unit/?q=so+y+te").status_code == 200
    assert admin_client_.get("/quan-tri/units/succession/").status_code == 200
