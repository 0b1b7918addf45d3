"""The home page sends a reporter straight to the forms of its unit."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("client_name", "sees_link"), [
    ("reporter_a_client", True), ("reporter_b_client", True), ("planner_client", False),
    ("leader_client", False), ("admin_client_", False), ("anon_client", False),
])
def test_home_links_reporters_to_their_forms(request, client_name, sees_link):
    response = request.getfixturevalue(client_name).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert (f'href="{reverse("reporting:mine")}"' in body) is sees_link
    assert ("Biểu mẫu của đơn vị tôi" in body) is sees_link


@pytest.mark.parametrize(("client_name", "sees_link"), [
    ("admin_client_", True), ("planner_client", False), ("reporter_a_client", False),
    ("reporter_b_client", False), ("leader_client", False), ("anon_client", False),
])
def test_only_the_administrator_is_shown_the_admin_site(request, client_name, sees_link):
    response = request.getfixturevalue(client_name).get(reverse("home"))
    assert response.status_code == 200
    assert (f'href="{reverse("admin:index")}"' in response.content.decode()) is sees_link
