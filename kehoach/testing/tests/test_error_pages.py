"""Error pages speak Vietnamese and lead back home, for every member of the cast."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

from kehoach.plans.models import Plan

CAST = ["planner_client", "admin_client_", "reporter_a_client", "reporter_b_client",
        "leader_client", "anon_client"]


@pytest.mark.parametrize("client_name", CAST)
def test_missing_page_is_explained_with_a_way_back(request, client_name):
    response = request.getfixturevalue(client_name).get("/ke-hoach/KHONG-CO-KE-HOACH-NAY/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and f'href="{reverse("home")}"' in body
    assert "Not Found" not in body
    assert not Plan.objects.filter(code="KHONG-CO-KE-HOACH-NAY").exists()


def test_anonymous_visitor_is_offered_to_sign_in(anon_client):
    body = anon_client.get("/ke-hoach/KHONG-CO/").content.decode()
    assert f'{reverse("login")}?next=/ke-hoach/KHONG-CO/' in body


def test_signed_in_user_is_not_offered_to_sign_in_again(planner_client):
    body = planner_client.get("/ke-hoach/KHONG-CO/").content.decode()
    assert f'{reverse("login")}?next=' not in body


@pytest.mark.django_db
def test_expired_form_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in body and "tải lại trang" in body


@pytest.mark.django_db
def test_server_error_and_bad_request_pages_render_without_context():
    req = RequestFactory().get("/")
    response = defaults.server_error(req)
    assert response.status_code == 500 and "Lỗi hệ thống" in response.content.decode()
    response = defaults.bad_request(req, Exception("x"))
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_forbidden_page(rf, planner):
    req = rf.get("/")
    req.user = planner
    response = defaults.permission_denied(req, Exception("x"))
    assert response.status_code == 403 and "Không có quyền" in response.content.decode()
