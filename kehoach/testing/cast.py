"""The fixed cast: a province with two departments (A and B) and a commune, and one user per
role. Reporter B must never see unit A's data."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kehoach.core.models import Role
from kehoach.testing.factories import UnitFactory, UserFactory


@pytest.fixture
def province(db):
    return UnitFactory(code="TINH", name="Tỉnh Thử Nghiệm", type="province")


@pytest.fixture
def unit_a(province):
    return UnitFactory(code="SO-A", name="Sở A", type="department", parent=province)


@pytest.fixture
def unit_b(province):
    return UnitFactory(code="SO-B", name="Sở B", type="department", parent=province)


@pytest.fixture
def commune(province):
    return UnitFactory(code="XA-1", name="Xã Một", type="commune", parent=province)


@pytest.fixture
def planner(province):
    return UserFactory(username="ke_hoach", role=Role.PLANNING, unit=province)


@pytest.fixture
def admin_user(province):
    return UserFactory(
        username="quan_tri", role=Role.ADMIN, unit=province, is_staff=True, is_superuser=True
    )


@pytest.fixture
def reporter_a(unit_a):
    return UserFactory(username="bao_cao_a", role=Role.REPORTER, unit=unit_a)


@pytest.fixture
def reporter_b(unit_b):
    return UserFactory(username="bao_cao_b", role=Role.REPORTER, unit=unit_b)


@pytest.fixture
def leader(province):
    return UserFactory(username="lanh_dao", role=Role.LEADER, unit=province)


def token_client(user=None) -> APIClient:
    """An API client as a program signs in: with the user's token (none: anonymous)."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def planner_client(planner):
    return _client_for(planner)


@pytest.fixture
def admin_client_(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def reporter_a_client(reporter_a):
    return _client_for(reporter_a)


@pytest.fixture
def reporter_b_client(reporter_b):
    return _client_for(reporter_b)


@pytest.fixture
def leader_client(leader):
    return _client_for(leader)


@pytest.fixture
def anon_client(db):
    return Client()
