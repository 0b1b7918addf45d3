"""Django's own admin pages in Vietnamese: no English labels left over from the libraries."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH = ["Tasks Database Backend", "Toggle theme", "Auth Token", "Django site admin",
           "Site administration", "Django administration"]


def test_admin_index_has_no_english_labels(admin_client_):
    response = admin_client_.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US")
    body = response.content.decode()
    assert response.status_code == 200
    assert [word for word in ENGLISH if word in body] == []
    assert "Hàng đợi việc chạy nền" in body and "Khoá truy cập API" in body
    assert "<title>Quản trị hệ thống | Quản trị kehoach</title>" in body
